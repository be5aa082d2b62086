package dev.codevector.limits;

import java.util.Objects;

/**
 * What one request reserves on one meter of one {@link Limit} in one window, checked against the
 * limit's caps of that meter.
 *
 * @param limit the limit, whose caps apply
 * @param meter the meter
 * @param window the window the request is counted in
 * @param amount what is reserved
 */
public record Charge(Limit limit, Meter meter, Window window, Tally amount) {

  /** Checks every field. */
  public Charge {
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(amount, "amount");
  }
}
