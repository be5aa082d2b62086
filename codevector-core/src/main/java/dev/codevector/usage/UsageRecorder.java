package dev.codevector.usage;

/**
 * Records usage without slowing requests down: {@link #record} only queues the record, and a
 * background thread writes queued records to the {@link dev.codevector.spi.Store} in batches.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li><b>Requests never wait and never fail for usage.</b> {@link #record} neither blocks on the
 *       store nor throws.
 *   <li><b>Batches.</b> Queued records are written as soon as a full batch is queued, and otherwise
 *       about once per batch interval while any are queued.
 *   <li><b>Outages lose nothing</b> while memory allows. A batch the store refuses stays queued and
 *       is written again after a pause that doubles after each failure, up to a cap. Writes are
 *       idempotent by request id, so a batch written again never doubles a record.
 *   <li><b>Bounded memory.</b> The queue holds a fixed number of records at most; a record that
 *       arrives at a full queue, or after {@link #close()}, is dropped and counted in {@link
 *       #dropped()}.
 * </ul>
 *
 * <p>Implementations are thread-safe. The recorder of a {@link dev.codevector.CodeVector} is closed
 * by {@link dev.codevector.CodeVector#close()}.
 */
public interface UsageRecorder extends AutoCloseable {

  /**
   * Queues a record for writing, and returns at once.
   *
   * @param record the record
   * @throws NullPointerException if {@code record} is null; nothing else is ever thrown
   */
  void record(UsageRecord record);

  /**
   * Writes every record queued before this call, and waits until they are written.
   *
   * @throws dev.codevector.spi.StoreException if the store refuses a batch meanwhile; the records
   *     stay queued and are written again later
   */
  void flush();

  /**
   * Returns how many records are queued and not yet written.
   *
   * @return the number of queued records
   */
  int queueDepth();

  /**
   * Returns how many records were dropped since the recorder started: records that arrived at a
   * full queue or after closing, and records still unwritten when closing gave up on the store.
   *
   * @return the number of records lost
   */
  long dropped();

  /**
   * Writes every queued record, then stops the background thread. If the store keeps refusing, it
   * gives up after a few attempts and counts the unwritten records as dropped. Closing again does
   * nothing.
   */
  @Override
  void close();
}
