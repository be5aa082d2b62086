package dev.codevector.server.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the memory that the bodies of all requests in flight take together. Each request leases
 * room for its body before reading it, and gives the lease back when it has been served; a request
 * that finds no room is turned away at once instead of running the heap out of memory.
 *
 * <p>This class is thread-safe.
 */
public final class InFlightBytes {
  private final long capacity;
  private final AtomicLong used = new AtomicLong();

  /**
   * Creates the budget.
   *
   * @param capacity the most bytes leased at once
   */
  InFlightBytes(long capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Returns a budget of a quarter of the heap the JVM may grow to.
   *
   * @return the budget
   */
  public static InFlightBytes ofHeap() {
    return new InFlightBytes(Runtime.getRuntime().maxMemory() / 4);
  }

  /**
   * Returns an empty lease, which {@link Lease#grow(long)} fills.
   *
   * @return the lease; close it when the body is no longer held
   */
  public Lease lease() {
    return new Lease();
  }

  /** Room taken for one request's body. Not thread-safe; confine to the request's thread. */
  public final class Lease implements AutoCloseable {
    private long held;

    private Lease() {}

    /**
     * Takes room for {@code bytes} more, if there is any.
     *
     * @return whether the room was taken
     */
    boolean grow(long bytes) {
      long now;
      do {
        now = used.get();
        if (now + bytes > capacity) {
          return false;
        }
      } while (!used.compareAndSet(now, now + bytes));
      held += bytes;
      return true;
    }

    /** Gives back all the room taken. */
    @Override
    public void close() {
      used.addAndGet(-held);
      held = 0;
    }
  }
}
