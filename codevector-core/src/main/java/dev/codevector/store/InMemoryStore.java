package dev.codevector.store;

import dev.codevector.spi.AbstractStore;
import dev.codevector.spi.Store;

/**
 * A {@link Store} that keeps everything in memory: for tests, demos and embedded use where nothing
 * must survive the process. One lock guards everything: writes are rare and small, and a single
 * lock makes every write, cascades across concerns included, trivially atomic.
 *
 * <p>This class is thread-safe. Closing it does nothing.
 */
public final class InMemoryStore extends AbstractStore {

  /** Creates an empty store. */
  public InMemoryStore() {
    this(new Tables());
  }

  private InMemoryStore(Tables tables) {
    super(
        new InMemoryRegistryStore(tables),
        new InMemoryAccessStore(tables),
        new InMemoryUsageStore(tables.lock),
        new InMemoryLimitStore(tables),
        new InMemorySettingStore(tables),
        new InMemorySessionStore(tables.lock),
        new InMemoryAuditStore(tables.lock));
  }

  @Override
  public void close() {}
}
