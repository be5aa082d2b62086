package dev.codevector.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 of text, the same in every process. Stateless; thread-safe. */
public final class Sha256 {
  private Sha256() {}

  /**
   * Returns the SHA-256 digest of a text's UTF-8 bytes.
   *
   * @param text the text
   * @return the 32 bytes of the digest
   */
  public static byte[] of(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
