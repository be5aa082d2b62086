package dev.codevector.internal;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells a background writer when to warn that the store refuses its writes: at the first failure
 * after a success, or after the start, and not again until a write succeeds.
 *
 * <p>This class is thread-safe.
 */
final class FailureStreak {
  private final AtomicBoolean failing = new AtomicBoolean();

  /** Records a write the store took, which ends a streak of failures. */
  void succeeded() {
    failing.set(false);
  }

  /**
   * Records a write the store refused.
   *
   * @return true if it starts a streak of failures, and is to be logged
   */
  boolean failed() {
    return !failing.getAndSet(true);
  }
}
