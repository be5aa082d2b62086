package dev.codevector.internal.upstream.google;

import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ids for the tool calls of Gemini answers, which carry none: {@code call_} and 24 random hex
 * digits. When Gemini signed the call ({@code thoughtSignature}, which Gemini wants back with the
 * call in the next request), the id also carries the signature, as {@code _ts_} and the signature
 * in unpadded base64url, so the id stays within {@code [A-Za-z0-9_-]} and survives a client that
 * only echoes ids. An id of any other form reads as carrying no signature.
 *
 * <p>Stateless; thread-safe.
 */
final class GeminiToolCallIds {
  private static final Pattern SIGNED = Pattern.compile("call_[0-9a-f]{24}_ts_([A-Za-z0-9_-]+)");

  private GeminiToolCallIds() {}

  /** Returns a fresh id, carrying the call's thought signature when it has one. */
  static String create(Optional<String> thoughtSignature) {
    String id = "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    return thoughtSignature
        .flatMap(GeminiToolCallIds::urlSafe)
        .map(signature -> id + "_ts_" + signature)
        .orElse(id);
  }

  /** Returns the thought signature an id carries, in Gemini's base64. */
  static Optional<String> thoughtSignature(String id) {
    Matcher signed = SIGNED.matcher(id);
    if (!signed.matches()) {
      return Optional.empty();
    }
    try {
      byte[] signature = Base64.getUrlDecoder().decode(signed.group(1));
      return Optional.of(Base64.getEncoder().encodeToString(signature));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> urlSafe(String signature) {
    try {
      byte[] bytes = Base64.getDecoder().decode(signature);
      return Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
