package dev.codevector.limits;

/** What to do with a request whose limits cannot be checked because the store fails. */
public enum LimitPolicy {
  /** Admit it unchecked, reserving nothing: availability before exactness. */
  OPEN,
  /** Refuse it with {@link LimitsUnavailableException}: exactness before availability. */
  CLOSED
}
