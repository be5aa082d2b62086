/**
 * The server's internals: start-up steps, the proxy and admin endpoints, error bodies per dialect.
 * Not API.
 */
package dev.codevector.server.internal;
