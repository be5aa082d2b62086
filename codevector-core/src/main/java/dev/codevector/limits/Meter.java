package dev.codevector.limits;

/**
 * What a {@link Counter} of a {@link Limit} counts in its window: requests and tokens per minute,
 * or spend per budget period.
 */
public enum Meter {
  /** Requests and tokens, in windows of one minute starting on the minute, UTC. */
  RATE,
  /** Spend, in the windows of the limit's {@link BudgetPeriod}. */
  BUDGET
}
