/**
 * The entry point of the CodeVector library: {@link dev.codevector.CodeVector} wires a {@link
 * dev.codevector.spi.Store}, a key-encryption key and a {@link dev.codevector.Clock} into a
 * ready-to-use registry. Applications that embed CodeVector start here.
 */
package dev.codevector;
