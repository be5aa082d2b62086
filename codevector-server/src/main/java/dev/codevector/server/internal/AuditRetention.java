package dev.codevector.server.internal;

import dev.codevector.Clock;
import dev.codevector.spi.AuditStore;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the audit trail to its retention: removes the entries older than the retention once at
 * {@link #start start}, then once a day on a background thread, until {@link #close closed}. A
 * purge that fails is logged and tried again at the next one; it never stops the server.
 *
 * <p>This class is thread-safe.
 */
public final class AuditRetention implements AutoCloseable {
  /** How often the trail is purged after the first time. */
  static final Duration EVERY = Duration.ofDays(1);

  private static final System.Logger LOG = System.getLogger(AuditRetention.class.getName());

  private final AuditStore audit;
  private final Clock clock;
  private final Duration retention;
  private final ScheduledExecutorService thread;

  AuditRetention(AuditStore audit, Clock clock, Duration retention) {
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retention = Objects.requireNonNull(retention, "retention");
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("codevector-audit-retention").daemon().factory());
  }

  /**
   * Purges the trail now, then schedules a purge every day.
   *
   * @param audit the audit trail
   * @param retention how long an entry is kept
   * @return the running retention; the caller closes it
   */
  public static AuditRetention start(AuditStore audit, Duration retention) {
    AuditRetention running = new AuditRetention(audit, Clock.system(), retention);
    running.purge();
    running.thread.scheduleAtFixedRate(
        running::purge, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return running;
  }

  /**
   * Removes the entries made longer than the retention ago.
   *
   * @return how many were removed; 0 if the purge failed
   */
  int purge() {
    try {
      int removed = audit.pruneAudit(clock.instant().minus(retention));
      if (removed > 0) {
        LOG.log(
            System.Logger.Level.INFO,
            "removed " + removed + " audit entries older than " + retention.toDays() + " days");
      }
      return removed;
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot purge the audit trail; retrying tomorrow", e);
      return 0;
    }
  }

  /** Stops the daily purge; one running finishes first. */
  @Override
  public void close() {
    thread.shutdown();
  }
}
