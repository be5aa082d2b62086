package dev.codevector.routing;

import java.util.List;

/**
 * Thrown when no Backend of a Model has a context window that can hold the request: its input and
 * the output it asks for at most. Every Backend that may serve was either skipped because its
 * window cannot hold the request's estimate, or called and refused the request as too long for its
 * window; the attempts are those refusals. The server answers 400 with the client's own
 * context-length error.
 */
public final class ContextLengthExceededException extends RoutingException {
  private static final long serialVersionUID = 1L;

  /** The request's input and requested output, in tokens. */
  private final long requestTokens;

  /** The largest window that was skipped or refused, in tokens. */
  private final long largestWindow;

  private final transient List<Attempt> attempts;

  /**
   * Creates an exception.
   *
   * @param model the Model's slug
   * @param requestTokens the request's input and requested output, in tokens: as an upstream
   *     counted them, or else as estimated
   * @param largestWindow the largest context window of the Model's Backends, in tokens
   * @param attempts the calls whose upstreams refused the request as too long, in order; empty when
   *     every Backend was skipped
   */
  public ContextLengthExceededException(
      String model, long requestTokens, long largestWindow, List<Attempt> attempts) {
    super(
        model,
        "model '"
            + model
            + "' has no backend whose context window of at most "
            + largestWindow
            + " tokens holds the request's "
            + requestTokens);
    this.requestTokens = requestTokens;
    this.largestWindow = largestWindow;
    this.attempts = List.copyOf(attempts);
  }

  /**
   * Returns the calls whose upstreams refused the request as too long, in order.
   *
   * @return the attempts; empty when no Backend was called
   */
  public List<Attempt> attempts() {
    return attempts;
  }

  /**
   * Returns the request's input tokens and the output tokens it asks for at most, as an upstream
   * counted them or else as estimated.
   *
   * @return the tokens
   */
  public long requestTokens() {
    return requestTokens;
  }

  /**
   * Returns the largest context window of the Backends skipped for theirs or refused by theirs.
   *
   * @return the window, in tokens
   */
  public long largestWindow() {
    return largestWindow;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this; // a client's mistake; the message says all
  }
}
