package dev.codevector.testkit;

import dev.codevector.spi.AccessStore;
import dev.codevector.spi.AuditStore;
import dev.codevector.spi.LimitStore;
import dev.codevector.spi.RegistryStore;
import dev.codevector.spi.SessionStore;
import dev.codevector.spi.SettingStore;
import dev.codevector.spi.Store;
import dev.codevector.spi.UsageStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the store contracts share: a new, empty store for each test, closed after it, and its
 * concerns. Extend the contract of each concern: {@link RegistryStoreContract}, {@link
 * AccessStoreContract}, {@link UsageStoreContract}, {@link LimitStoreContract}, {@link
 * SettingStoreContract}, {@link SessionStoreContract} and {@link AuditStoreContract}.
 */
public abstract class StoreContract {
  private Store store;

  /** Creates the contract; a subclass supplies the store. */
  protected StoreContract() {}

  /**
   * Returns a new, empty store.
   *
   * @return the store under test
   */
  protected abstract Store newStore();

  @BeforeEach
  final void openStore() {
    store = newStore();
  }

  @AfterEach
  final void closeStore() {
    store.close();
  }

  /**
   * Returns the registry of the store under test.
   *
   * @return its registry
   */
  protected final RegistryStore registry() {
    return store.registry();
  }

  /**
   * Returns the access control of the store under test.
   *
   * @return its access control
   */
  protected final AccessStore access() {
    return store.access();
  }

  /**
   * Returns the usage records of the store under test.
   *
   * @return its usage records
   */
  protected final UsageStore usage() {
    return store.usage();
  }

  /**
   * Returns the limits and counters of the store under test.
   *
   * @return its limits
   */
  protected final LimitStore limits() {
    return store.limits();
  }

  /**
   * Returns the settings of the store under test.
   *
   * @return its settings
   */
  protected final SettingStore settings() {
    return store.settings();
  }

  /**
   * Returns the console sessions of the store under test.
   *
   * @return its sessions
   */
  protected final SessionStore sessions() {
    return store.sessions();
  }

  /**
   * Returns the audit trail of the store under test.
   *
   * @return its audit entries
   */
  protected final AuditStore audit() {
    return store.audit();
  }
}
