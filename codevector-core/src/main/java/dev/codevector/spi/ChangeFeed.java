package dev.codevector.spi;

import java.util.function.Consumer;

/**
 * Tells of the changes made to a {@link Store}'s data by anyone sharing it: this process, other
 * processes on the same database, or tools writing to it directly. Whoever keeps reads of the Store
 * in memory, such as {@link dev.codevector.store.CachingStore}, subscribes and drops what a change
 * may have made stale. A Store offers a feed through {@link Store#changes()} when it can.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Committed first.</b> A change is told only once it is committed and visible: a read
 *       through the Store that starts after a listener heard of a change sees it, or a later state.
 *   <li><b>By concern.</b> Each committed registry, access or limits write is told as the {@link
 *       Change} of its concern; a write that cascades into another concern, such as deleting a
 *       Model with its grants, is told as each concern it changed. Usage records, limit counters,
 *       settings and a key's last use are not told. Changes may be told together, more than once,
 *       or when nothing changed in fact: a change means "may have changed".
 *   <li><b>Nothing missed silently.</b> Whenever the feed may have missed changes, when it starts
 *       listening and whenever it listens again after losing its connection, it tells {@link
 *       Change#EVERYTHING}. While it cannot listen, it tells nothing, so a subscriber that must
 *       never serve a stale read for long keeps a timer of its own as well.
 *   <li><b>Delivery.</b> Listeners are called on a thread of the feed, one change at a time and in
 *       the order the feed heard them. A listener must return quickly; an exception it throws is
 *       logged and ignored.
 * </ul>
 *
 * <p>Implementations must be thread-safe. The feed stops when its Store is closed.
 */
public interface ChangeFeed {

  /**
   * Starts telling a listener of the changes from now on. A feed that is not listening yet tells it
   * {@link Change#EVERYTHING} once it is.
   *
   * @param listener what to call with each change
   * @return the subscription; closing it stops the calls
   * @throws IllegalStateException if the feed's Store is closed
   */
  Subscription subscribe(Consumer<Change> listener);

  /**
   * A listener's subscription to a feed. Whoever subscribed closes it; closing it again does
   * nothing.
   */
  interface Subscription extends AutoCloseable {
    /** Stops calling the listener; a call already under way may still finish. */
    @Override
    void close();
  }
}
