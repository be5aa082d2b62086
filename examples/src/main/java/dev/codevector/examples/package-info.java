/** Small runnable programs that use only CodeVector's public API. */
package dev.codevector.examples;
