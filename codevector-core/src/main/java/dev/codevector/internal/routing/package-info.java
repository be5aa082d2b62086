/**
 * The failover router and what it needs: scanning and rewriting request bodies, reading upstream
 * streams, circuit breakers per Backend, usage and error shapes per dialect.
 */
package dev.codevector.internal.routing;
