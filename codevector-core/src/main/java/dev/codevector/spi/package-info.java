/**
 * Interfaces for implementors: {@link dev.codevector.spi.Store}, where CodeVector keeps its data.
 * Each comes with a written contract, and the store contract is proven by the abstract test suite
 * published in core's test jar ({@code dev.codevector.testing.StoreContract}).
 */
package dev.codevector.spi;
