package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.wire.SseEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns an OpenAI Chat chunk stream into an Anthropic Messages event stream, as a state machine.
 *
 * <p>Event order guaranteed to the client: exactly one {@code message_start} (sent on the first
 * chunk, with the input usage known so far, 0 when none), then content blocks with increasing
 * indexes, each {@code content_block_start}, deltas of its own type, {@code content_block_stop},
 * never overlapping; then {@code message_delta} (stop reason and the full usage, input and cache
 * counts included) and {@code message_stop}. The {@code message_delta} waits for the usage chunk
 * that OpenAI sends after the finish chunk, or for {@code [DONE]} or the end of the stream. Within
 * one chunk, reasoning comes before content, content before tool calls, all before the finish.
 *
 * <p>Parallel tool calls: the first tool call streams live; once a tool block is open, every later
 * block (another tool call, or text) is buffered in arrival order and sent whole when the upstream
 * finishes, so a provider that interleaves the argument fragments of several calls still yields
 * well-formed, non-overlapping blocks. Tool calls are told apart by their {@code index}; a fragment
 * without one belongs to a new call when it carries an unseen id, else to the latest call.
 *
 * <p>Ends: an upstream {@code data: {"error":…}}, a named {@code error} event, or unreadable data
 * becomes {@code event: error} with the mapped type and nothing follows; {@code [DONE]} ends the
 * message cleanly even without a finish reason; an end of stream before any finish reason becomes
 * {@code event: error} of type {@code api_error}.
 *
 * <p>Holds the state of one stream. Not thread-safe; confine to the request's thread.
 */
final class ChatChunksToMessageEvents implements StreamTranslator {
  private static final String TEXT = "text";
  private static final String THINKING = "thinking";
  private static final String TOOL_USE = "tool_use";

  private final String clientModel;
  private final boolean emitThinking;
  private final ToolNames names;
  private final ToolIds ids = new ToolIds();
  private final Map<Integer, Block> toolCalls = new HashMap<>();
  private final List<Block> queued = new ArrayList<>();

  private boolean started;
  private boolean ended;
  private String stopReason;
  private JsonNode usage;
  private Block open;
  private int nextIndex;
  private int latestToolCall = -1;

  /** One content block of the client's message, open, queued or done. */
  private static final class Block {
    final String type;
    final StringBuilder buffered = new StringBuilder();
    String id = "";
    String name = "";
    int index = -1;

    Block(String type) {
      this.type = type;
    }
  }

  /**
   * Creates the translator of one stream.
   *
   * @param clientModel the model name to echo in {@code message_start}
   * @param emitThinking whether upstream reasoning is sent as thinking blocks
   * @param names the request's tool names, to restore shortened ones
   */
  ChatChunksToMessageEvents(String clientModel, boolean emitThinking, ToolNames names) {
    this.clientModel = clientModel;
    this.emitThinking = emitThinking;
    this.names = names;
  }

  @Override
  public void onEvent(SseEvent upstream, Consumer<SseEvent> client) {
    if (ended) {
      return;
    }
    String data = upstream.data().trim();
    if (data.isEmpty()) {
      return;
    }
    if (data.equals("[DONE]")) {
      start(Json.MAPPER.createObjectNode(), client);
      if (stopReason == null) {
        finish(null, client);
      }
      complete(client);
      return;
    }
    Optional<JsonNode> parsed = JsonText.parse(data).filter(JsonNode::isObject);
    if (parsed.isEmpty()) {
      fail("api_error", "upstream sent an unreadable stream event", client);
      return;
    }
    JsonNode chunk = parsed.get();
    JsonNode error = chunk.get("error");
    if ((error == null || error.isNull()) && upstream.name().filter("error"::equals).isPresent()) {
      error = chunk;
    }
    if (error != null && !error.isNull()) {
      fail(StreamErrors.anthropicTypeOf(error), StreamErrors.messageOf(error), client);
      return;
    }
    start(chunk, client);
    for (JsonNode choice : JsonText.array(chunk.get("choices"))) {
      if (stopReason == null && choice.path("index").asInt(0) == 0) {
        onChoice(choice, client);
      }
    }
    JsonNode chunkUsage = chunk.get("usage");
    if (chunkUsage != null && chunkUsage.isObject()) {
      usage = chunkUsage;
      if (stopReason != null) {
        complete(client);
      }
    }
  }

  @Override
  public void onEnd(Consumer<SseEvent> client) {
    if (ended) {
      return;
    }
    if (stopReason == null) {
      fail("api_error", StreamErrors.ENDED_EARLY, client);
    } else {
      complete(client);
    }
  }

  /** Sends {@code message_start} on the first chunk. */
  private void start(JsonNode chunk, Consumer<SseEvent> client) {
    if (started) {
      return;
    }
    started = true;
    String upstreamId = JsonText.text(chunk, "id");
    ObjectNode message = Json.MAPPER.createObjectNode();
    message.put("id", upstreamId.isEmpty() ? ToolIds.random("msg_") : "msg_" + upstreamId);
    message.put("type", "message").put("role", "assistant").put("model", clientModel);
    message.putArray("content");
    message.putNull("stop_reason").putNull("stop_sequence");
    ObjectNode startUsage = Usages.toAnthropic(chunk.path("usage"));
    message.set("usage", startUsage.put("output_tokens", 0));
    ObjectNode event = event("message_start");
    event.set("message", message);
    emit(event, client);
  }

  private void onChoice(JsonNode choice, Consumer<SseEvent> client) {
    JsonNode delta = choice.path("delta");
    String reasoning = MessagesToChatTranslation.reasoningText(delta);
    if (emitThinking && !reasoning.isEmpty()) {
      append(THINKING, reasoning, client);
    }
    String text = JsonText.text(delta, "content") + JsonText.text(delta, "refusal");
    if (!text.isEmpty()) {
      append(TEXT, text, client);
    }
    for (JsonNode call : JsonText.array(delta.get("tool_calls"))) {
      onToolCall(call, client);
    }
    JsonNode finish = choice.path("finish_reason");
    if (finish.isTextual()) {
      finish(finish.asText(), client);
    }
  }

  /** Adds text or reasoning: to the open block of that type, a new block, or the queue. */
  private void append(String type, String text, Consumer<SseEvent> client) {
    if (open != null && open.type.equals(type) && queued.isEmpty()) {
      delta(open, text, client);
    } else if (canOpen()) {
      open(new Block(type), client);
      delta(open, text, client);
    } else {
      Block last = queued.isEmpty() ? null : queued.get(queued.size() - 1);
      if (last == null || !last.type.equals(type)) {
        last = new Block(type);
        queued.add(last);
      }
      last.buffered.append(text);
    }
  }

  private void onToolCall(JsonNode call, Consumer<SseEvent> client) {
    String id = JsonText.text(call, "id");
    JsonNode function = call.path("function");
    int index = toolCallIndex(call, id);
    latestToolCall = index;
    Block block = toolCalls.get(index);
    if (block == null) {
      block = new Block(TOOL_USE);
      block.id = id.isEmpty() ? ToolIds.random("toolu_") : ids.map(id);
      block.name = names.restore(JsonText.text(function, "name"));
      toolCalls.put(index, block);
      if (canOpen()) {
        open(block, client);
      } else {
        queued.add(block);
      }
    } else if (block.index < 0 && block.name.isEmpty()) {
      block.name = names.restore(JsonText.text(function, "name"));
    }
    String arguments = JsonText.text(function, "arguments");
    if (arguments.isEmpty()) {
      return;
    }
    if (block == open) {
      delta(block, arguments, client);
    } else {
      block.buffered.append(arguments);
    }
  }

  private int toolCallIndex(JsonNode call, String id) {
    JsonNode index = call.get("index");
    if (index != null && index.canConvertToInt()) {
      return index.asInt();
    }
    boolean unseen = !id.isEmpty() && toolCalls.values().stream().noneMatch(b -> b.id.equals(id));
    if (unseen || latestToolCall < 0) {
      return toolCalls.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    }
    return latestToolCall;
  }

  /** Returns whether a new block may open now: nothing is queued and no tool block is open. */
  private boolean canOpen() {
    return queued.isEmpty() && (open == null || !open.type.equals(TOOL_USE));
  }

  /** Closes the open block, sends the queued ones whole, and holds the stop reason. */
  private void finish(String finishReason, Consumer<SseEvent> client) {
    close(client);
    for (Block block : queued) {
      open(block, client);
      if (block.buffered.length() > 0) {
        delta(block, block.buffered.toString(), client);
      }
      close(client);
    }
    queued.clear();
    stopReason = StopReasons.toAnthropic(finishReason, !toolCalls.isEmpty());
  }

  /** Sends {@code message_delta} and {@code message_stop}. */
  private void complete(Consumer<SseEvent> client) {
    ObjectNode delta = event("message_delta");
    delta.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
    delta.set("usage", Usages.toAnthropic(usage == null ? Json.MAPPER.missingNode() : usage));
    emit(delta, client);
    emit(event("message_stop"), client);
    ended = true;
  }

  private void fail(String type, String message, Consumer<SseEvent> client) {
    client.accept(StreamErrors.anthropic(type, message));
    ended = true;
  }

  private void open(Block block, Consumer<SseEvent> client) {
    close(client);
    block.index = nextIndex++;
    ObjectNode contentBlock = Json.MAPPER.createObjectNode().put("type", block.type);
    switch (block.type) {
      case TEXT -> contentBlock.put("text", "");
      case THINKING -> contentBlock.put("thinking", "").put("signature", "");
      default -> {
        contentBlock.put("id", block.id).put("name", block.name);
        contentBlock.putObject("input");
      }
    }
    ObjectNode event = event("content_block_start").put("index", block.index);
    event.set("content_block", contentBlock);
    emit(event, client);
    open = block;
  }

  private void delta(Block block, String text, Consumer<SseEvent> client) {
    ObjectNode delta = Json.MAPPER.createObjectNode();
    switch (block.type) {
      case TEXT -> delta.put("type", "text_delta").put("text", text);
      case THINKING -> delta.put("type", "thinking_delta").put("thinking", text);
      default -> delta.put("type", "input_json_delta").put("partial_json", text);
    }
    ObjectNode event = event("content_block_delta").put("index", block.index);
    event.set("delta", delta);
    emit(event, client);
  }

  private void close(Consumer<SseEvent> client) {
    if (open != null) {
      emit(event("content_block_stop").put("index", open.index), client);
      open = null;
    }
  }

  private static ObjectNode event(String type) {
    return Json.MAPPER.createObjectNode().put("type", type);
  }

  private static void emit(ObjectNode event, Consumer<SseEvent> client) {
    client.accept(SseEvent.of(event.path("type").asText(), JsonText.write(event)));
  }
}
