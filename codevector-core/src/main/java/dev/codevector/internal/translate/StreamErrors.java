package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.wire.ErrorKind;
import dev.codevector.wire.SseEvent;

/**
 * Builds the terminal error event of a translated stream in the client's dialect, and maps error
 * types between the dialects. Anthropic clients ignore frames without an {@code event:} line, so
 * their errors are named {@code error} events; OpenAI clients raise on any data object holding
 * {@code error}.
 *
 * <p>Stateless; thread-safe.
 */
final class StreamErrors {
  /** The message of the error that ends a stream the upstream cut off. */
  static final String ENDED_EARLY = "upstream stream ended early";

  private StreamErrors() {}

  /**
   * Returns the HTTP status that the {@code error} object of an OpenAI-dialect stream implies. A
   * numeric {@code code} is taken as the status (vLLM and other compatible servers send one);
   * otherwise the {@code type} and {@code code} strings are matched against OpenAI's known values.
   *
   * @param error the upstream's {@code error} object
   * @return 429 for a rate limit, 402 for an exhausted quota, 400 for an invalid request, 529 when
   *     the upstream is overloaded, 500 when nothing matches
   */
  static int statusOf(JsonNode error) {
    JsonNode code = error.path("code");
    if (code.isInt()) {
      return code.asInt();
    }
    return ErrorKind.ofOpenAiNames(error.path("type").asText(""), code.asText("")).status();
  }

  /**
   * Returns the message of an upstream error object.
   *
   * @param error the upstream's {@code error} object
   * @return its {@code message}, or a generic text when it has none
   */
  static String messageOf(JsonNode error) {
    String message = error.path("message").asText("");
    return message.isEmpty() ? "upstream error" : message;
  }

  /**
   * Returns an Anthropic {@code event: error}.
   *
   * @param type the Anthropic error type
   * @param message the message for the client
   * @return the event
   */
  static SseEvent anthropic(String type, String message) {
    ObjectNode data = Json.MAPPER.createObjectNode().put("type", "error");
    data.putObject("error").put("type", type).put("message", message);
    return SseEvent.of("error", JsonText.write(data));
  }

  /**
   * Returns an OpenAI-dialect error data event, {@code {"error":{"message","type","code":null}}}.
   *
   * @param message the message for the client
   * @param type the error type; Anthropic's type is passed on as it is
   * @return the event
   */
  static SseEvent openAi(String message, String type) {
    ObjectNode data = Json.MAPPER.createObjectNode();
    data.putObject("error").put("message", message).put("type", type).putNull("code");
    return SseEvent.data(JsonText.write(data));
  }
}
