package dev.codevector.routing;

/**
 * Thrown when no Backend of a Model has a context window that can hold the request: its estimated
 * input and the output it asks for at most. Every Backend that may serve was skipped for its
 * window; none was called. The server answers 400 with the client's own context-length error.
 */
public final class ContextLengthExceededException extends RoutingException {
  private static final long serialVersionUID = 1L;

  private final long requestTokens;
  private final long largestWindow;

  /**
   * Creates an exception.
   *
   * @param model the Model's slug
   * @param requestTokens the request's estimated input and requested output, in tokens
   * @param largestWindow the largest context window of the Model's Backends, in tokens
   */
  public ContextLengthExceededException(String model, long requestTokens, long largestWindow) {
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
  }

  /**
   * Returns the request's estimated input tokens and the output tokens it asks for at most.
   *
   * @return the tokens
   */
  public long requestTokens() {
    return requestTokens;
  }

  /**
   * Returns the largest context window of the Backends skipped for theirs.
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
