package dev.codevector.routing;

import dev.codevector.registry.BackendId;

/**
 * Observes the router: each attempt and each route's end. Methods do nothing unless overridden.
 * They run on the request's thread, never while the router holds a lock; an exception a listener
 * throws is logged and ignored.
 *
 * <p>Events of one request come in this order: {@code attemptStarted}, then {@code attemptFailed}
 * if that attempt failed, repeated per attempt, then {@code routeCompleted} once, after the
 * response was consumed and closed.
 */
public abstract class RouterListener {
  /** A listener that ignores every event. */
  public static final RouterListener NONE = new RouterListener() {};

  /** Creates a listener. */
  protected RouterListener() {}

  /**
   * Called before a Backend is tried.
   *
   * @param model the Model's slug
   * @param backendId the Backend about to be tried
   */
  public void attemptStarted(String model, BackendId backendId) {}

  /**
   * Called when an attempt failed, whether or not the router fails over.
   *
   * @param model the Model's slug
   * @param attempt the failed attempt
   */
  public void attemptFailed(String model, Attempt attempt) {}

  /**
   * Called when a Backend's circuit changes state: it opens after repeated failures or a {@code
   * Retry-After}, turns half-open when its cooldown ends, and closes after a successful probe.
   *
   * @param backendId the Backend
   * @param state its new state
   */
  public void circuitChanged(BackendId backendId, CircuitState state) {}

  /**
   * Called once a routed response was consumed and closed, with what it used.
   *
   * @param model the Model's slug
   * @param response the response, closed; its attempts and usage are final
   */
  public void routeCompleted(String model, RouteResponse response) {}
}
