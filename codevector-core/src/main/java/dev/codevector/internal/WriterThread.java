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
