package dev.codevector.testkit;

import dev.codevector.spi.Store;
import dev.codevector.store.InMemoryStore;

final class InMemoryAuditStoreTest extends AuditStoreContract {
  @Override
  protected Store newStore() {
    return new InMemoryStore();
  }
}
