package dev.codevector.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A signal, given from any thread, that a routed request's answer is no longer wanted, such as when
 * the client has disconnected. The router and the upstreams register what stops their work (an
 * upstream call's cancellation); {@link #cancel()} runs it at once, and anything registered later
 * runs as it is registered.
 *
 * <p>This class is thread-safe.
 */
public final class Cancellation {
  private static final System.Logger LOG = System.getLogger(Cancellation.class.getName());

  // Guarded by this.
  private final List<Runnable> actions = new ArrayList<>();
  private volatile boolean cancelled;

  private Cancellation() {}

  /**
   * Returns a signal not yet given.
   *
   * @return the cancellation
   */
  public static Cancellation create() {
    return new Cancellation();
  }

  /**
   * Gives the signal: runs every registered action once, on this thread. Later calls do nothing. An
   * exception thrown by an action is logged and ignored.
   */
  public void cancel() {
    List<Runnable> toRun;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      toRun = List.copyOf(actions);
      actions.clear();
    }
    toRun.forEach(Cancellation::run);
  }

  /**
   * Returns whether the signal was given.
   *
   * @return true once {@link #cancel()} was called
   */
  public boolean isCancelled() {
    return cancelled;
  }

  /**
   * Registers an action to run when the signal is given, or runs it at once on this thread if it
   * was. Close the registration once the work it stops is over.
   *
   * @param action what stops the work; must be quick and safe to call from any thread
   * @return the registration, whose {@code close()} removes the action
   */
  public Registration onCancel(Runnable action) {
    Objects.requireNonNull(action, "action");
    synchronized (this) {
      if (!cancelled) {
        actions.add(action);
        return () -> remove(action);
      }
    }
    run(action);
    return () -> {};
  }

  private synchronized void remove(Runnable action) {
    actions.remove(action);
  }

  private static void run(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "a cancellation action failed", e);
    }
  }

  /** An action registered with {@link #onCancel(Runnable)}; closing it removes the action. */
  @FunctionalInterface
  public interface Registration extends AutoCloseable {
    /** Removes the action, if it has not run yet; never throws. */
    @Override
    void close();
  }

  /** Returns whether the signal was given, for logs. */
  @Override
  public String toString() {
    return cancelled ? "Cancellation[cancelled]" : "Cancellation[pending]";
  }
}
