package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.wire.SseEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns an Anthropic Messages event stream into an OpenAI Chat chunk stream, as a state machine.
 *
 * <p>Chunks share one id ({@code chatcmpl-} and the message id), {@code created} and the client's
 * model name; with {@code include_usage}, each carries {@code "usage":null} except the usage chunk.
 * Event order guaranteed to the client: a first chunk with the assistant role; content and
 * tool-call chunks, tool calls numbered by {@code index} counting tool calls only, each tool call
 * ending with arguments (at least {@code "{}"}, as clients parse them); one chunk with the {@code
 * finish_reason} (sent at {@code message_stop} if the upstream gave no {@code message_delta}); the
 * usage chunk ({@code choices:[]}) only if the client asked for it; then {@code data: [DONE]}.
 * Thinking, signatures, citations, server-tool blocks and {@code ping} send nothing.
 *
 * <p>Ends: an upstream {@code error} event (or unreadable data) becomes {@code data:
 * {"error":{"message","type","code":null}}}, with Anthropic's error type, and nothing follows, no
 * {@code [DONE]} either; so does an end of stream before {@code message_stop}.
 *
 * <p>Holds the state of one stream. Not thread-safe; confine to the request's thread.
 */
final class MessageEventsToChatChunks implements StreamTranslator {
  private final String clientModel;
  private final long created;
  private final boolean includeUsage;
  private final Map<Integer, ToolCall> toolCallsByBlock = new HashMap<>();
  private final ObjectNode usage = Json.MAPPER.createObjectNode();

  private String chunkId = ChatToMessagesTranslation.chatId("");
  private int nextToolCall;
  private boolean finishSent;
  private boolean ended;

  /** A tool call the client has seen begin: its OpenAI index, and whether arguments followed. */
  private static final class ToolCall {
    final int index;
    boolean hasArguments;

    ToolCall(int index) {
      this.index = index;
    }
  }

  /**
   * Creates the translator of one stream.
   *
   * @param clientModel the model name to echo in every chunk
   * @param created the chunks' {@code created} time, in epoch seconds
   * @param includeUsage whether the client asked for a usage chunk
   */
  MessageEventsToChatChunks(String clientModel, long created, boolean includeUsage) {
    this.clientModel = clientModel;
    this.created = created;
    this.includeUsage = includeUsage;
  }

  @Override
  public void onEvent(SseEvent upstream, Consumer<SseEvent> client) {
    if (ended || upstream.data().isBlank()) {
      return;
    }
    Optional<JsonNode> parsed = JsonText.parse(upstream.data()).filter(JsonNode::isObject);
    if (parsed.isEmpty()) {
      fail("api_error", "upstream sent an unreadable stream event", client);
      return;
    }
    JsonNode event = parsed.get();
    String type = upstream.name().orElse(JsonText.text(event, "type"));
    switch (type) {
      case "message_start" -> {
        JsonNode message = event.path("message");
        chunkId = ChatToMessagesTranslation.chatId(JsonText.text(message, "id"));
        mergeUsage(message.path("usage"));
        ObjectNode delta = Json.MAPPER.createObjectNode().put("role", "assistant");
        emit(chunk(delta.put("content", ""), null), client);
      }
      case "content_block_start" -> onBlockStart(event, client);
      case "content_block_delta" -> onBlockDelta(event, client);
      case "content_block_stop" -> {
        ToolCall call = toolCallsByBlock.remove(event.path("index").asInt());
        if (call != null && !call.hasArguments) {
          emit(arguments(call, "{}"), client);
        }
      }
      case "message_delta" -> {
        mergeUsage(event.path("usage"));
        JsonNode stopReason = event.path("delta").path("stop_reason");
        finish(stopReason.isTextual() ? stopReason.asText() : null, client);
      }
      case "message_stop" -> {
        finish(null, client);
        if (includeUsage) {
          ObjectNode chunk = base();
          chunk.putArray("choices");
          chunk.set("usage", Usages.toOpenAi(usage));
          emit(chunk, client);
        }
        client.accept(SseEvent.data("[DONE]"));
        ended = true;
      }
      case "error" -> {
        JsonNode error = event.path("error");
        fail(JsonText.text(error, "type"), StreamErrors.messageOf(error), client);
      }
      default -> {
        // ping and unknown events send nothing.
      }
    }
  }

  @Override
  public void onEnd(Consumer<SseEvent> client) {
    if (!ended) {
      fail("api_error", StreamErrors.ENDED_EARLY, client);
    }
  }

  private void onBlockStart(JsonNode event, Consumer<SseEvent> client) {
    JsonNode block = event.path("content_block");
    String type = JsonText.text(block, "type");
    if (type.equals("tool_use")) {
      ToolCall call = new ToolCall(nextToolCall++);
      toolCallsByBlock.put(event.path("index").asInt(), call);
      ObjectNode toolCall = Json.MAPPER.createObjectNode().put("index", call.index);
      toolCall.put("id", JsonText.text(block, "id")).put("type", "function");
      toolCall.putObject("function").put("name", JsonText.text(block, "name")).put("arguments", "");
      emit(toolCalls(toolCall), client);
    } else if (type.equals("text") && !JsonText.text(block, "text").isEmpty()) {
      emit(content(JsonText.text(block, "text")), client);
    }
  }

  private void onBlockDelta(JsonNode event, Consumer<SseEvent> client) {
    JsonNode delta = event.path("delta");
    switch (JsonText.text(delta, "type")) {
      case "text_delta" -> {
        String text = JsonText.text(delta, "text");
        if (!text.isEmpty()) {
          emit(content(text), client);
        }
      }
      case "input_json_delta" -> {
        ToolCall call = toolCallsByBlock.get(event.path("index").asInt());
        String json = JsonText.text(delta, "partial_json");
        if (call != null && !json.isEmpty()) {
          call.hasArguments = true;
          emit(arguments(call, json), client);
        }
      }
      default -> {
        // thinking, signature and citations deltas have no Chat counterpart.
      }
    }
  }

  /** Sends the finish chunk once, for the first stop reason seen. */
  private void finish(String stopReason, Consumer<SseEvent> client) {
    if (!finishSent) {
      finishSent = true;
      emit(chunk(Json.MAPPER.createObjectNode(), StopReasons.toOpenAi(stopReason)), client);
    }
  }

  /** Keeps the latest value of each Anthropic usage count; output tokens are cumulative. */
  private void mergeUsage(JsonNode counts) {
    for (Map.Entry<String, JsonNode> count : counts.properties()) {
      if (count.getValue().isNumber()) {
        usage.set(count.getKey(), count.getValue());
      }
    }
  }

  private void fail(String type, String message, Consumer<SseEvent> client) {
    client.accept(StreamErrors.openAi(message, type.isEmpty() ? "api_error" : type));
    ended = true;
  }

  private ObjectNode content(String text) {
    return chunk(Json.MAPPER.createObjectNode().put("content", text), null);
  }

  private ObjectNode arguments(ToolCall call, String json) {
    ObjectNode toolCall = Json.MAPPER.createObjectNode().put("index", call.index);
    toolCall.putObject("function").put("arguments", json);
    return toolCalls(toolCall);
  }

  private ObjectNode toolCalls(ObjectNode toolCall) {
    ObjectNode delta = Json.MAPPER.createObjectNode();
    delta.putArray("tool_calls").add(toolCall);
    return chunk(delta, null);
  }

  private ObjectNode chunk(ObjectNode delta, String finishReason) {
    ObjectNode chunk = base();
    ArrayNode choices = chunk.putArray("choices");
    ObjectNode choice = choices.addObject().put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason);
    if (includeUsage) {
      chunk.putNull("usage");
    }
    return chunk;
  }

  private ObjectNode base() {
    ObjectNode chunk = Json.MAPPER.createObjectNode().put("id", chunkId);
    return chunk
        .put("object", "chat.completion.chunk")
        .put("created", created)
        .put("model", clientModel);
  }

  private static void emit(ObjectNode chunk, Consumer<SseEvent> client) {
    client.accept(SseEvent.data(JsonText.write(chunk)));
  }
}
