package dev.codevector.internal.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codevector.internal.Json;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.SseEvent;
import java.io.IOException;
import java.util.Optional;

/**
 * Errors of streams in each dialect: recognising an upstream's end or error event, or its error
 * body.
 */
final class WireErrors {
  private WireErrors() {}

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
}
