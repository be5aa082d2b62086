package dev.codevector.internal.upstream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import okio.Buffer;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/** Builds AWS event-stream bodies, frame by frame, with real prelude and message checksums. */
final class BedrockFrames {
  private final ByteArrayOutputStream frames = new ByteArrayOutputStream();

  /** Adds an {@code invoke-with-response-stream} chunk carrying one Anthropic event. */
  BedrockFrames chunk(String anthropicEvent) {
    String bytes =
        Base64.getEncoder().encodeToString(anthropicEvent.getBytes(StandardCharsets.UTF_8));
    return event("chunk", "{\"bytes\":\"" + bytes + "\",\"p\":\"abcdefgh\"}");
  }

  /** Adds an event frame. */
  BedrockFrames event(String eventType, String json) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":event-type", HeaderValue.fromString(eventType));
    headers.put(":content-type", HeaderValue.fromString("application/json"));
    headers.put(":message-type", HeaderValue.fromString("event"));
    return frame(headers, json);
  }

  /** Adds an exception frame, such as {@code throttlingException}. */
  BedrockFrames exception(String exceptionType, String message) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":exception-type", HeaderValue.fromString(exceptionType));
    headers.put(":content-type", HeaderValue.fromString("application/json"));
    headers.put(":message-type", HeaderValue.fromString("exception"));
    return frame(headers, "{\"message\":\"" + message + "\"}");
  }

  /** Flips one bit of the last frame's payload, so its message checksum fails. */
  BedrockFrames corruptLast() {
    byte[] bytes = frames.toByteArray();
    bytes[bytes.length - 6] ^= 1;
    frames.reset();
    frames.writeBytes(bytes);
    return this;
  }

  byte[] bytes() {
    return frames.toByteArray();
  }

  /** The frames as a response body. */
  Buffer body() {
    return new Buffer().write(bytes());
  }

  private BedrockFrames frame(Map<String, HeaderValue> headers, String payload) {
    new Message(headers, payload.getBytes(StandardCharsets.UTF_8)).encode(frames);
    return this;
  }
}
