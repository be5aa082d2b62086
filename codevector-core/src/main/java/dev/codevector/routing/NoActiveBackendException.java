package dev.codevector.routing;

import java.util.Objects;

/**
 * Thrown when an active Model has no Backend that may be tried now: every one is disabled, belongs
 * to a disabled Provider or Provider Model, or is cooling down after failures. The server answers
 * 503.
 */
public final class NoActiveBackendException extends RoutingException {
  private static final long serialVersionUID = 1L;

  private final String model;

  /**
   * Creates an exception.
   *
   * @param model the Model's slug
   */
  public NoActiveBackendException(String model) {
    super("model '" + Objects.requireNonNull(model, "model") + "' has no backend available");
    this.model = model;
  }

  /**
   * Returns the slug of the Model that had no Backend available.
   *
   * @return the slug
   */
  public String model() {
    return model;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this; // thrown often during outages; the message says all
  }
}
