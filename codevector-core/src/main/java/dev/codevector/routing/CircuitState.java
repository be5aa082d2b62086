package dev.codevector.routing;

/** The state of a Backend's circuit breaker. */
public enum CircuitState {
  /** The Backend is tried normally. */
  CLOSED,
  /** The Backend failed repeatedly, or its upstream asked to back off: it is skipped. */
  OPEN,
  /** The cooldown is over: the next request probes the Backend. */
  HALF_OPEN
}
