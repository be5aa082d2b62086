package dev.codevector.limits;

/** One of the three things a {@link Limit} may cap. */
public enum Cap {
  /** Requests admitted in a minute. */
  REQUESTS_PER_MINUTE(Meter.RATE),
  /** Tokens, input and output together, in a minute. */
  TOKENS_PER_MINUTE(Meter.RATE),
  /** US dollars spent in a budget period. */
  BUDGET(Meter.BUDGET);

  private final Meter meter;

  Cap(Meter meter) {
    this.meter = meter;
  }

  /**
   * Returns the counter the cap is checked against.
   *
   * @return {@link Meter#RATE} for the per-minute caps, {@link Meter#BUDGET} for the budget
   */
  public Meter meter() {
    return meter;
  }
}
