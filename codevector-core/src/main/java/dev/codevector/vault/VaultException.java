package dev.codevector.vault;

import dev.codevector.CodeVectorException;

/**
 * Thrown when a credential cannot be sealed or opened, or a key-encryption key cannot be loaded: a
 * wrong key, a tampered or moved ciphertext, an unreadable keyset. Messages never contain key
 * material or plaintext.
 */
public final class VaultException extends CodeVectorException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what failed, without key material or plaintext
   */
  public VaultException(String message) {
    super(message);
  }

  /**
   * Creates an exception that translates a lower-level failure.
   *
   * @param message what failed, without key material or plaintext
   * @param cause the underlying failure
   */
  public VaultException(String message, Throwable cause) {
    super(message, cause);
  }
}
