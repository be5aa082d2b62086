package dev.codevector.limits;

import dev.codevector.registry.ValidationException;
import java.util.List;
import java.util.Optional;

/**
 * Budgets and rate limits: admins manage {@link Limit limits}, and the router asks an {@link
 * Admission} before each request. A request is admitted only if every limit that applies to it (its
 * key's, its user's, each of its user's groups', everyone's; each for its Model or for every Model)
 * has room for its {@link Demand}; the ceiling is reserved before the upstream call and settled
 * with the real usage afterwards, atomically in the {@link dev.codevector.spi.Store}, so concurrent
 * requests, on one process or on many sharing a database, cannot overspend. A request no limit
 * applies to costs nothing: no store is touched. Settlements are written in the background, so that
 * ending a request never waits for the store: a limit's status may lag them by a moment.
 *
 * <p>Implementations are thread-safe.
 */
public interface Limits {

  /**
   * Creates a limit.
   *
   * @param spec what it caps, for whom and for which Model
   * @return the stored limit
   * @throws ValidationException if the spec is invalid
   * @throws dev.codevector.registry.NotFoundException if its key, user, group or Model does not
   *     exist
   */
  Limit create(LimitSpec spec);

  /**
   * Replaces what a limit caps, for whom and for which Model. Its counters are kept.
   *
   * @param id the limit's id
   * @param spec the new spec
   * @return the stored limit
   * @throws LimitNotFoundException if no limit has the id
   * @throws dev.codevector.registry.NotFoundException if the new key, user, group or Model does not
   *     exist
   */
  Limit update(LimitId id, LimitSpec spec);

  /**
   * Deletes a limit and its counters.
   *
   * @param id the limit's id
   * @throws LimitNotFoundException if no limit has the id
   */
  void delete(LimitId id);

  /**
   * Returns the limit with the given id.
   *
   * @param id the limit's id
   * @return the limit, or empty
   */
  Optional<Limit> find(LimitId id);

  /**
   * Returns every limit.
   *
   * @return the limits, unmodifiable
   */
  List<Limit> list();

  /**
   * Returns where a limit stands now: for each cap, what is used, reserved and left in the current
   * window, and when the window ends. Requests that ended a moment ago may still count as reserved,
   * their settlements not yet written.
   *
   * @param id the limit's id
   * @return its standing
   * @throws LimitNotFoundException if no limit has the id
   */
  LimitStatus status(LimitId id);

  /**
   * Returns the admission of a subject's requests, for the router.
   *
   * @param subject who makes the requests
   * @return the admission, which reserves on every limit that applies to the subject and the Model
   */
  Admission admission(Subject subject);
}
