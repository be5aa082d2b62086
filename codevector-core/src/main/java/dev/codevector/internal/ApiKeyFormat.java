package dev.codevector.internal;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The text form of API keys: {@code cv-} followed by the unpadded base64url form of 24 random
 * bytes, 35 characters in all. 192 random bits make guessing hopeless, so a key is stored as its
 * plain SHA-256 hash: a slow password hash would add cost to every request and no safety.
 */
final class ApiKeyFormat {
  private static final String PREFIX = "cv-";
  private static final int RANDOM_BYTES = 24;
  private static final int LENGTH = PREFIX.length() + RANDOM_BYTES * 4 / 3;
  private static final int SHOWN = 8;
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private ApiKeyFormat() {}

  /** Returns a new key. */
  static String generate(SecureRandom random) {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return PREFIX + BASE64URL.encodeToString(bytes);
  }

  /** Returns whether text has the form of a key, so that malformed text is refused unhashed. */
  static boolean isWellFormed(String text) {
    if (text.length() != LENGTH || !text.startsWith(PREFIX)) {
      return false;
    }
    for (int i = PREFIX.length(); i < LENGTH; i++) {
      char c = text.charAt(i);
      boolean base64url =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!base64url) {
        return false;
      }
    }
    return true;
  }

  /** Returns the first characters of a key, which may be shown. */
  static String prefix(String key) {
    return key.substring(0, SHOWN);
  }
}
