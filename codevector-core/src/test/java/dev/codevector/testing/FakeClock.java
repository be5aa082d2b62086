package dev.codevector.testing;

import dev.codevector.Clock;
import java.time.Duration;
import java.time.Instant;

/** A {@link Clock} that moves only when a test advances it. Thread-safe. */
public final class FakeClock implements Clock {
  private Instant instant;
  private long nanoTime;

  /** Creates a clock at 2026-11-21T10:00:00.123456Z. */
  public FakeClock() {
    this(Instant.parse("2026-11-21T10:00:00.123456Z"));
  }

  /**
   * Creates a clock at the given instant.
   *
   * @param start the instant the clock shows
   */
  public FakeClock(Instant start) {
    this.instant = start;
  }

  @Override
  public synchronized Instant instant() {
    return instant;
  }

  @Override
  public synchronized long nanoTime() {
    return nanoTime;
  }

  /**
   * Moves the clock forward.
   *
   * @param duration how far
   */
  public synchronized void advance(Duration duration) {
    instant = instant.plus(duration);
    nanoTime += duration.toNanos();
  }
}
