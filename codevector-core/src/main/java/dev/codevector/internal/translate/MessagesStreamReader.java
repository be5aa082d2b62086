package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codevector.wire.ErrorKind;
import dev.codevector.wire.SseEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads an Anthropic Messages event stream into {@link ReplyEvent}s, each event as it arrives.
 *
 * <ul>
 *   <li>{@code message_start} gives {@link ReplyEvent.Started} and the input counts as {@link
 *       ReplyEvent.UsageReported}; {@code message_delta} gives {@link ReplyEvent.Finished} and the
 *       usage with its counts merged over the earlier ones (output tokens are cumulative); {@code
 *       message_stop} gives {@link ReplyEvent.Completed}.
 *   <li>Text and thinking give their deltas; a {@code signature_delta} seals the thinking before
 *       it, and a {@code redacted_thinking} block, which arrives whole, is sealed reasoning without
 *       text. Tool calls are numbered counting tool calls only, and a call whose block ends without
 *       arguments gets {@code {}}, as clients parse them.
 *   <li>An {@code error} event gives {@link ReplyEvent.Failed} with the HTTP status of its error
 *       type ({@code overloaded_error} 529, {@code rate_limit_error} 429, 500 for {@code api_error}
 *       and unknown types); unreadable data fails the stream with 502. Nothing is read after a
 *       failure. {@code ping}, citations and server-tool blocks give nothing.
 * </ul>
 *
 * <p>Holds the state of one stream. Not thread-safe; confine to the request's thread.
 */
final class MessagesStreamReader implements ReplyStreamReader {
  private final Map<Integer, ToolCall> toolCallsByBlock = new HashMap<>();
  private TokenUsage usage = TokenUsage.NONE;
  private int nextToolCall;
  private boolean failed;

  /** A tool call begun in a block: its place among the calls, and whether arguments followed. */
  private static final class ToolCall {
    final int index;
    boolean hasArguments;

    ToolCall(int index) {
      this.index = index;
    }
  }

  @Override
  public void onEvent(SseEvent upstream, Consumer<ReplyEvent> reply) {
    if (failed || upstream.data().isBlank()) {
      return;
    }
    Optional<JsonNode> parsed = JsonText.parse(upstream.data()).filter(JsonNode::isObject);
    if (parsed.isEmpty()) {
      fail(502, "upstream sent an unreadable stream event", reply);
      return;
    }
    JsonNode event = parsed.get();
    switch (upstream.name().orElse(JsonText.text(event, "type"))) {
      case "message_start" -> {
        JsonNode message = event.path("message");
        reply.accept(new ReplyEvent.Started(JsonText.text(message, "id")));
        reply.accept(new ReplyEvent.UsageReported(mergeUsage(message.path("usage"))));
      }
      case "content_block_start" -> onBlockStart(event, reply);
      case "content_block_delta" -> onBlockDelta(event, reply);
      case "content_block_stop" -> {
        ToolCall call = toolCallsByBlock.remove(event.path("index").asInt());
        if (call != null && !call.hasArguments) {
          reply.accept(new ReplyEvent.ToolArgumentsDelta(call.index, "{}"));
        }
      }
      case "message_delta" -> {
        JsonNode delta = event.path("delta");
        JsonNode stopReason = delta.path("stop_reason");
        String stopSequence = JsonText.text(delta, "stop_sequence");
        reply.accept(
            new ReplyEvent.Finished(
                StopReason.fromAnthropic(stopReason.isTextual() ? stopReason.asText() : null),
                stopSequence.isEmpty() ? Optional.empty() : Optional.of(stopSequence)));
        reply.accept(new ReplyEvent.UsageReported(mergeUsage(event.path("usage"))));
      }
      case "message_stop" -> reply.accept(new ReplyEvent.Completed());
      case "error" -> {
        JsonNode error = event.path("error");
        fail(
            ErrorKind.ofAnthropicType(JsonText.text(error, "type")).status(),
            StreamErrors.messageOf(error),
            reply);
      }
      default -> {
        // ping and unknown events give nothing.
      }
    }
  }

  private void onBlockStart(JsonNode event, Consumer<ReplyEvent> reply) {
    JsonNode block = event.path("content_block");
    switch (JsonText.text(block, "type")) {
      case "tool_use" -> {
        ToolCall call = new ToolCall(nextToolCall++);
        toolCallsByBlock.put(event.path("index").asInt(), call);
        reply.accept(
            new ReplyEvent.ToolCallStarted(
                call.index, JsonText.text(block, "id"), JsonText.text(block, "name")));
      }
      case "text" -> text(JsonText.text(block, "text"), reply);
      case "thinking" -> reasoning(JsonText.text(block, "thinking"), reply);
      case "redacted_thinking" ->
          reply.accept(
              new ReplyEvent.ReasoningSealed(
                  new Part.Seal(Part.Seal.Family.ANTHROPIC, JsonText.text(block, "data"), true)));
      default -> {
        // Server-tool blocks have no place in the common form.
      }
    }
  }

  private void onBlockDelta(JsonNode event, Consumer<ReplyEvent> reply) {
    JsonNode delta = event.path("delta");
    switch (JsonText.text(delta, "type")) {
      case "text_delta" -> text(JsonText.text(delta, "text"), reply);
      case "thinking_delta" -> reasoning(JsonText.text(delta, "thinking"), reply);
      case "signature_delta" ->
          reply.accept(
              new ReplyEvent.ReasoningSealed(
                  new Part.Seal(
                      Part.Seal.Family.ANTHROPIC, JsonText.text(delta, "signature"), false)));
      case "input_json_delta" -> {
        ToolCall call = toolCallsByBlock.get(event.path("index").asInt());
        String json = JsonText.text(delta, "partial_json");
        if (call != null && !json.isEmpty()) {
          call.hasArguments = true;
          reply.accept(new ReplyEvent.ToolArgumentsDelta(call.index, json));
        }
      }
      default -> {
        // Citations have no place in the common form.
      }
    }
  }

  private static void text(String text, Consumer<ReplyEvent> reply) {
    if (!text.isEmpty()) {
      reply.accept(new ReplyEvent.TextDelta(text));
    }
  }

  private static void reasoning(String text, Consumer<ReplyEvent> reply) {
    if (!text.isEmpty()) {
      reply.accept(new ReplyEvent.ReasoningDelta(text));
    }
  }

  /** Keeps the latest value of each Anthropic usage count and returns the usage so far. */
  private TokenUsage mergeUsage(JsonNode counts) {
    usage = TokenUsage.fromAnthropic(counts, usage);
    return usage;
  }

  private void fail(int status, String message, Consumer<ReplyEvent> reply) {
    failed = true;
    reply.accept(new ReplyEvent.Failed(status, message));
  }
}
