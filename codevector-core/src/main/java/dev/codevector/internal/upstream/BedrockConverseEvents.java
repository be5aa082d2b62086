package dev.codevector.internal.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.internal.translate.StreamTranslator;
import dev.codevector.wire.SseEvent;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Turns the frames of a {@code converse-stream} into OpenAI Chat chunks, through the Anthropic
 * stream events they correspond to and the translator CodeVector has from those to Chat chunks
 * (tool calls indexed among tool calls, a finish chunk, the usage chunk when the client asked for
 * it, {@code [DONE]}):
 *
 * <ul>
 *   <li>{@code messageStart} → {@code message_start}; {@code contentBlockStart} of a tool use →
 *       {@code content_block_start} of a {@code tool_use}; {@code contentBlockDelta} text → {@code
 *       text_delta}, tool input → {@code input_json_delta} (reasoning text is left out, as the Chat
 *       translation leaves out thinking); {@code contentBlockStop} → {@code content_block_stop}.
 *   <li>{@code messageStop} holds its stop reason until {@code metadata} brings the usage (or the
 *       stream ends); then {@code message_delta} with both, and {@code message_stop}.
 *   <li>An exception frame, an unreadable event or a corrupt frame → Anthropic's {@code error},
 *       which the translator turns into Chat's error chunk; a stream cut short ends with the
 *       translator's error.
 * </ul>
 *
 * <p>Holds the state of one stream. Not thread-safe; confine to the reading thread.
 */
final class BedrockConverseEvents implements BedrockEventStreamBody.Converter {
  private final StreamTranslator chat;
  private String stopReason;
  private JsonNode usage;
  private boolean finished;

  BedrockConverseEvents(StreamTranslator chat) {
    this.chat = chat;
  }

  @Override
  public void onFrame(BedrockFrame frame, Consumer<SseEvent> client) {
    if (!frame.isEvent()) {
      chat.onEvent(BedrockErrors.anthropicEvent(frame.type(), frame.problem()), client);
      return;
    }
    JsonNode event;
    try {
      event = Json.MAPPER.readTree(frame.payload());
    } catch (IOException e) {
      fail("Bedrock sent an unreadable stream event", client);
      return;
    }
    int index = event.path("contentBlockIndex").asInt();
    switch (frame.type()) {
      case "messageStart" -> {
        ObjectNode start = anthropic("message_start");
        start.putObject("message").put("id", "").putObject("usage");
        emit(start, client);
      }
      case "contentBlockStart" -> {
        JsonNode toolUse = event.path("start").path("toolUse");
        if (toolUse.isObject()) {
          ObjectNode start = anthropic("content_block_start").put("index", index);
          start
              .putObject("content_block")
              .put("type", "tool_use")
              .put("id", toolUse.path("toolUseId").asText())
              .put("name", toolUse.path("name").asText())
              .putObject("input");
          emit(start, client);
        }
      }
      case "contentBlockDelta" -> onDelta(index, event.path("delta"), client);
      case "contentBlockStop" -> emit(anthropic("content_block_stop").put("index", index), client);
      case "messageStop" -> {
        stopReason = BedrockConverseAnswer.stopReason(event.path("stopReason").asText(""));
        finishWhenComplete(client);
      }
      case "metadata" -> {
        usage = event.path("usage");
        finishWhenComplete(client);
      }
      default -> {
        // Other events carry nothing a Chat client reads.
      }
    }
  }

  @Override
  public void onEnd(Consumer<SseEvent> client) {
    if (stopReason != null && !finished) {
      finish(client);
    }
    chat.onEnd(client);
  }

  @Override
  public void onCorrupt(String problem, Consumer<SseEvent> client) {
    fail("Bedrock's event stream is corrupt: " + problem, client);
  }

  private void onDelta(int index, JsonNode delta, Consumer<SseEvent> client) {
    ObjectNode event = anthropic("content_block_delta").put("index", index);
    if (delta.has("text")) {
      event.putObject("delta").put("type", "text_delta").put("text", delta.path("text").asText());
    } else if (delta.has("toolUse")) {
      event
          .putObject("delta")
          .put("type", "input_json_delta")
          .put("partial_json", delta.path("toolUse").path("input").asText());
    } else {
      return;
    }
    emit(event, client);
  }

  /** Finishes once both the stop reason and the usage have arrived. */
  private void finishWhenComplete(Consumer<SseEvent> client) {
    if (stopReason != null && usage != null && !finished) {
      finish(client);
    }
  }

  private void finish(Consumer<SseEvent> client) {
    finished = true;
    ObjectNode delta = anthropic("message_delta");
    delta.putObject("delta").put("stop_reason", stopReason);
    delta.set(
        "usage", BedrockConverseAnswer.usage(usage == null ? Json.MAPPER.missingNode() : usage));
    emit(delta, client);
    emit(anthropic("message_stop"), client);
  }

  private void fail(String message, Consumer<SseEvent> client) {
    chat.onEvent(BedrockErrors.anthropicEvent("", message), client);
  }

  private void emit(ObjectNode event, Consumer<SseEvent> client) {
    chat.onEvent(SseEvent.of(event.path("type").asText(), event.toString()), client);
  }

  private static ObjectNode anthropic(String type) {
    return Json.MAPPER.createObjectNode().put("type", type);
  }
}
