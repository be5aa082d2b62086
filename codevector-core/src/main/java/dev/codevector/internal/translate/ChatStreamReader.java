package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codevector.wire.SseEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads an OpenAI Chat chunk stream into {@link ReplyEvent}s.
 *
 * <p>The first chunk starts the answer with the upstream's id. Within one chunk, reasoning ({@code
 * reasoning_content} or {@code reasoning}) comes before content (a refusal counts as content),
 * content before tool calls, all before the finish, and the chunk's usage last. Only the first
 * choice is read, and nothing of it after its finish reason; a usage chunk after the finish is
 * still read. Tool calls are told apart by their {@code index}; a fragment without one belongs to a
 * new call when it carries an unseen id, else to the latest call. A finish of a turn with tool
 * calls that the upstream gave as {@code stop} is {@link StopReason#TOOL_USE}.
 *
 * <p>Ends: {@code [DONE]} completes the stream; an upstream {@code data: {"error":…}}, a named
 * {@code error} event or unreadable data fails it with the status the error implies (see {@link
 * StreamErrors#statusOf}); nothing is read after either.
 *
 * <p>Holds the state of one stream. Not thread-safe; confine to the request's thread.
 */
final class ChatStreamReader implements ReplyStreamReader {
  private static final int UNREADABLE_STATUS = 502;

  private final ToolNames names;
  private final Map<Integer, String> toolCallIds = new HashMap<>();

  private boolean started;
  private boolean finished;
  private boolean ended;
  private int latestToolCall = -1;

  /**
   * Creates the reader of one stream.
   *
   * @param names the request's tool names, to restore shortened ones
   */
  ChatStreamReader(ToolNames names) {
    this.names = Objects.requireNonNull(names, "names");
  }

  @Override
  public void onEvent(SseEvent upstream, Consumer<ReplyEvent> reply) {
    if (ended) {
      return;
    }
    String data = upstream.data().trim();
    if (data.isEmpty()) {
      return;
    }
    if (data.equals("[DONE]")) {
      end(new ReplyEvent.Completed(), reply);
      return;
    }
    Optional<JsonNode> parsed = JsonText.parse(data).filter(JsonNode::isObject);
    if (parsed.isEmpty()) {
      end(
          new ReplyEvent.Failed(UNREADABLE_STATUS, "upstream sent an unreadable stream event"),
          reply);
      return;
    }
    JsonNode chunk = parsed.get();
    JsonNode error = chunk.get("error");
    if ((error == null || error.isNull()) && upstream.name().filter("error"::equals).isPresent()) {
      error = chunk;
    }
    if (error != null && !error.isNull()) {
      end(
          new ReplyEvent.Failed(StreamErrors.statusOf(error), StreamErrors.messageOf(error)),
          reply);
      return;
    }
    if (!started) {
      started = true;
      reply.accept(new ReplyEvent.Started(JsonText.text(chunk, "id")));
    }
    for (JsonNode choice : JsonText.array(chunk.get("choices"))) {
      if (!finished && choice.path("index").asInt(0) == 0) {
        onChoice(choice, reply);
      }
    }
    JsonNode usage = chunk.get("usage");
    if (usage != null && usage.isObject()) {
      reply.accept(new ReplyEvent.UsageReported(TokenUsage.fromOpenAi(usage)));
    }
  }

  private void end(ReplyEvent last, Consumer<ReplyEvent> reply) {
    ended = true;
    reply.accept(last);
  }

  private void onChoice(JsonNode choice, Consumer<ReplyEvent> reply) {
    JsonNode delta = choice.path("delta");
    String reasoning = ChatUpstream.reasoningText(delta);
    if (!reasoning.isEmpty()) {
      reply.accept(new ReplyEvent.ReasoningDelta(reasoning));
    }
    String text = JsonText.text(delta, "content") + JsonText.text(delta, "refusal");
    if (!text.isEmpty()) {
      reply.accept(new ReplyEvent.TextDelta(text));
    }
    for (JsonNode call : JsonText.array(delta.get("tool_calls"))) {
      onToolCall(call, reply);
    }
    JsonNode finish = choice.path("finish_reason");
    if (finish.isTextual()) {
      finished = true;
      StopReason reason = StopReason.fromOpenAi(finish.asText());
      reply.accept(
          new ReplyEvent.Finished(reason.withToolCalls(!toolCallIds.isEmpty()), Optional.empty()));
    }
  }

  private void onToolCall(JsonNode call, Consumer<ReplyEvent> reply) {
    String id = JsonText.text(call, "id");
    JsonNode function = call.path("function");
    int index = toolCallIndex(call, id);
    latestToolCall = index;
    if (!toolCallIds.containsKey(index)) {
      toolCallIds.put(index, id);
      reply.accept(
          new ReplyEvent.ToolCallStarted(
              index, id, names.restore(JsonText.text(function, "name"))));
    }
    String arguments = JsonText.text(function, "arguments");
    if (!arguments.isEmpty()) {
      reply.accept(new ReplyEvent.ToolArgumentsDelta(index, arguments));
    }
  }

  private int toolCallIndex(JsonNode call, String id) {
    JsonNode index = call.get("index");
    if (index != null && index.canConvertToInt()) {
      return index.asInt();
    }
    boolean unseen = !id.isEmpty() && !toolCallIds.containsValue(id);
    if (unseen || latestToolCall < 0) {
      return toolCallIds.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    }
    return latestToolCall;
  }
}
