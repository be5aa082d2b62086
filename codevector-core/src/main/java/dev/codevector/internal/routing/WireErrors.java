package dev.codevector.internal.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.internal.translate.StreamErrors;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.SseEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Errors in each dialect's shape: whole error bodies with the right {@code type} for a status,
 * terminal error events for streams, and recognising an upstream's error event.
 */
final class WireErrors {
  private WireErrors() {}

  /** The error body a client of the dialect expects for an HTTP status. */
  static byte[] body(Dialect dialect, int status, String message) {
    ObjectNode error = Json.MAPPER.createObjectNode();
    if (dialect.isAnthropic()) {
      ObjectNode root = Json.MAPPER.createObjectNode().put("type", "error");
      root.set(
          "error",
          error.put("type", StreamErrors.anthropicTypeForStatus(status)).put("message", message));
      return bytes(root);
    }
    error.put("message", message).put("type", openAiType(status)).putNull("param").putNull("code");
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.set("error", error);
    return bytes(root);
  }

  /** The event that ends a client's stream with an error after the commit point. */
  static SseEvent streamEvent(Dialect dialect, String message) {
    switch (dialect) {
      case ANTHROPIC_MESSAGES:
        return SseEvent.of(
            "error", new String(body(dialect, 500, message), StandardCharsets.UTF_8));
      case OPENAI_RESPONSES:
        ObjectNode event = Json.MAPPER.createObjectNode();
        event
            .put("type", "error")
            .put("code", "server_error")
            .put("message", message)
            .putNull("param");
        return SseEvent.of("error", event.toString());
      default:
        return SseEvent.data(new String(body(dialect, 500, message), StandardCharsets.UTF_8));
    }
  }

  /** Whether an upstream event of the dialect ends its stream, cleanly or with an error. */
  static boolean isStreamEnd(Dialect dialect, SseEvent event) {
    String name = event.name().orElse("");
    switch (dialect) {
      case ANTHROPIC_MESSAGES:
        return name.equals("message_stop") || name.equals("error");
      case OPENAI_RESPONSES:
        return name.equals("response.completed")
            || name.equals("response.incomplete")
            || name.equals("response.failed")
            || name.equals("error");
      default:
        return event.data().equals("[DONE]") || streamError(dialect, event).isPresent();
    }
  }

  /** The message of an upstream error event, or empty if the event is not an error. */
  static Optional<String> streamError(Dialect dialect, SseEvent event) {
    boolean named =
        event.name().filter(n -> n.equals("error") || n.equals("response.failed")).isPresent();
    boolean chatError = dialect == Dialect.OPENAI_CHAT && event.data().startsWith("{\"error\"");
    if (!named && !chatError) {
      return Optional.empty();
    }
    try {
      JsonNode root = Json.MAPPER.readTree(event.data());
      JsonNode error =
          root.has("response") ? root.path("response").path("error") : root.path("error");
      String message =
          error.isObject() ? error.path("message").asText("") : root.path("message").asText("");
      return Optional.of(message.isEmpty() ? "upstream stream error" : message);
    } catch (IOException e) {
      return Optional.of("upstream stream error");
    }
  }

  /** The message inside an upstream's error body, whatever its dialect, or a fallback. */
  static String message(byte[] body, int status) {
    try {
      JsonNode root = Json.MAPPER.readTree(body);
      JsonNode error = root.path("error");
      String message =
          error.isObject() ? error.path("message").asText("") : root.path("message").asText("");
      if (!message.isEmpty()) {
        return message;
      }
    } catch (IOException | RuntimeException e) {
      // Not JSON; fall through.
    }
    return "upstream answered " + status;
  }

  private static String openAiType(int status) {
    switch (status) {
      case 401:
        return "authentication_error";
      case 403:
        return "permission_error";
      case 404:
        return "not_found_error";
      case 429:
        return "rate_limit_error";
      default:
        return status >= 500 ? "server_error" : "invalid_request_error";
    }
  }

  private static byte[] bytes(ObjectNode node) {
    try {
      return Json.MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
