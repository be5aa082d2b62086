package dev.codevector.jdbc;

import dev.codevector.jdbc.internal.Database;
import dev.codevector.jdbc.internal.LimitCounterTable;
import dev.codevector.jdbc.internal.LimitTable;
import dev.codevector.limits.Charge;
import dev.codevector.limits.Counter;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitId;
import dev.codevector.limits.Reservation;
import dev.codevector.limits.Settlement;
import dev.codevector.spi.LimitStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The limits of a {@link JdbcStore} and their counters, over its tables. */
final class JdbcLimitStore implements LimitStore {
  private final LimitTable limits;
  private final LimitCounterTable counters;

  JdbcLimitStore(Database database) {
    this.limits = new LimitTable(database);
    this.counters = new LimitCounterTable(database);
  }

  @Override
  public Optional<Limit> findLimit(LimitId id) {
    return limits.find(Objects.requireNonNull(id, "id"));
  }

  @Override
  public List<Limit> limits() {
    return limits.all();
  }

  @Override
  public Limit putLimit(Limit limit) {
    return limits.put(Objects.requireNonNull(limit, "limit"));
  }

  @Override
  public boolean deleteLimit(LimitId id) {
    return limits.delete(Objects.requireNonNull(id, "id"));
  }

  @Override
  public Reservation reserve(List<Charge> charges) {
    return counters.reserve(List.copyOf(charges));
  }

  @Override
  public void settle(List<Settlement> settlements) {
    counters.settle(List.copyOf(settlements));
  }

  @Override
  public List<Counter> counters(LimitId id) {
    return counters.of(Objects.requireNonNull(id, "id"));
  }

  @Override
  public int pruneCounters(Instant endedBefore) {
    return counters.prune(Objects.requireNonNull(endedBefore, "endedBefore"));
  }
}
