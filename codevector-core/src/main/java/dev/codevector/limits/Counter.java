package dev.codevector.limits;

import java.util.Objects;

/**
 * What one {@link Limit} has counted in one window of one meter: what settled requests used, and
 * what requests still in flight reserved. Instances are immutable.
 *
 * @param limitId the limit
 * @param meter what is counted
 * @param window the window
 * @param used what settled requests used
 * @param reserved what requests not yet settled reserved
 */
public record Counter(LimitId limitId, Meter meter, Window window, Tally used, Tally reserved) {

  /** Checks every field. */
  public Counter {
    Objects.requireNonNull(limitId, "limitId");
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(used, "used");
    Objects.requireNonNull(reserved, "reserved");
  }

  /**
   * Returns an empty counter.
   *
   * @param limitId the limit
   * @param meter what is counted
   * @param window the window
   * @return a counter with nothing used or reserved
   */
  public static Counter empty(LimitId limitId, Meter meter, Window window) {
    return new Counter(limitId, meter, window, Tally.ZERO, Tally.ZERO);
  }

  /**
   * Tells whether the counter has room for more under a limit's caps of its meter: for each cap the
   * limit sets, what is used and reserved plus {@code amount} must not exceed it.
   *
   * @param limit the limit whose caps apply
   * @param amount what would be added
   * @return true if every cap of the meter leaves room
   */
  public boolean hasRoom(Limit limit, Tally amount) {
    Tally total = used.plus(reserved).plus(amount);
    return switch (meter) {
      case RATE ->
          within(limit, Cap.REQUESTS_PER_MINUTE, total.requests())
              && within(limit, Cap.TOKENS_PER_MINUTE, total.tokens());
      case BUDGET ->
          limit.cap(Cap.BUDGET).map(cap -> total.spend().compareTo(cap) <= 0).orElse(true);
    };
  }

  private static boolean within(Limit limit, Cap cap, long total) {
    return limit.cap(cap).map(value -> value.longValueExact() >= total).orElse(true);
  }
}
