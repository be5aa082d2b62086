package dev.codevector.wire;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Error bodies in each dialect's shape, with the error type that SDKs expect for the HTTP status:
 * OpenAI's {@code {"error":{"message","type","param","code"}}} and Anthropic's {@code
 * {"type":"error","error":{"type","message"}}}.
 *
 * <p>This class is thread-safe.
 */
public final class ErrorBody {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ErrorBody() {}

  /**
   * Returns an error body.
   *
   * @param dialect the client's dialect
   * @param status the HTTP status the body goes with
   * @param message what went wrong, for the client
   * @return the UTF-8 JSON body
   */
  public static byte[] of(Dialect dialect, int status, String message) {
    return of(dialect, status, message, null, null);
  }

  /**
   * Returns an error body naming the parameter at fault and an error code, which OpenAI's shape
   * carries and Anthropic's leaves out.
   *
   * @param dialect the client's dialect
   * @param status the HTTP status the body goes with
   * @param message what went wrong, for the client
   * @param param the request parameter at fault, or null
   * @param code a machine-readable code such as {@code model_not_found}, or null
   * @return the UTF-8 JSON body
   */
  public static byte[] of(Dialect dialect, int status, String message, String param, String code) {
    return of(dialect, status, message, param, code, openAiType(status));
  }

  /**
   * Returns an error body whose OpenAI-shaped type is given rather than taken from the status, as
   * OpenAI answers a spent quota: {@code 429} with the type {@code insufficient_quota}. Anthropic's
   * shape takes its type from the status still.
   *
   * @param dialect the client's dialect
   * @param status the HTTP status the body goes with
   * @param message what went wrong, for the client
   * @param param the request parameter at fault, or null
   * @param code a machine-readable code such as {@code rate_limit_exceeded}, or null
   * @param openAiType the {@code error.type} of OpenAI's shape
   * @return the UTF-8 JSON body
   */
  public static byte[] of(
      Dialect dialect, int status, String message, String param, String code, String openAiType) {
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(openAiType, "openAiType");
    ObjectNode root = JSON.objectNode();
    if (dialect.isAnthropic()) {
      root.put("type", "error");
      root.putObject("error").put("type", anthropicType(status)).put("message", message);
    } else {
      root.putObject("error")
          .put("message", message)
          .put("type", openAiType)
          .put("param", param)
          .put("code", code);
    }
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Returns the event that ends a stream with an error once its answer has begun, in the dialect's
   * shape: Anthropic's {@code event: error} with its error body, the Responses API's {@code error}
   * event, or a {@code data:} line with OpenAI's error body.
   *
   * @param dialect the client's dialect
   * @param message what went wrong, for the client
   * @return the event
   */
  public static SseEvent streamEvent(Dialect dialect, String message) {
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(message, "message");
    switch (dialect) {
      case ANTHROPIC_MESSAGES:
        return SseEvent.of("error", new String(of(dialect, 500, message), StandardCharsets.UTF_8));
      case OPENAI_RESPONSES:
        ObjectNode event = JSON.objectNode();
        event
            .put("type", "error")
            .put("code", "server_error")
            .put("message", message)
            .putNull("param");
        return SseEvent.of("error", event.toString());
      default:
        return SseEvent.data(new String(of(dialect, 500, message), StandardCharsets.UTF_8));
    }
  }

  /**
   * Returns Anthropic's error type for an HTTP status, by {@link ErrorKind#ofStatus}.
   *
   * @param status the HTTP status
   * @return the {@code error.type}
   */
  public static String anthropicType(int status) {
    return ErrorKind.ofStatus(status).anthropicType();
  }

  /**
   * Returns OpenAI's error type for an HTTP status, by {@link ErrorKind#ofStatus}.
   *
   * @param status the HTTP status
   * @return the {@code error.type}
   */
  public static String openAiType(int status) {
    return ErrorKind.ofStatus(status).openAiType();
  }
}
