package dev.codevector.internal;

import dev.codevector.CodeVectorException;
import dev.codevector.limits.LimitId;
import dev.codevector.limits.Meter;
import dev.codevector.limits.Settlement;
import dev.codevector.limits.Window;
import dev.codevector.spi.Store;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes the settlements of ended requests on a thread of its own, in batches, so that ending a
 * request never waits for the store; a batch settles each counter once, with what its requests
 * reserved and used added up. A batch is written {@link #LINGER} after its first settlement was
 * queued, or as soon as it is full or {@link #flush()} is called, so that a steady trickle of
 * requests costs the store one write per batch rather than one per request. At most {@code
 * capacity} settlements wait; further ones, and those submitted after {@link #close()}, are written
 * on the caller's thread. A batch the store refuses is dropped, and its reservations stay counted
 * until their windows end, which errs towards refusing: the first failure after a success is logged
 * as one warning, and further failures are not logged until a write succeeds again. {@link
 * #close()} writes what is pending, stopping at the first failure. A virtual machine error, even
 * wrapped in the store's failure, is never dropped.
 *
 * <p>This class is thread-safe.
 */
final class SettlementWriter implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SettlementWriter.class.getName());
  private static final int BATCH = 500;

  /** How long the first settlement of a batch waits for more to join it. */
  static final Duration LINGER = Duration.ofMillis(50);

  private final Store store;
  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  // Signalled when there is a settlement pending, or on closing.
  private final Condition work = lock.newCondition();
  // Signalled when the pending settlements were taken and their batch written or dropped.
  private final Condition written = lock.newCondition();
  private final WriterThread writer =
      new WriterThread("codevector-settlements", new PendingSettlements(), lock, work);
  // Guarded by lock: the settlements waiting, oldest first
  private final Queue<Settlement> pending = new ArrayDeque<>();
  // Guarded by lock: how many settlements the writer thread took and has not yet written
  private int writing;
  // Guarded by lock: when the oldest pending settlement was queued, from System.nanoTime()
  private long oldestNanos;
  // Guarded by lock: how many callers wait in flush()
  private int flushing;
  private final FailureStreak streak = new FailureStreak();

  /**
   * Creates the writer, whose thread starts with the first settlement queued.
   *
   * @param store the store whose {@link Store#limits()} keep the counters, asked for at each write
   * @param capacity how many settlements may wait
   */
  SettlementWriter(Store store, int capacity) {
    this.store = Objects.requireNonNull(store, "store");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Queues one request's settlements, or writes them now if too many wait or the writer is closed.
   *
   * @param settlements the settlements, written together
   */
  void submit(List<Settlement> settlements) {
    lock.lock();
    try {
      if (!writer.isClosed() && pending.size() + settlements.size() <= capacity) {
        if (pending.isEmpty()) {
          oldestNanos = System.nanoTime();
          pending.addAll(settlements);
          writer.start();
          work.signal();
        } else {
          pending.addAll(settlements);
          if (pending.size() >= BATCH) {
            work.signal();
          }
        }
        return;
      }
    } finally {
      lock.unlock();
    }
    write(settlements);
  }

  /**
   * Waits until the settlements queued before this call are written or dropped.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  void flush() throws InterruptedException {
    lock.lock();
    try {
      flushing++;
      work.signal();
      while (!pending.isEmpty() || writing > 0) {
        written.await();
      }
    } finally {
      flushing--;
      lock.unlock();
    }
  }

  /** Writes the settlements still pending, stopping at the first batch the store refuses. */
  @Override
  public void close() {
    writer.close();
  }

  /** The pending settlements, drained a batch at a time. */
  private final class PendingSettlements implements WriterThread.Drain<List<Settlement>> {
    @Override
    public boolean isEmpty() {
      return pending.isEmpty();
    }

    @Override
    public long lingerNanos() {
      return flushing > 0 || pending.size() >= BATCH
          ? 0
          : oldestNanos + LINGER.toNanos() - System.nanoTime();
    }

    @Override
    public List<Settlement> take() {
      List<Settlement> batch = new ArrayList<>(Math.min(BATCH, pending.size()));
      while (batch.size() < BATCH && !pending.isEmpty()) {
        batch.add(pending.remove());
      }
      writing = batch.size();
      return batch;
    }

    @Override
    public boolean write(List<Settlement> batch) {
      return SettlementWriter.this.write(merged(batch));
    }

    @Override
    public void written() {
      writing = 0;
      written.signalAll();
    }

    @Override
    public void clear() {
      pending.clear();
    }
  }

  /**
   * Returns one settlement per counter, adding up what a batch reserved and used on it, which the
   * store settles as it would each in turn (its reserved tally never going below zero either way).
   */
  private static List<Settlement> merged(List<Settlement> batch) {
    Map<Counter, Settlement> byCounter = new LinkedHashMap<>();
    for (Settlement settlement : batch) {
      byCounter.merge(
          new Counter(settlement.limitId(), settlement.meter(), settlement.window()),
          settlement,
          (first, second) ->
              new Settlement(
                  first.limitId(),
                  first.meter(),
                  first.window(),
                  first.reserved().plus(second.reserved()),
                  first.used().plus(second.used())));
    }
    return List.copyOf(byCounter.values());
  }

  /** Names a counter. */
  private record Counter(LimitId limitId, Meter meter, Window window) {}

  /** Writes one batch with the lock released; false if the store failed. */
  private boolean write(List<Settlement> batch) {
    try {
      store.limits().settle(batch);
      streak.succeeded();
      return true;
    } catch (CodeVectorException e) {
      FatalErrors.rethrowIn(e);
      if (streak.failed()) {
        LOG.log(
            System.Logger.Level.WARNING,
            "limits: the store failed to settle reservations; they stay counted until their"
                + " windows end, and failures are not logged again until a settlement is written",
            e);
      }
      return false;
    }
  }
}
