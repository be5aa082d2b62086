package dev.codevector.routing;

import dev.codevector.registry.BackendId;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Observes the router: each attempt and each route's end. Methods do nothing unless overridden.
 * They run on the request's thread, never while the router holds a lock; an exception a listener
 * throws is logged and ignored.
 *
 * <p>Events of one request come in this order: {@code attemptStarted}, then {@code attemptFailed}
 * if that attempt failed, repeated per attempt, then {@code routeCompleted} once, after the
 * response was consumed and closed.
 *
 * <p>Implement the methods of interest, or make a listener for one event from a lambda:
 *
 * <pre>{@code
 * CodeVector.builder()
 *     .listener(RouterListener.onAttemptFailed((model, attempt) -> log.warn(...)))
 * }</pre>
 */
public interface RouterListener {
  /** A listener that ignores every event. */
  RouterListener NONE = new RouterListener() {};

  /**
   * Returns a listener told of each failed attempt only.
   *
   * @param action what to do with the Model's slug and the failed attempt
   * @return the listener
   */
  static RouterListener onAttemptFailed(BiConsumer<String, Attempt> action) {
    Objects.requireNonNull(action, "action");
    return new RouterListener() {
      @Override
      public void attemptFailed(String model, Attempt attempt) {
        action.accept(model, attempt);
      }
    };
  }

  /**
   * Returns a listener told of each change of a Backend's circuit only.
   *
   * @param action what to do with the Backend and its new state
   * @return the listener
   */
  static RouterListener onCircuitChanged(BiConsumer<BackendId, CircuitState> action) {
    Objects.requireNonNull(action, "action");
    return new RouterListener() {
      @Override
      public void circuitChanged(BackendId backendId, CircuitState state) {
        action.accept(backendId, state);
      }
    };
  }

  /**
   * Returns a listener told of each route's end only.
   *
   * @param action what to do with the Model's slug and the closed response
   * @return the listener
   */
  static RouterListener onRouteCompleted(BiConsumer<String, RouteResponse> action) {
    Objects.requireNonNull(action, "action");
    return new RouterListener() {
      @Override
      public void routeCompleted(String model, RouteResponse response) {
        action.accept(model, response);
      }
    };
  }

  /**
   * Called before a Backend is tried.
   *
   * @param model the Model's slug
   * @param backendId the Backend about to be tried
   */
  default void attemptStarted(String model, BackendId backendId) {}

  /**
   * Called when an attempt failed, whether or not the router fails over.
   *
   * @param model the Model's slug
   * @param attempt the failed attempt
   */
  default void attemptFailed(String model, Attempt attempt) {}

  /**
   * Called when a Backend's circuit changes state: it opens after repeated failures or a {@code
   * Retry-After}, turns half-open when its cooldown ends, and closes after a successful probe.
   *
   * @param backendId the Backend
   * @param state its new state
   */
  default void circuitChanged(BackendId backendId, CircuitState state) {}

  /**
   * Called once a routed response was consumed and closed, with what it used.
   *
   * @param model the Model's slug
   * @param response the response, closed; its attempts and usage are final
   */
  default void routeCompleted(String model, RouteResponse response) {}
}
