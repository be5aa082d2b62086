package dev.codevector.internal.upstream.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codevector.internal.Json;
import java.io.IOException;
import java.util.Map;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * One frame of an AWS event stream ({@code application/vnd.amazon.eventstream}), already checked
 * against its checksums: an {@code event} with its {@code :event-type}, or an {@code exception} or
 * {@code error} with its type, and the payload.
 *
 * @param messageType the {@code :message-type} header: {@code event}, {@code exception} or {@code
 *     error}
 * @param type the {@code :event-type}, {@code :exception-type} or {@code :error-code} header
 * @param payload the payload bytes, usually JSON
 * @param errorMessage the {@code :error-message} header of an {@code error} frame, else empty
 */
record BedrockFrame(String messageType, String type, byte[] payload, String errorMessage) {

  static BedrockFrame of(Message message) {
    Map<String, HeaderValue> headers = message.getHeaders();
    String messageType = text(headers, ":message-type");
    String type =
        switch (messageType) {
          case "exception" -> text(headers, ":exception-type");
          case "error" -> text(headers, ":error-code");
          default -> text(headers, ":event-type");
        };
    return new BedrockFrame(
        messageType, type, message.getPayload(), text(headers, ":error-message"));
  }

  /** Returns whether the frame is an event, rather than an exception or error. */
  boolean isEvent() {
    return messageType.equals("event");
  }

  /**
   * Returns what went wrong, for an exception or error frame: the payload's {@code message}, the
   * {@code :error-message} header, or the type.
   */
  String problem() {
    if (!errorMessage.isEmpty()) {
      return errorMessage;
    }
    try {
      JsonNode payloadJson = Json.MAPPER.readTree(payload);
      String message = payloadJson.path("message").asText(payloadJson.path("Message").asText(""));
      if (!message.isEmpty()) {
        return message;
      }
    } catch (IOException | RuntimeException e) {
      // Not JSON; fall back on the type.
    }
    return type.isEmpty() ? "Bedrock stream error" : type;
  }

  private static String text(Map<String, HeaderValue> headers, String name) {
    HeaderValue value = headers.get(name);
    return value == null ? "" : value.getString();
  }
}
