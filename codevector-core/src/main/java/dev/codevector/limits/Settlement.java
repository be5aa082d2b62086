package dev.codevector.limits;

import java.util.Objects;

/**
 * The end of one reservation on one counter: what the request reserved is taken off the counter's
 * reserved tally, and what it really used is added to the used tally (nothing, for a request that
 * failed or was refused).
 *
 * @param limitId the limit
 * @param meter the meter
 * @param window the window the reservation was made in
 * @param reserved what was reserved
 * @param used what the request really used
 */
public record Settlement(LimitId limitId, Meter meter, Window window, Tally reserved, Tally used) {

  /** Checks every field. */
  public Settlement {
    Objects.requireNonNull(limitId, "limitId");
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(reserved, "reserved");
    Objects.requireNonNull(used, "used");
  }
}
