package dev.codevector.internal.upstream.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codevector.internal.Json;
import dev.codevector.wire.SseEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * Turns the frames of a Claude {@code invoke-with-response-stream} into Anthropic's server-sent
 * events: each {@code chunk} frame's payload {@code {"bytes":"<base64>"}} holds one Anthropic
 * stream event's JSON, sent on unchanged as {@code event: <type>}. An exception frame, an
 * unreadable chunk or a corrupt frame ends the stream with an Anthropic {@code event: error}; a
 * stream cut short is left to the router, which ends it with an error as it does any Anthropic
 * stream without {@code message_stop}.
 *
 * <p>Holds the state of one stream. Not thread-safe; confine to the reading thread.
 */
final class BedrockMessagesEvents implements BedrockEventStreamBody.Converter {
  private boolean failed;

  @Override
  public void onFrame(BedrockFrame frame, Consumer<SseEvent> client) {
    if (failed) {
      return;
    }
    if (!frame.isEvent()) {
      fail(BedrockErrors.anthropicEvent(frame.type(), frame.problem()), client);
    } else if (frame.type().equals("chunk")) {
      try {
        JsonNode chunk = Json.MAPPER.readTree(frame.payload());
        byte[] event = Base64.getDecoder().decode(chunk.path("bytes").asText(""));
        String type = Json.MAPPER.readTree(event).path("type").asText("");
        if (type.isEmpty()) {
          throw new IOException("an event without a type");
        }
        client.accept(SseEvent.of(type, new String(event, StandardCharsets.UTF_8)));
      } catch (IOException | IllegalArgumentException e) {
        fail(unreadable("Bedrock sent an unreadable stream chunk"), client);
      }
    }
  }

  @Override
  public void onEnd(Consumer<SseEvent> client) {
    // The router ends a stream without message_stop with an error event of its own.
  }

  @Override
  public void onCorrupt(String problem, Consumer<SseEvent> client) {
    fail(unreadable("Bedrock's event stream is corrupt: " + problem), client);
  }

  private void fail(SseEvent error, Consumer<SseEvent> client) {
    failed = true;
    client.accept(error);
  }

  private static SseEvent unreadable(String message) {
    return BedrockErrors.anthropicEvent("", message);
  }
}
