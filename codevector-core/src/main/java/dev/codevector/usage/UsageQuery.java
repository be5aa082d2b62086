package dev.codevector.usage;

import java.time.Instant;
import java.util.Objects;

/**
 * A question for usage totals: the records made in the time range {@code [from, to)}, grouped one
 * way. Instances are immutable.
 *
 * @param from the first instant included
 * @param to the first instant excluded; not before {@code from}
 * @param groupBy how the records are grouped
 */
public record UsageQuery(Instant from, Instant to, GroupBy groupBy) {

  /** Checks the fields. */
  public UsageQuery {
    checkRange(from, to);
    Objects.requireNonNull(groupBy, "groupBy");
  }

  /**
   * Checks a time range {@code [from, to)}.
   *
   * @param from the first instant included
   * @param to the first instant excluded
   * @throws IllegalArgumentException if {@code to} is before {@code from}
   */
  static void checkRange(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("time range ends before it starts: " + from + " " + to);
    }
  }
}
