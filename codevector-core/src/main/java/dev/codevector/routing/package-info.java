/** Routing requests for a Model to its Backends, with failover. */
package dev.codevector.routing;
