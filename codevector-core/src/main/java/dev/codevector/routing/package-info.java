/**
 * Routing requests for a Model to its Backends, with failover. Callers send a {@link
 * dev.codevector.routing.RouteRequest} in any dialect to the {@link dev.codevector.routing.Router}
 * and read a {@link dev.codevector.routing.RouteResponse} in the same dialect; a {@link
 * dev.codevector.routing.RouterListener} observes attempts and outcomes.
 */
package dev.codevector.routing;
