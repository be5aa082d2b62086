package dev.codevector.limits;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The most one request may use, known before it is sent: its estimated input tokens, the most
 * output tokens it allows (its {@code max_tokens}, or the Model's maximum output when it sets
 * none), and what those would cost at the highest prices among the Model's Backends. Limits reserve
 * this ceiling, and settle with what the request really used.
 *
 * @param inputTokens the estimated input tokens; not negative
 * @param outputTokens the most output tokens; not negative
 * @param cost the ceiling's price in US dollars; not negative
 */
public record Demand(long inputTokens, long outputTokens, BigDecimal cost) {

  /** Checks that nothing is negative. */
  public Demand {
    Objects.requireNonNull(cost, "cost");
    if (inputTokens < 0 || outputTokens < 0 || cost.signum() < 0) {
      throw new IllegalArgumentException("negative demand");
    }
  }

  /**
   * Returns the tokens the request may use, input and output together.
   *
   * @return the token ceiling
   */
  public long tokens() {
    return Math.addExact(inputTokens, outputTokens);
  }
}
