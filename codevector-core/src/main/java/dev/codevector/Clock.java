package dev.codevector;

import java.time.Instant;

/**
 * The source of time for CodeVector: wall-clock instants for timestamps such as {@code createdAt},
 * and a monotonic nanosecond counter for cooldowns and timeouts.
 *
 * <p>CodeVector reads time only through this interface, so tests can substitute a clock they
 * advance by hand. Implementations must be thread-safe.
 */
public interface Clock {

  /**
   * Returns the current wall-clock instant.
   *
   * @return the current instant, never null
   */
  Instant instant();

  /**
   * Returns the current value of a monotonic counter in nanoseconds; only differences between two
   * values are meaningful.
   *
   * @return the counter's current value
   */
  long nanoTime();

  /**
   * Returns the clock of the running system.
   *
   * @return the system clock, which is thread-safe
   */
  static Clock system() {
    return SystemClock.INSTANCE;
  }
}
