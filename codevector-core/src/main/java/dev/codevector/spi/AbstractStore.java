package dev.codevector.spi;

import java.util.Objects;

/**
 * A {@link Store} made of one object per concern, given at construction, as most implementations
 * are; a subclass adds what {@link #close()} releases.
 */
public abstract class AbstractStore implements Store {
  private final RegistryStore registry;
  private final AccessStore access;
  private final UsageStore usage;
  private final LimitStore limits;
  private final SettingStore settings;
  private final SessionStore sessions;
  private final AuditStore audit;

  /**
   * Creates the store from its concerns.
   *
   * @param registry the registry's data
   * @param access the access control's data
   * @param usage the usage records
   * @param limits the budgets and rate limits
   * @param settings the settings
   * @param sessions the admin console's sessions
   * @param audit the audit trail
   */
  protected AbstractStore(
      RegistryStore registry,
      AccessStore access,
      UsageStore usage,
      LimitStore limits,
      SettingStore settings,
      SessionStore sessions,
      AuditStore audit) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.access = Objects.requireNonNull(access, "access");
    this.usage = Objects.requireNonNull(usage, "usage");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  @Override
  public final RegistryStore registry() {
    return registry;
  }

  @Override
  public final AccessStore access() {
    return access;
  }

  @Override
  public final UsageStore usage() {
    return usage;
  }

  @Override
  public final LimitStore limits() {
    return limits;
  }

  @Override
  public final SettingStore settings() {
    return settings;
  }

  @Override
  public final SessionStore sessions() {
    return sessions;
  }

  @Override
  public final AuditStore audit() {
    return audit;
  }
}
