package dev.codevector.internal.upstream.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.internal.upstream.http.ConvertedResponse;
import dev.codevector.spi.UpstreamResponse;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.ErrorBody;
import dev.codevector.wire.SseEvent;
import java.io.IOException;
import java.util.Locale;

/**
 * Bedrock's errors in the dialect the adapter presents. An HTTP error answer ({@code
 * {"message":…}}, its type in {@code x-amzn-ErrorType}) keeps its status, so the router's failover
 * policy sees Bedrock's own verdict: {@code ThrottlingException} and {@code ModelNotReadyException}
 * 429, {@code InternalServerException} 500 and {@code ServiceUnavailableException} 503 fail over;
 * {@code ValidationException} 400 and {@code ResourceNotFoundException} 404 do not. An exception
 * frame inside a stream becomes the presented dialect's in-stream error.
 *
 * <p>Stateless; thread-safe.
 */
final class BedrockErrors {

  private BedrockErrors() {}

  /**
   * Returns Bedrock's error answer with its body in the presented dialect's error shape; OpenAI
   * dialects carry Bedrock's error type as {@code code}. The answer's body is read and closed.
   */
  static UpstreamResponse converted(UpstreamResponse answer, Dialect presented) {
    byte[] body = ConvertedResponse.errorBody(answer);
    String type = type(answer, body);
    byte[] error =
        ErrorBody.of(
            presented,
            answer.status(),
            message(body, answer.status()),
            null,
            type.isEmpty() ? null : type);
    return ConvertedResponse.of(answer.status(), error, answer);
  }

  /**
   * Returns the Anthropic {@code event: error} for an exception frame of a stream: throttling and
   * unavailability read as {@code overloaded_error}, a refused request as {@code
   * invalid_request_error}, anything else as {@code api_error}.
   */
  static SseEvent anthropicEvent(String exceptionType, String message) {
    String lower = exceptionType.toLowerCase(Locale.ROOT);
    String type =
        lower.startsWith("throttling") || lower.startsWith("serviceunavailable")
            ? "overloaded_error"
            : lower.startsWith("validation") ? "invalid_request_error" : "api_error";
    ObjectNode event = Json.MAPPER.createObjectNode().put("type", "error");
    event.putObject("error").put("type", type).put("message", message);
    return SseEvent.of("error", event.toString());
  }

  /**
   * Returns Bedrock's error type, such as {@code ThrottlingException}: from {@code
   * x-amzn-ErrorType} without its {@code :…} suffix, else from the body's {@code __type}.
   */
  private static String type(UpstreamResponse answer, byte[] body) {
    String header = answer.header("x-amzn-ErrorType").orElse("");
    if (!header.isEmpty()) {
      int colon = header.indexOf(':');
      return colon < 0 ? header : header.substring(0, colon);
    }
    String bodyType = json(body).path("__type").asText("");
    return bodyType.substring(bodyType.lastIndexOf('#') + 1);
  }

  private static String message(byte[] body, int status) {
    JsonNode root = json(body);
    String message = root.path("message").asText(root.path("Message").asText(""));
    return message.isEmpty() ? "Bedrock answered " + status : message;
  }

  private static JsonNode json(byte[] body) {
    try {
      JsonNode root = Json.MAPPER.readTree(body);
      return root == null ? Json.MAPPER.missingNode() : root;
    } catch (IOException e) {
      return Json.MAPPER.missingNode();
    }
  }
}
