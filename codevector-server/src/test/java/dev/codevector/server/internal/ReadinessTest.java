package dev.codevector.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class ReadinessTest {
  private static final long MILLI = Duration.ofMillis(1).toNanos();

  private final AtomicInteger checks = new AtomicInteger();
  private final AtomicBoolean answers = new AtomicBoolean(true);

  private boolean database() {
    checks.incrementAndGet();
    return answers.get();
  }

  @Test
  void probesWithinASecondShareOneCheck() {
    Readiness readiness = new Readiness(this::database, Runnable::run);

    assertTrue(readiness.isReady(0));
    answers.set(false);
    assertTrue(readiness.isReady(999 * MILLI));

    assertEquals(1, checks.get());
  }

  @Test
  void aProbeASecondAfterTheLastCheckChecksAgain() {
    Readiness readiness = new Readiness(this::database, Runnable::run);
    readiness.isReady(0);
    answers.set(false);

    assertFalse(readiness.isReady(1_000 * MILLI));
    assertEquals(2, checks.get());
  }

  @Test
  void aCheckStillRunningCountsAsUnavailableAndServesTheProbesAfterIt() {
    List<Runnable> running = new ArrayList<>();
    Readiness readiness = new Readiness(this::database, running::add);

    assertFalse(readiness.isReady(0));
    running.forEach(Runnable::run);

    assertTrue(readiness.isReady(500 * MILLI));
    assertEquals(1, checks.get());
    assertEquals(1, running.size());
  }
}
