package dev.codevector.limits;

import dev.codevector.registry.Model;

/**
 * Decides whether a request may go on once its Model and ceiling are known, before any upstream is
 * called, and reserves what it may use. The router asks it once per request.
 */
@FunctionalInterface
public interface Admission {
  /** Admits every request, reserving nothing. */
  Admission UNLIMITED = (model, demand) -> Ticket.UNLIMITED;

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
