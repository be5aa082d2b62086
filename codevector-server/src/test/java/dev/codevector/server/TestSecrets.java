package dev.codevector.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets the server's tests use: fixed ones known in advance, and those made at run time
 * (issued API keys, generated key-encryption keys, per-test credentials), which the harness and the
 * tests register as they make them. {@link SecretScanExtension} fails a test class whose output
 * contains any of them.
 */
final class TestSecrets {
  /** Shorter values are too common to scan for without false alarms. */
  static final int SHORTEST = 8;

  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

  static {
    for (String fixed :
        List.of(
            ServerHarness.ADMIN_TOKEN,
            "sk-upstream-secret",
            "sk-errors-test-secret-value-0123456789",
            "sk-e2e-upstream-credential-0123456789abcdef",
            "sk-proj-catalog-credential-9876543210fedcba",
            "sk-local-upstream-secret-0123456789",
            "sk-openai-secret-abcdefghijklmnop",
            "sk-xss-0123456789abcdef",
            "sk-cut-off-secret",
            "whitespace-inside-hidden",
            "bedrock-secret-0123456789",
            "rk-rotated-0123456789",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "ya29.e2e-access-token")) {
      register(fixed);
    }
  }

  private TestSecrets() {}

  /**
   * Adds a secret to scan for.
   *
   * @param secret the secret, at least {@link #SHORTEST} characters
   * @return the secret, so that a test can register where it makes one
   */
  static String register(String secret) {
    if (secret.strip().length() < SHORTEST) {
      throw new IllegalArgumentException(
          "a secret to scan for needs at least " + SHORTEST + " characters");
    }
    SECRETS.add(secret);
    return secret;
  }

  /**
   * Adds the key material of a key-encryption key, a Tink keyset in JSON, to scan for.
   *
   * @param keyset the keyset as its file holds it
   */
  static void registerKeyset(String keyset) {
    try {
      for (JsonNode key : new ObjectMapper().readTree(keyset).path("key")) {
        register(key.path("keyData").path("value").asText());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns each registered secret found in a text, redacted to its first four characters and its
   * length, with where it stands: never the secret itself.
   *
   * @param text what was written
   * @return the findings; empty when there are none
   */
  static List<String> leaksIn(String text) {
    List<String> found = new ArrayList<>();
    for (String secret : SECRETS) {
      int at = text.indexOf(secret);
      if (at >= 0) {
        found.add(redacted(secret) + " at character " + at + ": " + context(text, secret, at));
      }
    }
    return found;
  }

  static String redacted(String secret) {
    return secret.substring(0, 4) + "… (" + secret.length() + " characters)";
  }

  /** The line around a finding with every registered secret in it blanked out. */
  private static String context(String text, String secret, int at) {
    int from = Math.max(0, at - 120);
    int to = Math.min(text.length(), at + secret.length() + 120);
    String around = text.substring(from, to);
    for (String each : SECRETS) {
      around = around.replace(each, "<" + redacted(each) + ">");
    }
    return around.replace('\n', ' ').replace('\r', ' ');
  }
}
