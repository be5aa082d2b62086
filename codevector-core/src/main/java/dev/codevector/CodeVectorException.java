package dev.codevector;

/**
 * The root of the exceptions CodeVector throws when something goes wrong at run time, as opposed to
 * a misuse of the API, which throws the JDK's {@link NullPointerException}, {@link
 * IllegalArgumentException} or {@link IllegalStateException}.
 *
 * <p>Messages name the ids and values involved and never contain key material, credentials or
 * request bodies.
 */
public abstract class CodeVectorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, naming the ids and values involved
   */
  protected CodeVectorException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the cause it translates.
   *
   * @param message what went wrong, naming the ids and values involved
   * @param cause the underlying failure
   */
  protected CodeVectorException(String message, Throwable cause) {
    super(message, cause);
  }
}
