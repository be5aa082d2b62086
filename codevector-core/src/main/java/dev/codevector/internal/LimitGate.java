package dev.codevector.internal;

import dev.codevector.Clock;
import dev.codevector.limits.Cap;
import dev.codevector.limits.Charge;
import dev.codevector.limits.Counter;
import dev.codevector.limits.Demand;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitExceededException;
import dev.codevector.limits.LimitPolicy;
import dev.codevector.limits.LimitsUnavailableException;
import dev.codevector.limits.Meter;
import dev.codevector.limits.Subject;
import dev.codevector.limits.Tally;
import dev.codevector.limits.Ticket;
import dev.codevector.registry.Model;
import dev.codevector.spi.LimitStore;
import dev.codevector.spi.Store;
import dev.codevector.spi.StoreException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Admits requests under the limits that apply to them, reserving their ceilings all at once, from
 * the room this process leases ({@link Leases}) or in one atomic step of the store.
 *
 * <p>The limits are read from the store on every request: a store that is slow to list them is
 * fronted by a cache, such as {@link dev.codevector.store.CachingStore}. A request no limit applies
 * to touches the store no further. Otherwise, at most once a minute, the request first prunes the
 * counters whose window ended more than an hour ago, which keeps reading a limit's counters short.
 */
final class LimitGate {
  private static final System.Logger LOG = System.getLogger(LimitGate.class.getName());
  private static final Duration PRUNE_INTERVAL = Duration.ofMinutes(1);
  private static final Duration COUNTERS_KEPT = Duration.ofHours(1);

  private final Store store;
  private final Clock clock;
  private final LimitPolicy policy;
  private final Leases leases;
  private final AtomicReference<Instant> nextPrune = new AtomicReference<>(Instant.MIN);

  /**
   * Creates the gate.
   *
   * @param store the store whose {@link Store#limits()} keep the limits and their counters
   * @param clock the source of time, which places requests in windows
   * @param policy what to do with a request when the store fails
   * @param leases where the room of admitted requests is reserved
   */
  LimitGate(Store store, Clock clock, LimitPolicy policy, Leases leases) {
    this.store = store;
    this.clock = clock;
    this.policy = policy;
    this.leases = leases;
  }

  /**
   * Tells whether a limit may apply to a subject's requests for a Model, from the list of limits
   * alone (which a caching store keeps in memory), so that a request under none is neither
   * estimated nor admitted.
   *
   * @param subject who makes the requests
   * @param model the requested Model
   * @return true if a limit applies, or if the store cannot tell now (admitting then applies the
   *     policy)
   */
  boolean mayApply(Subject subject, Model model) {
    try {
      return store.limits().limits().stream()
          .anyMatch(limit -> limit.appliesTo(subject, model.id()));
    } catch (StoreException e) {
      return true;
    }
  }

  /**
   * Admits a request, reserving its ceiling on every limit that applies to it, or refuses it.
   *
   * @param subject who makes the request
   * @param model the requested Model
   * @param demand the most the request may use
   * @return the reservations; {@link Ticket#UNLIMITED} if no limit applies
   * @throws LimitExceededException if a limit has no room; nothing is reserved
   * @throws LimitsUnavailableException if the store fails and the policy is closed
   */
  Ticket admit(Subject subject, Model model, Demand demand) {
    try {
      LimitStore limits = store.limits();
      List<Limit> applying =
          limits.limits().stream().filter(limit -> limit.appliesTo(subject, model.id())).toList();
      if (applying.isEmpty()) {
        return Ticket.UNLIMITED;
      }
      Instant now = clock.instant();
      pruneIfDue(limits, now);
      List<Charge> charges = charges(applying, demand, now);
      Leases.Holding holding = leases.reserve(charges);
      if (holding.lacking().isPresent()) {
        throw refusal(charges, holding.lacking().get(), model, now);
      }
      return new LimitTicket(holding.holds(), leases);
    } catch (StoreException e) {
      if (policy == LimitPolicy.OPEN) {
        LOG.log(
            System.Logger.Level.WARNING,
            "limits: the store failed; admitting request on model '"
                + model.slug()
                + "' unchecked (policy open)",
            e);
        return Ticket.UNLIMITED;
      }
      LOG.log(
          System.Logger.Level.WARNING,
          "limits: the store failed; refusing request on model '"
              + model.slug()
              + "' (policy closed)",
          e);
      throw new LimitsUnavailableException(model.slug(), e);
    }
  }

  private void pruneIfDue(LimitStore limits, Instant now) {
    Instant due = nextPrune.get();
    if (now.isBefore(due) || !nextPrune.compareAndSet(due, now.plus(PRUNE_INTERVAL))) {
      return;
    }
    try {
      limits.pruneCounters(now.minus(COUNTERS_KEPT));
    } catch (StoreException e) {
      LOG.log(System.Logger.Level.WARNING, "limits: the store failed to prune counters", e);
    }
  }

  /**
   * One charge per meter a limit caps: one request and the demand's tokens in the minute, the
   * demand's cost in the budget period.
   */
  private static List<Charge> charges(List<Limit> limits, Demand demand, Instant now) {
    Tally rate = new Tally(1, demand.tokens(), BigDecimal.ZERO);
    Tally budget = new Tally(0, 0, demand.cost());
    return limits.stream()
        .flatMap(
            limit ->
                CapStandings.set(limit).stream()
                    .map(Cap::meter)
                    .distinct()
                    .map(
                        meter ->
                            new Charge(
                                limit,
                                meter,
                                limit.window(meter, now),
                                meter == Meter.RATE ? rate : budget)))
        .toList();
  }

  /** Names the cap of the full counter's limit that its charge would take past its value. */
  private static LimitExceededException refusal(
      List<Charge> charges, Counter full, Model model, Instant now) {
    Charge charge =
        charges.stream()
            .filter(
                c ->
                    c.limit().id().equals(full.limitId())
                        && c.meter() == full.meter()
                        && c.window().equals(full.window()))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the store named a counter no charge is for: " + full));
    Tally total = full.used().plus(full.reserved()).plus(charge.amount());
    Cap cap =
        CapStandings.set(charge.limit()).stream()
            .filter(c -> c.meter() == full.meter())
            .filter(
                c ->
                    CapStandings.measure(c, total).compareTo(charge.limit().cap(c).orElseThrow())
                        > 0)
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException("the store refused a charge with room: " + full));
    Instant resetsAt = full.window().end();
    return new LimitExceededException(
        charge.limit(), model.slug(), cap, resetsAt, Duration.between(now, resetsAt));
  }
}
