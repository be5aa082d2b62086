package dev.codevector.routing;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown when an active Model has no Backend that may be tried now: every one is disabled, belongs
 * to a disabled Provider or Provider Model, or is cooling down after failures. The server answers
 * 503.
 */
public final class NoActiveBackendException extends RoutingException {
  private static final long serialVersionUID = 1L;

  private final transient Optional<Duration> retryAfter;

  /**
   * Creates an exception.
   *
   * @param model the Model's slug
   * @param retryAfter how long until a Backend of the Model may serve again, if known
   */
  public NoActiveBackendException(String model, Optional<Duration> retryAfter) {
    super(model, "model '" + model + "' has no backend available");
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /**
   * Returns how long until a Backend of the Model may serve again: the shortest cooldown left of
   * its Backends' open circuits. Empty when no Backend is cooling down, as when every one is
   * disabled.
   *
   * @return the time, at least one second, or empty
   */
  public Optional<Duration> retryAfter() {
    return retryAfter;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this; // thrown often during outages; the message says all
  }
}
