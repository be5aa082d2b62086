package dev.codevector.spi;

import dev.codevector.CodeVectorException;

/**
 * Thrown when a {@link Store} fails for a reason of its own, such as a lost database connection.
 * Rule violations have their own types; this one wraps the underlying failure.
 */
public final class StoreException extends CodeVectorException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception that wraps a storage failure.
   *
   * @param message what the store was doing
   * @param cause the underlying failure
   */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
