package dev.codevector.vault;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A credential at rest: its ciphertext, its data-encryption key wrapped by the key-encryption key,
 * the prefix that may be shown, and when it was last set. Only a {@link CredentialVault} holding
 * the right key-encryption key can open it, and only for the Provider and field it was sealed for.
 *
 * <p>Rotating the key-encryption key replaces {@link #wrappedKey()} and leaves {@link
 * #ciphertext()} untouched. Byte arrays are copied in and out; instances are immutable.
 *
 * @param wrappedKey the data-encryption key, wrapped by the key-encryption key
 * @param ciphertext the credential, encrypted under the data-encryption key
 * @param prefix the first characters of the credential, safe to show
 * @param updatedAt when the credential was last set
 */
public record SealedCredential(
    byte[] wrappedKey, byte[] ciphertext, String prefix, Instant updatedAt) {

  /** Copies the byte arrays and checks the fields. */
  public SealedCredential {
    wrappedKey = Objects.requireNonNull(wrappedKey, "wrappedKey").clone();
    ciphertext = Objects.requireNonNull(ciphertext, "ciphertext").clone();
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /**
   * Returns a copy of the wrapped data-encryption key.
   *
   * @return the wrapped key's bytes
   */
  @Override
  public byte[] wrappedKey() {
    return wrappedKey.clone();
  }

  /**
   * Returns a copy of the credential's ciphertext.
   *
   * @return the ciphertext's bytes
   */
  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  /**
   * Returns a copy of this credential with its data-encryption key wrapped anew.
   *
   * @param newWrappedKey the data-encryption key, wrapped by another key-encryption key
   * @return the re-wrapped credential; ciphertext, prefix and time are unchanged
   */
  public SealedCredential withWrappedKey(byte[] newWrappedKey) {
    return new SealedCredential(newWrappedKey, ciphertext, prefix, updatedAt);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SealedCredential
        && Arrays.equals(wrappedKey, ((SealedCredential) other).wrappedKey)
        && Arrays.equals(ciphertext, ((SealedCredential) other).ciphertext)
        && prefix.equals(((SealedCredential) other).prefix)
        && updatedAt.equals(((SealedCredential) other).updatedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        Arrays.hashCode(wrappedKey), Arrays.hashCode(ciphertext), prefix, updatedAt);
  }

  /** Returns the prefix and time only; key material never prints. */
  @Override
  public String toString() {
    return "SealedCredential[prefix=" + prefix + ", updatedAt=" + updatedAt + "]";
  }
}
