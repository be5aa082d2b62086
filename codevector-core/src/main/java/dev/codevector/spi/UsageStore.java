package dev.codevector.spi;

import dev.codevector.usage.UsageQuery;
import dev.codevector.usage.UsageRecord;
import dev.codevector.usage.UsageTotal;
import java.time.Instant;
import java.util.List;

/**
 * The usage records a {@link Store} keeps, under the rules of the {@link Store} contract. Usage
 * records refer to nothing: they outlive the users, keys and Providers they name. They are written
 * once: a put of a record whose request id is stored already is ignored, without error, so a batch
 * may be put again after a failure.
 */
public interface UsageStore {

  /**
   * Writes usage records, all or none, skipping each whose request id is stored already (or appears
   * earlier in {@code records}).
   *
   * @param records the records, in any order
   * @throws StoreException if the records cannot be written; then none is
   */
  void putUsage(List<UsageRecord> records);

  /**
   * Returns the totals of the usage records made in {@code [query.from(), query.to())}, one per
   * key, by key.
   *
   * @param query the time range and the grouping
   * @return the totals, unmodifiable; empty if no record is in the range
   */
  List<UsageTotal> usageTotals(UsageQuery query);

  /**
   * Returns the earliest usage records made in {@code [from, to)}, by time and then request id.
   *
   * @param from the first instant included
   * @param to the first instant excluded
   * @param limit how many records at most; positive
   * @return the records, unmodifiable
   * @throws IllegalArgumentException if {@code to} is before {@code from} or the limit is not
   *     positive
   */
  List<UsageRecord> usageRecords(Instant from, Instant to, int limit);
}
