/**
 * JMH benchmarks of CodeVector's in-process routing: what a request costs between the caller's
 * bytes and the upstream's bytes, with the upstream answering from memory so the network is left
 * out.
 */
package dev.codevector.benchmarks;
