/**
 * Wire-level vocabulary shared by the router, its callers and upstream adapters: the {@link
 * dev.codevector.wire.Dialect dialects} CodeVector speaks and the {@link
 * dev.codevector.wire.SseEvent server-sent events} streams are made of.
 */
package dev.codevector.wire;
