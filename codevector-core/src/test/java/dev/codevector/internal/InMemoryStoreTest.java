package dev.codevector.internal;

import dev.codevector.spi.Store;
import dev.codevector.testing.StoreContract;

final class InMemoryStoreTest extends StoreContract {
  @Override
  protected Store newStore() {
    return Store.inMemory();
  }
}
