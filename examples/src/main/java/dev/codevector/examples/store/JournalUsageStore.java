package dev.codevector.examples.store;

import dev.codevector.spi.UsageStore;
import dev.codevector.usage.UsageQuery;
import dev.codevector.usage.UsageRecord;
import dev.codevector.usage.UsageTotal;
import java.time.Instant;
import java.util.List;

/**
 * The usage records of a {@link JournalStore}: reads from memory, writes through the journal, a
 * batch as one line.
 */
final class JournalUsageStore implements UsageStore {
  private final UsageStore memory;
  private final Journal journal;

  JournalUsageStore(UsageStore memory, Journal journal) {
    this.memory = memory;
    this.journal = journal;
  }

  @Override
  public void putUsage(List<UsageRecord> records) {
    journal.write(Operation.PUT_USAGE, records);
  }

  @Override
  public List<UsageTotal> usageTotals(UsageQuery query) {
    return memory.usageTotals(query);
  }

  @Override
  public List<UsageRecord> usageRecords(Instant from, Instant to, int limit) {
    return memory.usageRecords(from, to, limit);
  }
}
