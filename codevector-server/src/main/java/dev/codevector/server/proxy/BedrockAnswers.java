package dev.codevector.server.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.wire.SseEvent;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * Answers as Bedrock's {@code InvokeModel} does for Claude: the Anthropic body as it is; a stream
 * as {@code application/vnd.amazon.eventstream} frames, each Anthropic event's JSON base64-encoded
 * in a {@code chunk} event's {@code {"bytes":…}}; errors as {@code {"message":…}} with their type
 * in {@code x-amzn-ErrorType} (a refused key is 403 {@code AccessDeniedException}, an unknown Model
 * 404 {@code ResourceNotFoundException}, a limit or throttled upstream 429 {@code
 * ThrottlingException}); and an error once a stream has begun as an {@code exception} frame.
 *
 * <p>Stateless; thread-safe.
 */
final class BedrockAnswers implements AnswerFormat {
  /** The one instance. */
  static final BedrockAnswers INSTANCE = new BedrockAnswers();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_TYPE = "application/json";

  private BedrockAnswers() {}

  @Override
  public void error(Context ctx, int status, byte[] body) {
    int bedrockStatus = status == 401 ? 403 : status;
    ObjectNode error = JSON.createObjectNode().put("message", message(body, status));
    ctx.status(bedrockStatus)
        .header("x-amzn-ErrorType", errorType(bedrockStatus))
        .contentType(JSON_TYPE)
        .result(error.toString());
  }

  @Override
  public String streamContentType() {
    return "application/vnd.amazon.eventstream";
  }

  @Override
  public byte[] event(SseEvent event) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    ObjectNode payload = JSON.createObjectNode();
    if (event.name().filter("error"::equals).isPresent()) {
      JsonNode error = json(event.data().getBytes(StandardCharsets.UTF_8)).path("error");
      headers.put(":message-type", HeaderValue.fromString("exception"));
      headers.put(":exception-type", HeaderValue.fromString(exceptionType(error)));
      payload.put("message", error.path("message").asText("the stream failed"));
    } else {
      headers.put(":message-type", HeaderValue.fromString("event"));
      headers.put(":event-type", HeaderValue.fromString("chunk"));
      payload.put(
          "bytes",
          Base64.getEncoder().encodeToString(event.data().getBytes(StandardCharsets.UTF_8)));
    }
    headers.put(":content-type", HeaderValue.fromString(JSON_TYPE));
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    new Message(headers, payload.toString().getBytes(StandardCharsets.UTF_8)).encode(frame);
    return frame.toByteArray();
  }

  /** Returns Bedrock's error type for an HTTP status, as {@code InvokeModel} answers it. */
  static String errorType(int status) {
    return switch (status) {
      case 403 -> "AccessDeniedException";
      case 404 -> "ResourceNotFoundException";
      case 408 -> "ModelTimeoutException";
      case 409 -> "ConflictException";
      case 424 -> "ModelErrorException";
      case 429 -> "ThrottlingException";
      case 503 -> "ServiceUnavailableException";
      default -> status >= 500 ? "InternalServerException" : "ValidationException";
    };
  }

  /**
   * Returns the {@code :exception-type} of a stream's error, named as Bedrock's response stream
   * names its exceptions, from the Anthropic error's type.
   */
  private static String exceptionType(JsonNode error) {
    return switch (error.path("type").asText("")) {
      case "rate_limit_error" -> "throttlingException";
      case "overloaded_error" -> "serviceUnavailableException";
      case "invalid_request_error" -> "validationException";
      case "timeout_error" -> "modelTimeoutException";
      default -> "internalServerException";
    };
  }

  /** Returns the message of an error body in either dialect's shape ({@code error.message}). */
  private static String message(byte[] body, int status) {
    String message = json(body).path("error").path("message").asText("");
    return message.isEmpty() ? "the request failed with status " + status : message;
  }

  private static JsonNode json(byte[] body) {
    try {
      JsonNode root = JSON.readTree(body);
      return root == null ? JSON.missingNode() : root;
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }
}
