package dev.codevector.server;

import dev.codevector.CodeVectorException;

/**
 * Thrown when the server cannot start as configured: a malformed setting, an unreachable database,
 * a wrong key-encryption key, a port in use. Its message is one line for the operator, with no
 * secret in it.
 */
public final class ConfigurationException extends CodeVectorException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what is wrong and, where it helps, how to fix it
   */
  public ConfigurationException(String message) {
    super(message);
  }

  /**
   * Creates an exception that explains a lower-level failure.
   *
   * @param message what is wrong and, where it helps, how to fix it
   * @param cause the underlying failure
   */
  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
