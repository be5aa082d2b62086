package dev.codevector.store;

import dev.codevector.spi.AccessStore;
import dev.codevector.spi.LimitStore;
import dev.codevector.spi.RegistryStore;
import dev.codevector.spi.SettingStore;
import dev.codevector.spi.Store;
import dev.codevector.spi.UsageStore;

/**
 * A {@link Store} that keeps everything in memory: for tests, demos and embedded use where nothing
 * must survive the process. One lock guards everything: writes are rare and small, and a single
 * lock makes every write, cascades across concerns included, trivially atomic.
 *
 * <p>This class is thread-safe. Closing it does nothing.
 */
public final class InMemoryStore implements Store {
  private final RegistryStore registry;
  private final AccessStore access;
  private final UsageStore usage;
  private final LimitStore limits;
  private final SettingStore settings;

  /** Creates an empty store. */
  public InMemoryStore() {
    Tables tables = new Tables();
    this.registry = new InMemoryRegistryStore(tables);
    this.access = new InMemoryAccessStore(tables);
    this.usage = new InMemoryUsageStore(tables.lock);
    this.limits = new InMemoryLimitStore(tables);
    this.settings = new InMemorySettingStore(tables);
  }

  @Override
  public RegistryStore registry() {
    return registry;
  }

  @Override
  public AccessStore access() {
    return access;
  }

  @Override
  public UsageStore usage() {
    return usage;
  }

  @Override
  public LimitStore limits() {
    return limits;
  }

  @Override
  public SettingStore settings() {
    return settings;
  }

  @Override
  public void close() {}
}
