package dev.codevector.limits;

import java.time.Instant;
import java.util.Objects;

/**
 * How much room one per-minute cap leaves, as rate-limit headers tell a client: the tightest of the
 * limits that applied to a request.
 *
 * @param limit the cap
 * @param remaining what is left of it in the current window; not negative
 * @param resetsAt when the window ends and the cap is whole again
 */
public record Allowance(long limit, long remaining, Instant resetsAt) {

  /** Checks every field. */
  public Allowance {
    Objects.requireNonNull(resetsAt, "resetsAt");
    if (limit <= 0 || remaining < 0) {
      throw new IllegalArgumentException("allowance " + remaining + " of " + limit);
    }
  }
}
