package dev.codevector.limits;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A stretch of time a {@link Counter} counts in: {@code [start, end)}.
 *
 * @param start the first instant, included
 * @param end the first instant after it, excluded
 */
public record Window(Instant start, Instant end) {

  /** Checks that the window is not empty. */
  public Window {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("empty window: " + start + " to " + end);
    }
  }

  /**
   * Returns the minute, UTC, that holds an instant.
   *
   * @param at the instant
   * @return the window from the start of that minute to the start of the next
   */
  public static Window minuteOf(Instant at) {
    Instant start = at.truncatedTo(ChronoUnit.MINUTES);
    return new Window(start, start.plus(Duration.ofMinutes(1)));
  }
}
