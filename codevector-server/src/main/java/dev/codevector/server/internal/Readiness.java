package dev.codevector.server.internal;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Answers {@code /readyz}: 200 while the database answers, 503 with {@code
 * {"status":"unavailable","reason":"database"}} while it does not. One check of the database serves
 * every probe for a second, so fast probes cost no more than one check a second; a probe waits for
 * a check for at most a second and counts a slower one as unavailable, while the check goes on and
 * serves the probes after it.
 *
 * <p>This class is thread-safe.
 */
public final class Readiness {
  private static final long FRESH_NANOS = Duration.ofSeconds(1).toNanos();
  private static final long WAIT_NANOS = Duration.ofSeconds(1).toNanos();
  private static final String READY = "{\"status\":\"ready\"}";
  private static final String UNAVAILABLE = "{\"status\":\"unavailable\",\"reason\":\"database\"}";

  private final BooleanSupplier database;
  private final Executor checks;
  // Guarded by this: the latest check, and when it started
  private CompletableFuture<Boolean> latest;
  private long startedAt;

  /**
   * Creates the probe.
   *
   * @param database checks that the database answers; it must not throw
   * @param checks where checks run
   */
  public Readiness(BooleanSupplier database, Executor checks) {
    this.database = database;
    this.checks = checks;
  }

  /**
   * Answers a readiness probe.
   *
   * @param ctx the probe's request
   */
  public void answer(Context ctx) {
    boolean ready = isReady(System.nanoTime());
    ctx.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .contentType("application/json")
        .result(ready ? READY : UNAVAILABLE);
  }

  /** Tells whether the database answers, by the latest check if it is fresh, else a new one. */
  boolean isReady(long nowNanos) {
    CompletableFuture<Boolean> check = check(nowNanos);
    try {
      return check.get(WAIT_NANOS, TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private synchronized CompletableFuture<Boolean> check(long nowNanos) {
    if (latest == null || (latest.isDone() && nowNanos - startedAt >= FRESH_NANOS)) {
      startedAt = nowNanos;
      latest = CompletableFuture.supplyAsync(database::getAsBoolean, checks);
    }
    return latest;
  }
}
