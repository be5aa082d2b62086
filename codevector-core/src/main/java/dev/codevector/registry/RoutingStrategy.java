package dev.codevector.registry;

/** How a {@link Model} chooses among its Backends. */
public enum RoutingStrategy {
  /**
   * Requests go to the healthy Backend with the lowest priority number; on a retryable upstream
   * failure the next-priority Backend is tried.
   */
  FAILOVER;

  /**
   * Returns the strategy's wire name, such as {@code failover}.
   *
   * @return the lowercase name
   */
  public String id() {
    return WireNames.of(this);
  }
}
