/**
 * Implementations behind CodeVector's public interfaces: the registry service, the in-memory store,
 * the Tink-based credential vault. Not API: nothing here is exported, and it may change in any
 * release.
 */
package dev.codevector.internal;
