package dev.codevector.limits;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Requests, tokens and spend counted together: what a request reserves, what it used, or what a
 * counter holds. Instances are immutable.
 *
 * @param requests a count of requests; not negative
 * @param tokens a count of tokens, input and output together; not negative
 * @param spend US dollars; not negative
 */
public record Tally(long requests, long tokens, BigDecimal spend) {
  /** Nothing at all. */
  public static final Tally ZERO = new Tally(0, 0, BigDecimal.ZERO);

  /** Checks that nothing is negative. */
  public Tally {
    Objects.requireNonNull(spend, "spend");
    if (requests < 0 || tokens < 0 || spend.signum() < 0) {
      throw new IllegalArgumentException(
          "negative tally: " + requests + " requests, " + tokens + " tokens, " + spend);
    }
  }

  /**
   * Returns this tally and another added.
   *
   * @param other the other tally
   * @return the sum
   */
  public Tally plus(Tally other) {
    return new Tally(
        Math.addExact(requests, other.requests),
        Math.addExact(tokens, other.tokens),
        spend.add(other.spend));
  }

  /**
   * Returns this tally less another, never below zero in any part.
   *
   * @param other the tally to take away
   * @return the difference, each part at least zero
   */
  public Tally minus(Tally other) {
    BigDecimal leftSpend = spend.subtract(other.spend);
    return new Tally(
        Math.max(0, requests - other.requests),
        Math.max(0, tokens - other.tokens),
        leftSpend.signum() < 0 ? BigDecimal.ZERO : leftSpend);
  }
}
