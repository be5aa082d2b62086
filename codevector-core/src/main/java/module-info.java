/**
 * CodeVector core: the registry and model lifecycle, envelope-encrypted credentials, the bundled
 * catalog and the Store SPI. Implementations live in {@code dev.codevector.internal}, which is not
 * exported.
 */
module dev.codevector.core {
  requires transitive com.google.crypto.tink;
  requires com.fasterxml.jackson.databind;

  exports dev.codevector;
  exports dev.codevector.catalog;
  exports dev.codevector.registry;
  exports dev.codevector.spi;
  exports dev.codevector.vault;
}
