package dev.codevector.store;

import dev.codevector.spi.UsageStore;
import dev.codevector.usage.UsageQuery;
import dev.codevector.usage.UsageRecord;
import dev.codevector.usage.UsageTotal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The usage records of an {@link InMemoryStore}, by request id, summed on demand. */
final class InMemoryUsageStore implements UsageStore {
  private final Object lock;
  // Guarded by lock; by request id
  private final Map<String, UsageRecord> records = new HashMap<>();

  InMemoryUsageStore(Object lock) {
    this.lock = lock;
  }

  @Override
  public void putUsage(List<UsageRecord> batch) {
    List<UsageRecord> copy = List.copyOf(batch);
    synchronized (lock) {
      for (UsageRecord record : copy) {
        records.putIfAbsent(record.requestId(), record);
      }
    }
  }

  @Override
  public List<UsageTotal> usageTotals(UsageQuery query) {
    Objects.requireNonNull(query, "query");
    Map<String, List<UsageRecord>> byKey = new TreeMap<>();
    for (UsageRecord record : inRange(query.from(), query.to())) {
      byKey.computeIfAbsent(query.groupBy().keyOf(record), k -> new ArrayList<>()).add(record);
    }
    List<UsageTotal> totals = new ArrayList<>();
    byKey.forEach((key, grouped) -> totals.add(total(key, grouped)));
    return List.copyOf(totals);
  }

  @Override
  public List<UsageRecord> usageRecords(Instant from, Instant to, int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("time range ends before it starts: " + from + " " + to);
    }
    return inRange(from, to).stream()
        .sorted(Comparator.comparing(UsageRecord::time).thenComparing(UsageRecord::requestId))
        .limit(limit)
        .toList();
  }

  private List<UsageRecord> inRange(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    synchronized (lock) {
      return records.values().stream()
          .filter(r -> !r.time().isBefore(from) && r.time().isBefore(to))
          .toList();
    }
  }

  private static UsageTotal total(String key, List<UsageRecord> records) {
    return new UsageTotal(
        key,
        records.size(),
        records.stream().mapToLong(UsageRecord::inputTokens).sum(),
        records.stream().mapToLong(UsageRecord::cachedInputTokens).sum(),
        records.stream().mapToLong(UsageRecord::cacheWriteTokens).sum(),
        records.stream().mapToLong(UsageRecord::outputTokens).sum(),
        records.stream().map(UsageRecord::cost).reduce(BigDecimal.ZERO, BigDecimal::add));
  }
}
