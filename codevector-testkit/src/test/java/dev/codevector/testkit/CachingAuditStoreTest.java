package dev.codevector.testkit;

import dev.codevector.spi.Store;
import dev.codevector.store.CachingStore;
import dev.codevector.store.InMemoryStore;
import java.time.Duration;

final class CachingAuditStoreTest extends AuditStoreContract {
  @Override
  protected Store newStore() {
    return new CachingStore(new InMemoryStore(), Duration.ofSeconds(1));
  }
}
