package dev.codevector.limits;

/**
 * What an {@link Admission} does with a request when the store that keeps the limits and their
 * counters fails while the request is checked.
 */
public enum LimitPolicy {
  /**
   * Admits the request unchecked, reserving nothing: an outage of the store does not stop traffic,
   * and requests admitted meanwhile are not counted.
   */
  OPEN,
  /**
   * Refuses the request with {@link LimitsUnavailableException}: no request goes unchecked, and an
   * outage of the store stops every request a limit may apply to.
   */
  CLOSED
}
