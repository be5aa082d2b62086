package dev.codevector.jdbc;

import dev.codevector.jdbc.internal.Database;
import dev.codevector.jdbc.internal.UsageTable;
import dev.codevector.spi.UsageStore;
import dev.codevector.usage.UsageQuery;
import dev.codevector.usage.UsageRecord;
import dev.codevector.usage.UsageTotal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The usage records, written in batches of one transaction each and summed in SQL of a {@link
 * JdbcStore}, over its tables.
 */
final class JdbcUsageStore implements UsageStore {
  private final UsageTable usage;

  JdbcUsageStore(Database database) {
    this.usage = new UsageTable(database);
  }

  @Override
  public void putUsage(List<UsageRecord> records) {
    usage.put(List.copyOf(records));
  }

  @Override
  public List<UsageTotal> usageTotals(UsageQuery query) {
    return usage.totals(Objects.requireNonNull(query, "query"));
  }

  @Override
  public List<UsageRecord> usageRecords(Instant from, Instant to, int limit) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("time range ends before it starts: " + from + " " + to);
    }
    return usage.records(from, to, limit);
  }
}
