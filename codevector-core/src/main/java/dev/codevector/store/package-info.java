/**
 * Ready-made {@link dev.codevector.spi.Store}s: {@link dev.codevector.store.InMemoryStore}, which
 * keeps everything in memory, and {@link dev.codevector.store.CachingStore}, which keeps the reads
 * of the request path in memory in front of another store.
 */
package dev.codevector.store;
