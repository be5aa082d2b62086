package dev.codevector.internal.upstream.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.wire.SseEvent;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns the frames of a {@code converse-stream} into Anthropic Messages stream events:
 *
 * <ul>
 *   <li>{@code messageStart} → {@code message_start} with a fresh id and the upstream model; a
 *       {@code contentBlockStart} of a tool use → {@code content_block_start} of a {@code
 *       tool_use}; the first text {@code contentBlockDelta} of a block → {@code
 *       content_block_start} of a {@code text} block (Converse starts text blocks implicitly), each
 *       → {@code text_delta}; tool input → {@code input_json_delta}; reasoning text is left out, as
 *       in the whole answer; {@code contentBlockStop} → {@code content_block_stop}.
 *   <li>{@code messageStop} holds its stop reason until {@code metadata} brings the usage (or the
 *       stream ends); then {@code message_delta} with both, and {@code message_stop}.
 *   <li>An exception frame, an unreadable event or a corrupt frame → Anthropic's {@code error}; a
 *       stream cut short ends without {@code message_stop}, which the router reports.
 * </ul>
 *
 * <p>Holds the state of one stream. Not thread-safe; confine to the reading thread.
 */
final class BedrockConverseEvents implements BedrockEventStreamBody.Converter {
  private final String model;
  private final Set<Integer> open = new HashSet<>();
  private String stopReason;
  private JsonNode usage;
  private boolean finished;

  /**
   * Creates the converter of one stream.
   *
   * @param model the upstream model id, named in {@code message_start}
   */
  BedrockConverseEvents(String model) {
    this.model = model;
  }

  @Override
  public void onFrame(BedrockFrame frame, Consumer<SseEvent> client) {
    if (!frame.isEvent()) {
      client.accept(BedrockErrors.anthropicEvent(frame.type(), frame.problem()));
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
        ObjectNode message = start.putObject("message");
        message.put("id", BedrockConverseAnswer.messageId()).put("type", "message");
        message.put("role", "assistant").put("model", model).putArray("content");
        message.putNull("stop_reason").putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", 0).put("output_tokens", 0);
        emit(start, client);
      }
      case "contentBlockStart" -> {
        JsonNode toolUse = event.path("start").path("toolUse");
        if (toolUse.isObject()) {
          open.add(index);
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
      case "contentBlockStop" -> {
        if (open.remove(index)) {
          emit(anthropic("content_block_stop").put("index", index), client);
        }
      }
      case "messageStop" -> {
        stopReason = BedrockConverseAnswer.stopReason(event.path("stopReason").asText(""));
        finishWhenComplete(client);
      }
      case "metadata" -> {
        usage = event.path("usage");
        finishWhenComplete(client);
      }
      default -> {
        // Other events carry nothing an Anthropic client reads.
      }
    }
  }

  @Override
  public void onEnd(Consumer<SseEvent> client) {
    if (stopReason != null && !finished) {
      finish(client);
    }
  }

  @Override
  public void onCorrupt(String problem, Consumer<SseEvent> client) {
    fail("Bedrock's event stream is corrupt: " + problem, client);
  }

  private void onDelta(int index, JsonNode delta, Consumer<SseEvent> client) {
    ObjectNode event = anthropic("content_block_delta").put("index", index);
    if (delta.has("text")) {
      if (open.add(index)) {
        ObjectNode start = anthropic("content_block_start").put("index", index);
        start.putObject("content_block").put("type", "text").put("text", "");
        emit(start, client);
      }
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
    client.accept(BedrockErrors.anthropicEvent("", message));
  }

  private static void emit(ObjectNode event, Consumer<SseEvent> client) {
    client.accept(SseEvent.of(event.path("type").asText(), event.toString()));
  }

  private static ObjectNode anthropic(String type) {
    return Json.MAPPER.createObjectNode().put("type", type);
  }
}
