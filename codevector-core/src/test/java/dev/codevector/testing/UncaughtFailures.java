package dev.codevector.testing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A thread group that keeps the first failure one of its threads let escape, in place of the
 * process-wide uncaught exception handler. A thread started in the group, or by a thread of it,
 * reports there, so a test sees what a background thread threw without changing global state.
 */
public final class UncaughtFailures extends ThreadGroup {
  private final CompletableFuture<Throwable> first = new CompletableFuture<>();

  /** Creates the group. */
  public UncaughtFailures() {
    super("uncaught-failures");
  }

  @Override
  public void uncaughtException(Thread thread, Throwable failure) {
    first.complete(failure);
  }

  /**
   * Runs a task on a new thread of this group and waits for it to end.
   *
   * @param task what the thread runs
   */
  public void runInGroup(Runnable task) throws InterruptedException {
    Thread thread = new Thread(this, task, "uncaught-failures-task");
    thread.start();
    thread.join();
  }

  /**
   * Returns the first failure a thread of the group let escape, waiting up to ten seconds for one.
   *
   * @return the failure
   * @throws TimeoutException if no thread let one escape in that time
   */
  public Throwable first() throws InterruptedException, TimeoutException {
    try {
      return first.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError(e);
    }
  }
}
