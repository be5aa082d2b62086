package dev.codevector.limits;

import dev.codevector.registry.Model;

/**
 * Decides whether a request may go on once its Model and ceiling are known, before any upstream is
 * called, and reserves what it may use. The router asks it once per request.
 */
@FunctionalInterface
public interface Admission {
  /** Admits every request, reserving nothing. */
  Admission UNLIMITED =
      new Admission() {
        @Override
        public boolean limits(Model model) {
          return false;
        }

        @Override
        public Ticket admit(Model model, Demand demand) {
          return Ticket.UNLIMITED;
        }
      };

  /**
   * Tells whether a limit may apply to requests for a Model. When it says no, the router neither
   * estimates the request's demand nor calls {@link #admit}, so a request under no limit pays
   * nothing for limits.
   *
   * @param model the requested Model
   * @return false only if no limit applies; true by default
   */
  default boolean limits(Model model) {
    return true;
  }

  /**
   * Admits a request, reserving its ceiling on every limit that applies to it, or refuses it.
   *
   * @param model the requested Model
   * @param demand the most the request may use
   * @return the reservations, which the router ends on every path
   * @throws LimitExceededException if a limit has no room for the request; nothing is reserved
   * @throws LimitsUnavailableException if the limits cannot be checked and the {@link LimitPolicy}
   *     is to refuse then
   */
  Ticket admit(Model model, Demand demand);
}
