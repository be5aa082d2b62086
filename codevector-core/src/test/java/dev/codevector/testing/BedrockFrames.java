package dev.codevector.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import okio.Buffer;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * Builds the AWS event-stream bodies Bedrock streams in, frame by frame, with real prelude and
 * message checksums. Not thread-safe.
 */
public final class BedrockFrames {
  private final ByteArrayOutputStream frames = new ByteArrayOutputStream();

  /** Adds an {@code invoke-with-response-stream} chunk carrying one Anthropic event. */
  public BedrockFrames chunk(String anthropicEvent) {
    String bytes =
        Base64.getEncoder().encodeToString(anthropicEvent.getBytes(StandardCharsets.UTF_8));
    return event("chunk", "{\"bytes\":\"" + bytes + "\",\"p\":\"abcdefgh\"}");
  }

  /** Adds an event frame, such as Converse's {@code contentBlockDelta}. */
  public BedrockFrames event(String eventType, String json) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":event-type", HeaderValue.fromString(eventType));
    headers.put(":content-type", HeaderValue.fromString("application/json"));
    headers.put(":message-type", HeaderValue.fromString("event"));
    return frame(headers, json);
  }

  /** Adds an exception frame, such as {@code throttlingException}. */
  public BedrockFrames exception(String exceptionType, String message) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":exception-type", HeaderValue.fromString(exceptionType));
    headers.put(":content-type", HeaderValue.fromString("application/json"));
    headers.put(":message-type", HeaderValue.fromString("exception"));
    return frame(headers, "{\"message\":\"" + message + "\"}");
  }

  /** Flips one bit of the last frame's payload, so its message checksum fails. */
  public BedrockFrames corruptLast() {
    byte[] bytes = frames.toByteArray();
    bytes[bytes.length - 6] ^= 1;
    frames.reset();
    frames.writeBytes(bytes);
    return this;
  }

  /** Returns a 200 answer whose body is the frames, typed as an AWS event stream. */
  public MockResponse response() {
    return new MockResponse.Builder()
        .addHeader("content-type", "application/vnd.amazon.eventstream")
        .body(new Buffer().write(frames.toByteArray()))
        .build();
  }

  private BedrockFrames frame(Map<String, HeaderValue> headers, String payload) {
    new Message(headers, payload.getBytes(StandardCharsets.UTF_8)).encode(frames);
    return this;
  }
}
