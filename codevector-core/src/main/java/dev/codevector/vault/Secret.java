package dev.codevector.vault;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A secret value, such as an API key, that never prints. {@link #toString()} returns {@code
 * Secret[redacted]}; the value comes out only through {@link #reveal()}, so every use of the
 * plaintext shows up in a search.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Secret {
  private final byte[] utf8;

  private Secret(byte[] utf8) {
    this.utf8 = utf8;
  }

  /**
   * Returns a secret holding the given text.
   *
   * @param value the secret text
   * @return the secret
   */
  public static Secret of(String value) {
    return new Secret(Objects.requireNonNull(value, "value").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns the plaintext. Call it only to use the secret, never to log or show it.
   *
   * @return the secret text
   */
  public String reveal() {
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /**
   * Returns the first characters of the secret that may be shown: at most 8 characters (code
   * points), and at most a quarter of its length, so short secrets show little or nothing.
   *
   * @return the shown prefix, possibly empty
   */
  public String prefix() {
    String value = reveal();
    int shown = Math.min(8, value.codePointCount(0, value.length()) / 4);
    return value.substring(0, value.offsetByCodePoints(0, shown));
  }

  /**
   * Returns whether this secret holds the same value as another, comparing in constant time.
   *
   * @param other the object to compare with
   * @return true if {@code other} is a secret with the same value
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof Secret && MessageDigest.isEqual(utf8, ((Secret) other).utf8);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(utf8);
  }

  /** Returns {@code Secret[redacted]}, whatever the value. */
  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
