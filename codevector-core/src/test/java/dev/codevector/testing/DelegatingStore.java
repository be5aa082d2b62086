package dev.codevector.testing;

import dev.codevector.spi.AccessStore;
import dev.codevector.spi.AuditStore;
import dev.codevector.spi.LimitStore;
import dev.codevector.spi.RegistryStore;
import dev.codevector.spi.SessionStore;
import dev.codevector.spi.SettingStore;
import dev.codevector.spi.Store;
import dev.codevector.spi.UsageStore;
import java.util.Objects;

/**
 * A {@link Store} that hands every concern to a real one: tests override the accessors of the
 * concerns they count, hold or break. Closing it does nothing.
 */
public class DelegatingStore implements Store {
  private final Store delegate;

  /**
   * Creates the store.
   *
   * @param delegate the store that does the work
   */
  public DelegatingStore(Store delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public RegistryStore registry() {
    return delegate.registry();
  }

  @Override
  public AccessStore access() {
    return delegate.access();
  }

  @Override
  public UsageStore usage() {
    return delegate.usage();
  }

  @Override
  public LimitStore limits() {
    return delegate.limits();
  }

  @Override
  public SettingStore settings() {
    return delegate.settings();
  }

  @Override
  public SessionStore sessions() {
    return delegate.sessions();
  }

  @Override
  public AuditStore audit() {
    return delegate.audit();
  }

  @Override
  public void close() {}
}
