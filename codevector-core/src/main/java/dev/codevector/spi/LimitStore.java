package dev.codevector.spi;

import dev.codevector.access.ApiKeyNotFoundException;
import dev.codevector.access.GroupNotFoundException;
import dev.codevector.access.UserNotFoundException;
import dev.codevector.limits.Charge;
import dev.codevector.limits.Counter;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitId;
import dev.codevector.limits.Meter;
import dev.codevector.limits.Reservation;
import dev.codevector.limits.Settlement;
import dev.codevector.limits.Window;
import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.ConcurrentUpdateException;
import dev.codevector.registry.ModelNotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The budgets and rate limits a {@link Store} keeps: the {@link Limit limits}, and their counters,
 * one per limit, {@link Meter meter} and {@link Window window}, under the rules of the {@link
 * Store} contract and these.
 *
 * <ul>
 *   <li><b>Uniqueness</b>: a limit's id ({@code what}: {@code limit id}); a counter's limit, meter
 *       and window start.
 *   <li><b>References</b>: the key, user or group a limit's scope names must exist ({@link
 *       ApiKeyNotFoundException}, {@link UserNotFoundException}, {@link GroupNotFoundException}),
 *       kept by {@link AccessStore}, and so must its Model ({@link ModelNotFoundException}), kept
 *       by {@link RegistryStore}.
 *   <li><b>Cascades</b>: deleting a limit deletes its counters. The limits naming a key, a user, a
 *       group or a Model are deleted with it, by {@link AccessStore#deleteApiKey}, {@link
 *       AccessStore#deleteUser} (its keys' limits too), {@link AccessStore#deleteGroup} and {@link
 *       RegistryStore#deleteModel}.
 *   <li><b>Reservations are exact.</b> {@link #reserve} checks and adds all its charges as one
 *       atomic step: of any number of concurrent reservations, on one process or on many sharing
 *       the data, none ever takes a counter past a cap of its limit.
 * </ul>
 */
public interface LimitStore {

  /**
   * Returns the limit with the given id.
   *
   * @param id the limit's id
   * @return the limit, or empty
   */
  Optional<Limit> findLimit(LimitId id);

  /**
   * Returns every limit.
   *
   * @return the limits, unmodifiable
   */
  List<Limit> limits();

  /**
   * Inserts or updates a limit, compare-and-set on its version.
   *
   * @param limit the limit; version 0 inserts
   * @return the limit as stored
   * @throws AlreadyExistsException if the id is taken
   * @throws ApiKeyNotFoundException if its scope names a key that does not exist
   * @throws UserNotFoundException if its scope names a user that does not exist
   * @throws GroupNotFoundException if its scope names a group that does not exist
   * @throws ModelNotFoundException if its Model does not exist
   * @throws ConcurrentUpdateException if the stored version differs or the limit is gone
   */
  Limit putLimit(Limit limit);

  /**
   * Deletes a limit and its counters.
   *
   * @param id the limit's id
   * @return true if the limit existed
   */
  boolean deleteLimit(LimitId id);

  /**
   * Reserves every charge, or none: for each, the counter of its limit, meter and window (empty if
   * there is none yet) must have room for its amount under the caps of its limit for its meter
   * ({@link Counter#hasRoom}); then each amount is added to its counter's reserved tally, all in
   * one atomic step. The caps are those of the limit as given in the charge. A charge whose limit
   * no longer exists (it was deleted since it was read) is skipped: nothing is checked or reserved
   * for it.
   *
   * @param charges the charges, of distinct limit, meter and window
   * @return if every charge was reserved, the counter of each charge not skipped, in the charges'
   *     order, as it stands with the charge added; otherwise the counter, as it stood, of the first
   *     charge without room ({@link Reservation#lacking()}), and nothing was reserved: no tally
   *     changed and no counter was created
   */
  Reservation reserve(List<Charge> charges);

  /**
   * Settles reservations: for each, its reserved tally is taken off its counter's (never below
   * zero) and its used tally added to the counter's used tally, all in one atomic step. A
   * settlement whose counter no longer exists (its limit was deleted, or its window pruned) is
   * skipped, and no counter is created for it.
   *
   * @param settlements the settlements
   */
  void settle(List<Settlement> settlements);

  /**
   * Returns the counters of a limit, of every window still kept.
   *
   * @param id the limit's id
   * @return its counters, unmodifiable; empty if it has none or does not exist
   */
  List<Counter> counters(LimitId id);

  /**
   * Deletes the counters whose window ended before an instant; a window ending at the instant is
   * kept.
   *
   * @param endedBefore the instant
   * @return how many counters were deleted
   */
  int pruneCounters(Instant endedBefore);
}
