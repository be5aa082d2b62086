/**
 * A custom {@link dev.codevector.spi.Store}: the in-memory store made durable by a write-ahead
 * journal of JSON lines, proven by the store contracts of {@code codevector-testkit}.
 */
package dev.codevector.examples.store;
