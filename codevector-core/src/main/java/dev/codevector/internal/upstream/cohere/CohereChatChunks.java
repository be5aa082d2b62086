package dev.codevector.internal.upstream.cohere;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.internal.translate.ChatChunks;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.ErrorBody;
import dev.codevector.wire.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns the events of a Cohere v2 chat stream into OpenAI Chat chunks, one upstream event at a
 * time.
 *
 * <p>Cohere's events and what they become: {@code message-start} → the first chunk, with the
 * assistant role and empty content; text of {@code content-start} and {@code content-delta} →
 * {@code delta.content}, their thinking and {@code tool-plan-delta} → {@code
 * delta.reasoning_content}; {@code tool-call-start} → a tool call with its id, name and the
 * arguments so far, numbered by {@code index} counting tool calls only; {@code tool-call-delta} →
 * arguments of that call; {@code tool-call-end} → {@code {}} as the arguments of a call that had
 * none; {@code message-end} → the {@code finish_reason} chunk, the usage chunk ({@code choices:[]})
 * when the request asked with {@code stream_options.include_usage}, and {@code data: [DONE]}.
 * {@code content-end}, citations and debug events send nothing. Every chunk carries the id {@code
 * chatcmpl-} and Cohere's message id, one {@code created} time and the model name; with {@code
 * include_usage}, {@code "usage":null} except the usage chunk.
 *
 * <p>Failures: a {@code message-end} finishing with {@code ERROR} or {@code TIMEOUT}, or an event
 * that is not JSON, becomes OpenAI's in-stream error {@code data: {"error":{…}}}, and nothing
 * follows, no {@code [DONE]} either. A stream cut off before {@code message-end} simply ends, which
 * the router reports as an unfinished stream.
 *
 * <p>Holds the state of one stream. Not thread-safe; confine to the request's thread.
 */
final class CohereChatChunks {
  private final ChatChunks chunks;

  /** Cohere's index of each tool call to its OpenAI index, which counts tool calls only. */
  private final Map<Integer, Integer> toolIndexes = new HashMap<>();

  /** The OpenAI indexes of the tool calls whose arguments the client has been sent. */
  private final BitSet argumentsSent = new BitSet();

  private String id = CohereChatAnswer.chatId(Json.MAPPER.missingNode());
  private int toolCallCount;
  private boolean ended;

  /**
   * Creates the conversion of one stream.
   *
   * @param model the model name every chunk reports
   * @param created the chunks' {@code created} time, in epoch seconds
   * @param includeUsage whether the request asked for a usage chunk
   */
  CohereChatChunks(String model, long created, boolean includeUsage) {
    this.chunks = new ChatChunks(model, created, includeUsage);
  }

  /** Returns whether the stream has finished or failed; later events are ignored. */
  boolean ended() {
    return ended;
  }

  /**
   * Converts one Cohere event.
   *
   * @param data the event's data
   * @param client receives the chunks, in order
   */
  void onEvent(String data, Consumer<SseEvent> client) {
    if (ended || data.isBlank() || data.equals("[DONE]")) {
      return;
    }
    JsonNode event;
    try {
      event = Json.MAPPER.readTree(data);
    } catch (JsonProcessingException e) {
      fail("Cohere sent a stream event that is not JSON", client);
      return;
    }
    JsonNode delta = event.path("delta");
    JsonNode message = delta.path("message");
    switch (event.path("type").asText("")) {
      case "message-start":
        id = CohereChatAnswer.chatId(event.path("id"));
        emit(
            chunk(Json.MAPPER.createObjectNode().put("role", "assistant").put("content", "")),
            client);
        break;
      case "content-start":
      case "content-delta":
        JsonNode content = message.path("content");
        text("content", content.path("text").asText(""), client);
        text("reasoning_content", content.path("thinking").asText(""), client);
        break;
      case "tool-plan-delta":
        text("reasoning_content", message.path("tool_plan").asText(""), client);
        break;
      case "tool-call-start":
        startToolCall(event.path("index"), message.path("tool_calls"), client);
        break;
      case "tool-call-delta":
        String arguments = message.path("tool_calls").path("function").path("arguments").asText("");
        toolIndex(event.path("index")).ifPresent(index -> arguments(index, arguments, client));
        break;
      case "tool-call-end":
        toolIndex(event.path("index"))
            .filter(index -> !argumentsSent.get(index))
            .ifPresent(index -> arguments(index, "{}", client));
        break;
      case "message-end":
        finish(delta, client);
        break;
      default:
        // content-end, citation-start, citation-end and debug carry nothing for the client.
        break;
    }
  }

  private void startToolCall(JsonNode cohereIndex, JsonNode call, Consumer<SseEvent> client) {
    int index = toolCallCount++;
    toolIndexes.put(cohereIndex.asInt(index), index);
    String arguments = call.path("function").path("arguments").asText("");
    argumentsSent.set(index, !arguments.isEmpty());
    ObjectNode toolCall = Json.MAPPER.createObjectNode().put("index", index);
    toolCall.put("id", call.path("id").asText("")).put("type", "function");
    toolCall
        .putObject("function")
        .put("name", call.path("function").path("name").asText(""))
        .put("arguments", arguments);
    emit(chunks.toolCall(id, toolCall), client);
  }

  /** The OpenAI index of the call an event's index names, or of the latest call if none. */
  private Optional<Integer> toolIndex(JsonNode cohereIndex) {
    if (cohereIndex.isInt()) {
      return Optional.ofNullable(toolIndexes.get(cohereIndex.asInt()));
    }
    return toolCallCount == 0 ? Optional.empty() : Optional.of(toolCallCount - 1);
  }

  private void arguments(int index, String arguments, Consumer<SseEvent> client) {
    if (arguments.isEmpty()) {
      return;
    }
    argumentsSent.set(index);
    ObjectNode toolCall = Json.MAPPER.createObjectNode().put("index", index);
    toolCall.putObject("function").put("arguments", arguments);
    emit(chunks.toolCall(id, toolCall), client);
  }

  private void text(String field, String text, Consumer<SseEvent> client) {
    if (!text.isEmpty()) {
      emit(chunk(Json.MAPPER.createObjectNode().put(field, text)), client);
    }
  }

  private void finish(JsonNode delta, Consumer<SseEvent> client) {
    String reason = delta.path("finish_reason").asText("");
    Optional<CohereChatAnswer.Failure> failure =
        CohereChatAnswer.failure(reason, delta.path("error").asText(""));
    if (failure.isPresent()) {
      fail(failure.get().message(), client);
      return;
    }
    emit(chunk(Json.MAPPER.createObjectNode(), CohereChatAnswer.finishReason(reason)), client);
    chunks
        .usage(id, CohereChatAnswer.usage(delta.path("usage")))
        .ifPresent(usage -> emit(usage, client));
    client.accept(SseEvent.data("[DONE]"));
    ended = true;
  }

  private void fail(String message, Consumer<SseEvent> client) {
    byte[] error = ErrorBody.of(Dialect.OPENAI_CHAT, 500, message);
    client.accept(SseEvent.data(new String(error, StandardCharsets.UTF_8)));
    ended = true;
  }

  private ObjectNode chunk(ObjectNode delta) {
    return chunk(delta, null);
  }

  /** A chunk of the one choice, with its delta and finish reason (null until the last). */
  private ObjectNode chunk(ObjectNode delta, String finishReason) {
    return chunks.choice(id, 0, delta, finishReason);
  }

  private static void emit(ObjectNode chunk, Consumer<SseEvent> client) {
    client.accept(SseEvent.data(chunk.toString()));
  }
}
