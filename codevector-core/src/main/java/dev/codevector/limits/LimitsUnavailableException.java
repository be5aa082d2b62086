package dev.codevector.limits;

import dev.codevector.CodeVectorException;

/**
 * Thrown when a request is refused because its limits could not be checked, the store failing, and
 * the policy is to refuse then ({@link LimitPolicy#CLOSED}). Nothing was reserved and no upstream
 * was called.
 */
public final class LimitsUnavailableException extends CodeVectorException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception for limits that could not be checked.
   *
   * @param cause the store's failure
   */
  public LimitsUnavailableException(Throwable cause) {
    super("the limits on this request cannot be checked now", cause);
  }
}
