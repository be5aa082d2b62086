/**
 * CodeVector core: the registry and model lifecycle, envelope-encrypted credentials, access control
 * and usage records, the bundled catalog, the Store and Upstream SPIs with the in-memory and
 * caching stores ({@code dev.codevector.store}), and the failover router. The other implementations
 * live in {@code dev.codevector.internal}, which is not exported.
 */
module dev.codevector.core {
  requires transitive com.google.crypto.tink;
  requires transitive okhttp3;
  requires com.fasterxml.jackson.databind;
  requires com.github.benmanes.caffeine;
  requires software.amazon.awssdk.http.auth.aws;
  requires software.amazon.awssdk.http.auth.spi;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.identity.spi;
  requires software.amazon.eventstream;

  exports dev.codevector;
  exports dev.codevector.access;
  exports dev.codevector.audit;
  exports dev.codevector.catalog;
  exports dev.codevector.limits;
  exports dev.codevector.registry;
  exports dev.codevector.routing;
  exports dev.codevector.spi;
  exports dev.codevector.store;
  exports dev.codevector.usage;
  exports dev.codevector.vault;
  exports dev.codevector.wire;
}
