package dev.codevector.internal;

import dev.codevector.CodeVectorException;
import dev.codevector.access.ApiKey;
import dev.codevector.access.ApiKeyId;
import dev.codevector.registry.ConcurrentUpdateException;
import dev.codevector.spi.AccessStore;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes keys' last use on a thread of its own, so that authenticating never waits for the store.
 * Each key has at most one write pending, holding its latest use; at most {@code capacity} keys
 * wait, and uses of further keys are dropped (a last use is approximate anyway). A write the store
 * refuses is dropped too: the first failure after a success is logged as one warning with the
 * store's message, which names a key by its id only, and further failures are not logged until a
 * write succeeds again. {@link #close()} writes what is pending, stopping at the first failure. A
 * virtual machine error, such as an out-of-memory error, is never dropped, even wrapped in the
 * store's failure: it ends the writer thread and goes to its uncaught exception handler.
 *
 * <p>This class is thread-safe.
 */
final class LastUseWriter implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LastUseWriter.class.getName());

  private final AccessStore store;
  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  // Signalled when there is a write pending, or on closing.
  private final Condition work = lock.newCondition();
  private final WriterThread writer =
      new WriterThread("codevector-last-use", new PendingUses(), lock, work);
  // Guarded by lock: the pending writes in the order their keys were first used
  private final Map<ApiKeyId, ApiKey> pending = new LinkedHashMap<>();
  private final FailureStreak streak = new FailureStreak();

  LastUseWriter(AccessStore store, int capacity) {
    this.store = Objects.requireNonNull(store, "store");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Queues the write of a key's use at a time, replacing a write of the same key still pending.
   *
   * @return false if the use was dropped: too many keys pending, or closed
   */
  boolean submit(ApiKey key, Instant usedAt) {
    ApiKey used = key.withLastUsedAt(usedAt);
    lock.lock();
    try {
      if (writer.isClosed() || (pending.size() >= capacity && !pending.containsKey(key.id()))) {
        return false;
      }
      pending.put(key.id(), used);
      writer.start();
      work.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Writes the uses still pending, stopping at the first the store refuses, and stops. */
  @Override
  public void close() {
    writer.close();
  }

  /** The pending uses, drained one at a time. */
  private final class PendingUses implements WriterThread.Drain<ApiKey> {
    @Override
    public boolean isEmpty() {
      return pending.isEmpty();
    }

    @Override
    public ApiKey take() {
      Iterator<ApiKey> first = pending.values().iterator();
      ApiKey used = first.next();
      first.remove();
      return used;
    }

    @Override
    public boolean write(ApiKey used) {
      return LastUseWriter.this.write(used);
    }

    @Override
    public void clear() {
      pending.clear();
    }
  }

  /** Writes one use with the lock released; false if the store failed. */
  private boolean write(ApiKey used) {
    CodeVectorException failure = null;
    try {
      store.putApiKey(used);
    } catch (ConcurrentUpdateException e) {
      // The key changed since it was read, perhaps revoked: its state wins over a last use.
    } catch (CodeVectorException e) {
      FatalErrors.rethrowIn(e);
      failure = e;
    }
    if (failure == null) {
      streak.succeeded();
    } else if (streak.failed()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "cannot record the last use of api keys; uses are dropped until the store answers: {0}",
          failure.getMessage());
    }
    return failure == null;
  }
}
