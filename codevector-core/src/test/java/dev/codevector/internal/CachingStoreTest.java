package dev.codevector.internal;

import dev.codevector.spi.Store;
import dev.codevector.testing.StoreContract;
import java.time.Duration;

/** The caching store keeps the whole Store contract. */
final class CachingStoreTest extends StoreContract {
  @Override
  protected Store newStore() {
    return Store.cached(Store.inMemory(), Duration.ofSeconds(1));
  }
}
