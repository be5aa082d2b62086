package dev.codevector.internal;

import dev.codevector.spi.StoreException;
import dev.codevector.spi.UsageStore;
import dev.codevector.usage.UsageRecord;
import dev.codevector.usage.UsageRecorder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link UsageRecorder}: a bounded queue and one writer thread, started with the first record.
 *
 * <p>The writer takes its batch from the head of the queue without removing it, writes it with the
 * lock released, and removes it only once the store has taken it. A batch the store refuses is thus
 * still at the head for the next try, and records queued meanwhile line up behind it; the store's
 * idempotence by request id covers a batch that was written although the store reported a failure.
 * A virtual machine error, such as an out-of-memory error, is never retried, even wrapped in the
 * store's failure: it ends the writer thread and goes to its uncaught exception handler, and the
 * recorder takes no more records.
 */
public final class DefaultUsageRecorder implements UsageRecorder {
  private static final System.Logger LOG = System.getLogger(DefaultUsageRecorder.class.getName());
  private static final int CLOSING_ATTEMPTS = 3;
  private static final long DROPS_BETWEEN_WARNINGS = 10_000;

  private final UsageStore store;
  private final Settings settings;
  private final ReentrantLock lock = new ReentrantLock();
  // Signalled when the writer may have work: a record, a flush, closing.
  private final Condition work = lock.newCondition();
  // Signalled when the writer made progress: a batch written or refused, or the writer stopped.
  private final Condition progress = lock.newCondition();
  private final WriterThread writer =
      new WriterThread("codevector-usage-recorder", this::write, lock, work);
  // Guarded by lock
  private final ArrayDeque<UsageRecord> queue = new ArrayDeque<>();
  // Guarded by lock: records ever queued, and records written, counted from the start
  private long queued;
  private long written;
  // Guarded by lock: the write a flush waits for, and how many flushes were asked for
  private long flushTarget;
  private long flushes;
  // Guarded by lock
  private long dropped;
  private long failures;
  private RuntimeException lastFailure;
  private boolean stopped;

  /**
   * How the recorder batches, buffers and backs off.
   *
   * @param batchSize the most records one write takes
   * @param interval the longest a queued record waits for a batch to fill
   * @param capacity the most records queued at once
   * @param firstPause the pause after a refused write; it doubles after each further refusal
   * @param maxPause the longest pause between two tries
   */
  public record Settings(
      int batchSize, Duration interval, int capacity, Duration firstPause, Duration maxPause) {

    /** Checks the settings. */
    public Settings {
      if (batchSize < 1 || capacity < batchSize) {
        throw new IllegalArgumentException(
            "need 1 <= batchSize <= capacity: " + batchSize + ", " + capacity);
      }
      for (Duration d : List.of(interval, firstPause, maxPause)) {
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("durations must be positive: " + d);
        }
      }
    }

    /**
     * Returns the defaults: batches of up to 500 records at least every second, at most 100,000
     * records queued, and pauses from 100 milliseconds doubling up to 30 seconds.
     *
     * @return the default settings
     */
    public static Settings defaults() {
      return new Settings(
          500, Duration.ofSeconds(1), 100_000, Duration.ofMillis(100), Duration.ofSeconds(30));
    }
  }

  /**
   * Creates a recorder; its writer thread starts with the first record.
   *
   * @param store where records are written
   * @param settings how records are batched
   */
  public DefaultUsageRecorder(UsageStore store, Settings settings) {
    this.store = Objects.requireNonNull(store, "store");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public void record(UsageRecord record) {
    Objects.requireNonNull(record, "record");
    long droppedNow;
    lock.lock();
    try {
      if (!writer.isClosed() && !stopped && queue.size() < settings.capacity()) {
        queue.addLast(record);
        queued++;
        writer.start();
        if (queue.size() == 1 || queue.size() == settings.batchSize()) {
          work.signal();
        }
        return;
      }
      droppedNow = ++dropped;
    } finally {
      lock.unlock();
    }
    if (droppedNow % DROPS_BETWEEN_WARNINGS == 1) {
      LOG.log(
          System.Logger.Level.WARNING,
          "usage recorder is full or closed; {0} usage records dropped so far",
          droppedNow);
    }
  }

  @Override
  public void flush() {
    lock.lock();
    try {
      long target = queued;
      long failuresBefore = failures;
      flushTarget = Math.max(flushTarget, target);
      flushes++;
      work.signal();
      while (written < target && !stopped) {
        if (failures != failuresBefore) {
          throw new StoreException(
              "cannot write " + (target - written) + " queued usage records", lastFailure);
        }
        progress.await();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int queueDepth() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long dropped() {
    lock.lock();
    try {
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    writer.close();
  }

  /** The writer thread's loop: waits for a batch to be due, writes it, and backs off on failure. */
  private void write() {
    long pause = settings.firstPause().toNanos();
    int closingFailures = 0;
    lock.lock();
    try {
      long remaining = settings.interval().toNanos();
      while (!queue.isEmpty() || !writer.isClosed()) {
        if (queue.isEmpty()) {
          work.await();
          remaining = settings.interval().toNanos();
          continue;
        }
        boolean due =
            writer.isClosed()
                || queue.size() >= settings.batchSize()
                || written < flushTarget
                || remaining <= 0;
        if (!due) {
          remaining = work.awaitNanos(remaining);
          continue;
        }
        List<UsageRecord> batch = head(Math.min(queue.size(), settings.batchSize()));
        RuntimeException failure = writeUnlocked(batch);
        if (failure == null) {
          for (int i = 0; i < batch.size(); i++) {
            queue.removeFirst();
          }
          written += batch.size();
          pause = settings.firstPause().toNanos();
          remaining = settings.interval().toNanos();
          progress.signalAll();
          continue;
        }
        failures++;
        lastFailure = failure;
        progress.signalAll();
        if (writer.isClosed() && ++closingFailures == CLOSING_ATTEMPTS) {
          giveUp(failure);
          return;
        }
        pause = backOff(pause);
        remaining = 0;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stopped = true;
      progress.signalAll();
      lock.unlock();
    }
  }

  // Guarded by lock
  private List<UsageRecord> head(int size) {
    List<UsageRecord> batch = new ArrayList<>(size);
    Iterator<UsageRecord> records = queue.iterator();
    while (batch.size() < size) {
      batch.add(records.next());
    }
    return batch;
  }

  // Called with the lock held; releases it while the store works.
  private RuntimeException writeUnlocked(List<UsageRecord> batch) {
    lock.unlock();
    try {
      store.putUsage(batch);
      return null;
    } catch (RuntimeException e) {
      FatalErrors.rethrowIn(e);
      // One line per failed try, with the store's own words; the stack trace only at DEBUG.
      LOG.log(
          System.Logger.Level.WARNING,
          "cannot write " + batch.size() + " usage records; they stay queued: " + e.getMessage());
      LOG.log(System.Logger.Level.DEBUG, "the usage store failed", e);
      return e;
    } finally {
      lock.lock();
    }
  }

  /**
   * Pauses before the next try, returning the pause after that. A flush or closing ends the pause
   * at once, so that they try now; after closing, pauses start again from the first.
   */
  // Guarded by lock
  private long backOff(long pause) throws InterruptedException {
    long flushesBefore = flushes;
    boolean closedBefore = writer.isClosed();
    long left = pause;
    while (left > 0 && flushes == flushesBefore && writer.isClosed() == closedBefore) {
      left = work.awaitNanos(left);
    }
    if (writer.isClosed() && !closedBefore) {
      return settings.firstPause().toNanos();
    }
    return Math.min(pause * 2, settings.maxPause().toNanos());
  }

  // Guarded by lock
  private void giveUp(RuntimeException failure) {
    int lost = queue.size();
    dropped += lost;
    queue.clear();
    LOG.log(
        System.Logger.Level.ERROR,
        "closing the usage recorder: the store refused "
            + CLOSING_ATTEMPTS
            + " times; "
            + lost
            + " usage records are lost",
        failure);
  }
}
