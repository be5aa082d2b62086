package dev.codevector.examples.store;

import dev.codevector.limits.Charge;
import dev.codevector.limits.Counter;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitId;
import dev.codevector.limits.Reservation;
import dev.codevector.limits.Settlement;
import dev.codevector.spi.LimitStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The limits of a {@link JournalStore} and their counters: reads from memory, writes through the
 * journal. Reservations and settlements are journaled like any other write, so replaying the
 * journal rebuilds the counters: a reservation replayed against the same counters has the same
 * outcome.
 */
final class JournalLimitStore implements LimitStore {
  private final LimitStore memory;
  private final Journal journal;

  JournalLimitStore(LimitStore memory, Journal journal) {
    this.memory = memory;
    this.journal = journal;
  }

  @Override
  public Optional<Limit> findLimit(LimitId id) {
    return memory.findLimit(id);
  }

  @Override
  public List<Limit> limits() {
    return memory.limits();
  }

  @Override
  public Limit putLimit(Limit limit) {
    return journal.write(Operation.PUT_LIMIT, limit);
  }

  @Override
  public boolean deleteLimit(LimitId id) {
    return journal.write(Operation.DELETE_LIMIT, id);
  }

  @Override
  public Reservation reserve(List<Charge> charges) {
    return journal.write(Operation.RESERVE, charges);
  }

  @Override
  public void settle(List<Settlement> settlements) {
    journal.write(Operation.SETTLE, settlements);
  }

  @Override
  public List<Counter> counters(LimitId id) {
    return memory.counters(id);
  }

  @Override
  public int pruneCounters(Instant endedBefore) {
    return journal.write(Operation.PRUNE_COUNTERS, endedBefore);
  }
}
