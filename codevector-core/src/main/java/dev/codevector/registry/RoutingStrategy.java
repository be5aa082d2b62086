package dev.codevector.registry;

/** How a {@link Model} chooses among its Backends. */
public enum RoutingStrategy {
  /**
   * Requests go to the healthy Backend with the lowest priority number; on a retryable upstream
   * failure the next-priority Backend is tried.
   */
  FAILOVER,

  /**
   * Backends of the same priority share the requests by their {@link Backend#weight() weight}; a
   * lower priority is tried only when no Backend of a higher one can serve. The requests of one
   * client session (named by a session header or the body) go to one Backend, chosen by weighted
   * rendezvous hashing of the Model and the session, so every replica picks the same one; once a
   * Backend has served a session, the session stays with it while its circuit lets requests
   * through, and moves to the one that serves it when it fails. Requests without a session are
   * spread at random by weight. Within that order, failing over works as with {@link #FAILOVER}.
   */
  BALANCED;

  /**
   * Returns the strategy's wire name, such as {@code failover}.
   *
   * @return the lowercase name
   */
  public String id() {
    return WireNames.of(this);
  }

  /**
   * Returns the strategy with the given wire name.
   *
   * @param id {@code failover} or {@code balanced}
   * @return the strategy
   * @throws ValidationException naming the field {@code routing} if {@code id} names none
   */
  public static RoutingStrategy of(String id) {
    return WireNames.parse(RoutingStrategy.class, "routing", id);
  }
}
