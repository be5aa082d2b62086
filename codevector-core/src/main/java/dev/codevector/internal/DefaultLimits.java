package dev.codevector.internal;

import dev.codevector.Clock;
import dev.codevector.limits.Admission;
import dev.codevector.limits.Counter;
import dev.codevector.limits.Demand;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitId;
import dev.codevector.limits.LimitNotFoundException;
import dev.codevector.limits.LimitPolicy;
import dev.codevector.limits.LimitSpec;
import dev.codevector.limits.LimitStatus;
import dev.codevector.limits.Limits;
import dev.codevector.limits.Subject;
import dev.codevector.limits.Ticket;
import dev.codevector.registry.Model;
import dev.codevector.spi.LimitStore;
import dev.codevector.spi.Store;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link Limits} service on the {@link LimitStore} of a {@link Store}; see the interface for
 * the rules it enforces, and {@link LimitGate} for how requests are admitted. The store's limits
 * are asked for at each use, so that a store that keeps none still serves the rest of CodeVector.
 * Requests take their room from leases of this process where they can ({@link Leases}), and their
 * settlements are written in the background by a {@link SettlementWriter}; {@link #close()} gives
 * the leased room back and writes the settlements still pending.
 */
public final class DefaultLimits implements Limits, AutoCloseable {
  /** How many settlements may wait for the store before requests settle on their own thread. */
  private static final int SETTLEMENTS_PENDING = 10_000;

  private static final Comparator<Limit> ORDER =
      Comparator.comparing(Limit::createdAt).thenComparing(l -> l.id().value());

  private final Store store;
  private final Clock clock;
  private final SettlementWriter settlements;
  private final Leases leases;
  private final LimitGate gate;

  /**
   * Creates the service.
   *
   * @param store the store whose {@link Store#limits()} keep the limits and their counters
   * @param clock the source of time
   * @param policy what admission does with a request when the store fails
   */
  public DefaultLimits(Store store, Clock clock, LimitPolicy policy) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settlements = new SettlementWriter(store, SETTLEMENTS_PENDING);
    this.leases = new Leases(store, settlements);
    this.gate = new LimitGate(store, clock, Objects.requireNonNull(policy, "policy"), leases);
  }

  /**
   * Gives back the room this process leases unused, and waits until that and the settlements of the
   * requests ended before this call are written to the store, or dropped if it refused them.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void flush() throws InterruptedException {
    leases.giveBack();
    settlements.flush();
  }

  /**
   * Gives back the room this process leases, writes the settlements still pending, stopping at the
   * first the store refuses, and stops their writer; requests ended later settle on their own
   * thread. Call it before the store is closed.
   */
  @Override
  public void close() {
    leases.close();
    settlements.close();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  @Override
  public Limit create(LimitSpec spec) {
    return store.limits().putLimit(Limit.create(Objects.requireNonNull(spec, "spec"), now()));
  }

  @Override
  public Limit update(LimitId id, LimitSpec spec) {
    Objects.requireNonNull(spec, "spec");
    return Conflicts.retrying(() -> store.limits().putLimit(limit(id).withSpec(spec, now())));
  }

  @Override
  public void delete(LimitId id) {
    if (!store.limits().deleteLimit(Objects.requireNonNull(id, "id"))) {
      throw new LimitNotFoundException(id);
    }
  }

  @Override
  public Optional<Limit> find(LimitId id) {
    return store.limits().findLimit(Objects.requireNonNull(id, "id"));
  }

  /** Returns every limit, oldest first. */
  @Override
  public List<Limit> list() {
    return store.limits().limits().stream().sorted(ORDER).toList();
  }

  @Override
  public LimitStatus status(LimitId id) {
    Limit limit = limit(id);
    List<Counter> counters = store.limits().counters(id);
    Instant now = clock.instant();
    return new LimitStatus(
        limit,
        CapStandings.set(limit).stream()
            .map(cap -> CapStandings.of(limit, cap, limit.window(cap.meter(), now), counters))
            .toList());
  }

  @Override
  public Admission admission(Subject subject) {
    Objects.requireNonNull(subject, "subject");
    return new Admission() {
      @Override
      public boolean limits(Model model) {
        return gate.mayApply(subject, Objects.requireNonNull(model, "model"));
      }

      @Override
      public Ticket admit(Model model, Demand demand) {
        return gate.admit(
            subject,
            Objects.requireNonNull(model, "model"),
            Objects.requireNonNull(demand, "demand"));
      }
    };
  }

  private Limit limit(LimitId id) {
    return find(id).orElseThrow(() -> new LimitNotFoundException(id));
  }
}
