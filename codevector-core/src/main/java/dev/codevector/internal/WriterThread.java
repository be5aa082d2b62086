package dev.codevector.internal;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one thread of a background writer: started when first needed, woken through its owner's
 * condition, and on {@link #close()} told to finish and waited for. The owner's lock guards this
 * class's state as well as its own, so the loop sees a close together with the work left.
 *
 * <p>This class is thread-safe.
 */
final class WriterThread {
  private final String name;
  private final Runnable loop;
  private final ReentrantLock lock;
  private final Condition work;
  // Guarded by lock
  private boolean closed;
  private Thread thread;

  /**
   * Creates the thread, not yet started.
   *
   * @param name the thread's name
   * @param loop what the thread runs: until {@link #isClosed()} and no work is left
   * @param lock the owner's lock
   * @param work the owner's condition, which the loop awaits and a close signals
   */
  WriterThread(String name, Runnable loop, ReentrantLock lock, Condition work) {
    this.name = name;
    this.loop = loop;
    this.lock = lock;
    this.work = work;
  }

  /**
   * Creates the thread, not yet started, of a writer that drains what its owner queues: the thread
   * waits for work, lets it gather as long as the queue asks, takes it with the lock held, writes
   * it with the lock released, and once closed goes on until nothing is left, dropping everything
   * left at the first write that fails.
   *
   * @param name the thread's name
   * @param drain the owner's queue
   * @param lock the owner's lock, which guards the queue
   * @param work the owner's condition, signalled when work is queued
   */
  <T> WriterThread(String name, Drain<T> drain, ReentrantLock lock, Condition work) {
    this.name = name;
    this.loop = () -> drain(drain);
    this.lock = lock;
    this.work = work;
  }

  /**
   * What a draining writer takes its work from. Every method but {@link #write} is called with the
   * owner's lock held.
   *
   * @param <T> what is taken and written at once
   */
  interface Drain<T> {
    /** Whether nothing is queued. */
    boolean isEmpty();

    /** Takes the next work off the queue, which is not empty. */
    T take();

    /** Writes what was taken, with the lock released; false if the write failed. */
    boolean write(T taken);

    /**
     * How long to let work gather before taking it, from now; zero or less to take it now. Asked
     * again whenever the thread wakes, and not at all once the writer is closed.
     */
    default long lingerNanos() {
      return 0;
    }

    /** Called after each write, with the lock held again. */
    default void written() {}

    /** Drops everything queued: a write failed once the writer was closed. */
    void clear();
  }

  private <T> void drain(Drain<T> drain) {
    lock.lock();
    try {
      while (!drain.isEmpty() || !closed) {
        if (drain.isEmpty()) {
          work.await();
          continue;
        }
        long linger = closed ? 0 : drain.lingerNanos();
        if (linger > 0) {
          work.awaitNanos(linger);
          continue;
        }
        T taken = drain.take();
        lock.unlock();
        boolean ok;
        try {
          ok = drain.write(taken);
        } finally {
          lock.lock();
        }
        if (closed && !ok) {
          drain.clear();
        }
        drain.written();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  /** Starts the thread unless it was started; called with the lock held. */
  void start() {
    if (thread == null) {
      thread = new Thread(loop, name);
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** Whether {@link #close()} was called; called with the lock held. */
  boolean isClosed() {
    return closed;
  }

  /** Tells the loop to finish, and waits until it has. */
  void close() {
    Thread running;
    lock.lock();
    try {
      closed = true;
      work.signal();
      running = thread;
    } finally {
      lock.unlock();
    }
    if (running != null) {
      try {
        running.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
