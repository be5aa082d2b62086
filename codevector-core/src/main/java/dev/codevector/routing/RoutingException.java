package dev.codevector.routing;

import dev.codevector.CodeVectorException;
import java.util.Objects;

/** Thrown when a request cannot be routed to any upstream. */
public abstract class RoutingException extends CodeVectorException {
  private static final long serialVersionUID = 1L;

  /** The slug of the Model the request asked for. */
  private final String model;

  /**
   * Creates an exception.
   *
   * @param model the slug of the Model the request was routed to
   * @param message what went wrong, naming the Model
   */
  protected RoutingException(String model, String message) {
    super(message);
    this.model = Objects.requireNonNull(model, "model");
  }

  /**
   * Returns the slug of the Model the request was routed to.
   *
   * @return the slug
   */
  public String model() {
    return model;
  }
}
