package dev.codevector.store;

import dev.codevector.limits.Counter;
import dev.codevector.limits.LimitId;
import dev.codevector.limits.Meter;
import dev.codevector.limits.Window;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The counters of the limits of an {@link InMemoryStore}, one per limit, meter and window start.
 * Every method holds the lock it is given, which the store's tables share, so a caller holding that
 * lock makes a check and its writes atomic.
 */
final class CounterTable {
  private final Object lock;
  // Guarded by lock
  private final Map<Key, Counter> rows = new HashMap<>();

  CounterTable(Object lock) {
    this.lock = lock;
  }

  /**
   * Returns the stored counter of a limit, meter and window.
   *
   * @param limitId the limit
   * @param meter the meter
   * @param window the window
   * @return the counter, or empty if there is none yet
   */
  Optional<Counter> find(LimitId limitId, Meter meter, Window window) {
    synchronized (lock) {
      return Optional.ofNullable(rows.get(new Key(limitId, meter, window.start())));
    }
  }

  void put(Counter counter) {
    synchronized (lock) {
      rows.put(new Key(counter.limitId(), counter.meter(), counter.window().start()), counter);
    }
  }

  List<Counter> of(LimitId limitId) {
    synchronized (lock) {
      return rows.values().stream().filter(c -> c.limitId().equals(limitId)).toList();
    }
  }

  /** Deletes the counters of some limits. */
  void deleteOf(Set<LimitId> limitIds) {
    synchronized (lock) {
      rows.keySet().removeIf(key -> limitIds.contains(key.limitId()));
    }
  }

  /**
   * Deletes the counters whose window ended before an instant.
   *
   * @param endedBefore the instant
   * @return how many were deleted
   */
  int pruneEndedBefore(Instant endedBefore) {
    synchronized (lock) {
      int before = rows.size();
      rows.values().removeIf(c -> c.window().end().isBefore(endedBefore));
      return before - rows.size();
    }
  }

  /** What identifies a counter: its limit, meter and window start. */
  private record Key(LimitId limitId, Meter meter, Instant windowStart) {}
}
