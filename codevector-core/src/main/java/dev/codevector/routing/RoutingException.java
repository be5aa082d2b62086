package dev.codevector.routing;

import dev.codevector.CodeVectorException;

/** Thrown when a request cannot be routed to any upstream. */
public abstract class RoutingException extends CodeVectorException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what went wrong, naming the Model
   */
  protected RoutingException(String message) {
    super(message);
  }
}
