/**
 * The contract kit of CodeVector's store SPI: abstract JUnit test suites, one per concern of {@link
 * dev.codevector.spi.Store}, that a Store implementation extends to prove it keeps the contract.
 * Open, so that JUnit reaches the suites' test methods.
 */
open module dev.codevector.testkit {
  requires transitive dev.codevector.core;
  requires transitive org.junit.jupiter.api;

  exports dev.codevector.testkit;
}
