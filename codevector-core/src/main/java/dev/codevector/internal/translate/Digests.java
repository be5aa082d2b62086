package dev.codevector.internal.translate;

import dev.codevector.internal.Sha256;
import java.util.HexFormat;

/**
 * SHA-256 in hex, used to shorten identifiers (tool names, end-user ids) that are too long for the
 * other dialect while keeping them stable across requests.
 *
 * <p>Stateless; thread-safe.
 */
final class Digests {
  private Digests() {}

  /**
   * Returns the SHA-256 digest of a string's UTF-8 bytes.
   *
   * @param text the text to hash
   * @return 64 lowercase hex digits
   */
  static String sha256Hex(String text) {
    return HexFormat.of().formatHex(Sha256.of(text));
  }
}
