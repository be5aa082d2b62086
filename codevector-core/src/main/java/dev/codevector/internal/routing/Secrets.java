package dev.codevector.internal.routing;

import dev.codevector.vault.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Takes a Provider's credentials out of what an upstream said before it goes anywhere: an upstream
 * that echoes the key it was sent ({@code Incorrect API key provided: sk-...}) must not hand it to
 * the client, an attempt or a log line.
 */
final class Secrets {
  private static final String REDACTED = "[redacted]";
  private static final int SHORTEST = 8;

  private Secrets() {}

  /** The text with every credential of at least 8 characters replaced. */
  static String scrub(String text, Collection<Secret> credentials) {
    String scrubbed = text;
    for (Secret credential : credentials) {
      String value = credential.reveal();
      if (value.length() >= SHORTEST && scrubbed.contains(value)) {
        scrubbed = scrubbed.replace(value, REDACTED);
      }
    }
    return scrubbed;
  }

  /** The UTF-8 bytes with every credential of at least 8 characters replaced. */
  static byte[] scrub(byte[] bytes, Collection<Secret> credentials) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    String scrubbed = scrub(text, credentials);
    return scrubbed.equals(text) ? bytes : scrubbed.getBytes(StandardCharsets.UTF_8);
  }
}
