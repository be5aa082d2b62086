package dev.codevector.server.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A bearer token kept only as its SHA-256 hash. Presented tokens are compared by hash, in constant
 * time, so neither the comparison's duration nor a heap dump tells the token.
 *
 * <p>This class is thread-safe.
 */
final class TokenHash {
  private final byte[] hash;

  private TokenHash(byte[] hash) {
    this.hash = hash.clone();
  }

  /** Returns the hash of a token. */
  static TokenHash of(String token) {
    return new TokenHash(sha256(token));
  }

  /** Returns a hash kept earlier, as {@link #bytes()} gave it. */
  static TokenHash ofBytes(byte[] hash) {
    return new TokenHash(hash);
  }

  /** Returns the hash, to be kept. */
  byte[] bytes() {
    return hash.clone();
  }

  /**
   * Returns whether a presented token is this one.
   *
   * @param presented the token from the request, or null
   * @return true if it matches
   */
  boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(hash, sha256(presented));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
