package dev.codevector.store;

import dev.codevector.access.ApiKeyNotFoundException;
import dev.codevector.access.GroupNotFoundException;
import dev.codevector.access.UserNotFoundException;
import dev.codevector.limits.Charge;
import dev.codevector.limits.Counter;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitId;
import dev.codevector.limits.LimitScope;
import dev.codevector.limits.Reservation;
import dev.codevector.limits.Settlement;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.ModelNotFoundException;
import dev.codevector.spi.LimitStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The limits of an {@link InMemoryStore} and their counters: references over its tables, and
 * reservations checked and written under the tables' one lock.
 */
final class InMemoryLimitStore implements LimitStore {
  private final Tables tables;

  InMemoryLimitStore(Tables tables) {
    this.tables = tables;
  }

  @Override
  public Optional<Limit> findLimit(LimitId id) {
    return tables.limits.find(id);
  }

  @Override
  public List<Limit> limits() {
    return tables.limits.all();
  }

  @Override
  public Limit putLimit(Limit limit) {
    Objects.requireNonNull(limit, "limit");
    return tables.limits.put(limit, () -> requireReferences(limit));
  }

  // Guarded by lock
  private void requireReferences(Limit limit) {
    LimitScope scope = limit.scope();
    if (scope instanceof LimitScope.Key key && !tables.apiKeys.contains(key.keyId())) {
      throw new ApiKeyNotFoundException(key.keyId());
    }
    if (scope instanceof LimitScope.User user && !tables.users.contains(user.userId())) {
      throw new UserNotFoundException(user.userId());
    }
    if (scope instanceof LimitScope.Group group && !tables.groups.contains(group.groupId())) {
      throw new GroupNotFoundException(group.groupId());
    }
    Optional<ModelId> model = limit.model();
    if (model.isPresent() && !tables.models.contains(model.get())) {
      throw new ModelNotFoundException(model.get().value());
    }
  }

  @Override
  public boolean deleteLimit(LimitId id) {
    Objects.requireNonNull(id, "id");
    return tables.deleteLimits(limit -> limit.id().equals(id));
  }

  /** Checks every charge, then adds every amount, under the lock. */
  @Override
  public Reservation reserve(List<Charge> charges) {
    List<Charge> copy = List.copyOf(charges);
    synchronized (tables.lock) {
      List<Charge> live =
          copy.stream().filter(c -> tables.limits.contains(c.limit().id())).toList();
      for (Charge charge : live) {
        Counter counter = counter(charge);
        if (!counter.hasRoom(charge.limit(), charge.amount())) {
          return Reservation.refused(counter);
        }
      }
      List<Counter> reserved = new ArrayList<>(live.size());
      for (Charge charge : live) {
        Counter counter = counter(charge);
        Counter added =
            new Counter(
                counter.limitId(),
                counter.meter(),
                counter.window(),
                counter.used(),
                counter.reserved().plus(charge.amount()));
        tables.counters.put(added);
        reserved.add(added);
      }
      return Reservation.admitted(reserved);
    }
  }

  // Guarded by lock
  private Counter counter(Charge charge) {
    LimitId id = charge.limit().id();
    return tables
        .counters
        .find(id, charge.meter(), charge.window())
        .orElseGet(() -> Counter.empty(id, charge.meter(), charge.window()));
  }

  @Override
  public void settle(List<Settlement> settlements) {
    List<Settlement> copy = List.copyOf(settlements);
    synchronized (tables.lock) {
      for (Settlement settlement : copy) {
        tables
            .counters
            .find(settlement.limitId(), settlement.meter(), settlement.window())
            .ifPresent(
                counter ->
                    tables.counters.put(
                        new Counter(
                            counter.limitId(),
                            counter.meter(),
                            counter.window(),
                            counter.used().plus(settlement.used()),
                            counter.reserved().minus(settlement.reserved()))));
      }
    }
  }

  @Override
  public List<Counter> counters(LimitId id) {
    return tables.counters.of(Objects.requireNonNull(id, "id"));
  }

  @Override
  public int pruneCounters(Instant endedBefore) {
    return tables.counters.pruneEndedBefore(Objects.requireNonNull(endedBefore, "endedBefore"));
  }
}
