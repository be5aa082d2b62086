package dev.codevector.limits;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What reserving a request's charges found: either every charge reserved, with its counter as it
 * stands with the charge added, or the counter of the first charge without room, with nothing
 * reserved. Instances are immutable.
 *
 * @param counters on admission, the counter of each charge reserved, in the charges' order, with
 *     the charge added; empty on refusal
 * @param lacking on refusal, the counter, as it stood, of the first charge without room; empty on
 *     admission
 */
public record Reservation(List<Counter> counters, Optional<Counter> lacking) {

  /**
   * Checks every field and copies the counters.
   *
   * @throws IllegalArgumentException if a refusal holds counters
   */
  public Reservation {
    counters = List.copyOf(counters);
    Objects.requireNonNull(lacking, "lacking");
    if (lacking.isPresent() && !counters.isEmpty()) {
      throw new IllegalArgumentException("a refusal reserves nothing, so holds no counters");
    }
  }

  /**
   * Returns an admission.
   *
   * @param counters the counter of each charge reserved, in the charges' order, with the charge
   *     added
   * @return the reservation
   */
  public static Reservation admitted(List<Counter> counters) {
    return new Reservation(counters, Optional.empty());
  }

  /**
   * Returns a refusal.
   *
   * @param lacking the counter, as it stood, of the first charge without room
   * @return the reservation
   */
  public static Reservation refused(Counter lacking) {
    return new Reservation(List.of(), Optional.of(lacking));
  }

  /**
   * Tells whether every charge was reserved.
   *
   * @return true if no counter lacked room
   */
  public boolean isAdmitted() {
    return lacking.isEmpty();
  }
}
