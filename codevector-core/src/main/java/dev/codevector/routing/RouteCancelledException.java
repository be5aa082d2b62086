package dev.codevector.routing;

import java.util.List;

/**
 * Thrown when a request's {@link Cancellation} was given before its answer's commit point: the
 * upstream call in progress was cancelled, and its attempt counts neither for nor against its
 * Backend. The server records it with status 499, as nginx does for a client that closed the
 * request.
 */
public final class RouteCancelledException extends RoutingException {
  private static final long serialVersionUID = 1L;

  private final transient List<Attempt> attempts;

  /**
   * Creates an exception.
   *
   * @param model the Model's slug
   * @param attempts the attempts made, in order, the cancelled one last; may be empty
   */
  public RouteCancelledException(String model, List<Attempt> attempts) {
    super(model, "the request for model '" + model + "' was cancelled");
    this.attempts = List.copyOf(attempts);
  }

  /**
   * Returns the attempts made, in order; the last one, if any, is the one cancelled.
   *
   * @return the attempts
   */
  public List<Attempt> attempts() {
    return attempts;
  }
}
