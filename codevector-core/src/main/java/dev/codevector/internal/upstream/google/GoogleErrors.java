package dev.codevector.internal.upstream.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codevector.internal.Json;
import dev.codevector.internal.upstream.http.ConvertedResponse;
import dev.codevector.spi.UpstreamResponse;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.ErrorBody;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Google's error bodies, {@code {"error":{"code","message","status"}}} (Vertex AI sometimes wraps
 * one in an array), rewritten into a dialect's error shape. The HTTP status stays the upstream's,
 * so the router fails over on {@code RESOURCE_EXHAUSTED} (429), {@code INTERNAL} (500) and {@code
 * UNAVAILABLE} (503) and hands {@code INVALID_ARGUMENT} (400) and {@code NOT_FOUND} (404) to the
 * client; OpenAI's {@code code} carries Google's {@code status} in lowercase.
 *
 * <p>Stateless; thread-safe.
 */
final class GoogleErrors {

  private static final JsonNode MISSING = Json.MAPPER.missingNode();

  private GoogleErrors() {}

  /**
   * Returns the error body in the dialect's shape for an upstream error answer; an Anthropic error
   * body (Claude on Vertex AI) for an Anthropic dialect is returned as it is.
   */
  static byte[] convert(Dialect dialect, int status, byte[] body) {
    Optional<JsonNode> root = json(body);
    if (dialect.isAnthropic()
        && root.filter(r -> r.path("type").asText("").equals("error")).isPresent()) {
      return body;
    }
    return convert(dialect, status, root.flatMap(GoogleErrors::errorOf).orElse(MISSING));
  }

  /** Returns the error body in the dialect's shape for a Google {@code error} object. */
  static byte[] convert(Dialect dialect, int status, JsonNode error) {
    String message = error.path("message").asText("");
    String code = error.path("status").asText("").toLowerCase(Locale.ROOT);
    return ErrorBody.of(
        dialect,
        status,
        message.isEmpty() ? "upstream answered " + status : message,
        null,
        code.isEmpty() ? null : code);
  }

  private static Optional<JsonNode> json(byte[] body) {
    try {
      return Optional.ofNullable(Json.MAPPER.readTree(body));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Returns the {@code error} object of a parsed Google body, if it is an error. */
  static Optional<JsonNode> errorOf(JsonNode root) {
    JsonNode first = root != null && root.isArray() ? root.path(0) : root;
    JsonNode error = first == null ? null : first.get("error");
    return error != null && error.isObject() ? Optional.of(error) : Optional.empty();
  }

  /** Returns the HTTP status a Google error object stands for, from its {@code code}. */
  static int statusOf(JsonNode error, int fallback) {
    int code = error.path("code").asInt(0);
    return code >= 400 && code < 600 ? code : fallback;
  }

  /**
   * The upstream's error answer, its Google error body rewritten into the dialect's shape with the
   * same status.
   */
  static UpstreamResponse answer(Dialect dialect, UpstreamResponse upstream) {
    byte[] body = ConvertedResponse.errorBody(upstream);
    return ConvertedResponse.of(
        upstream.status(), convert(dialect, upstream.status(), body), upstream);
  }
}
