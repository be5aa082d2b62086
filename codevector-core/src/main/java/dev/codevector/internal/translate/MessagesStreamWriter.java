package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.wire.ErrorBody;
import dev.codevector.wire.SseEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Writes {@link ReplyEvent}s as an Anthropic Messages event stream, as a state machine.
 *
 * <p>Event order guaranteed to the client: exactly one {@code message_start} (at {@link
 * ReplyEvent.Started}, or before the end when none came, with zero usage), then content blocks with
 * increasing indexes, each {@code content_block_start}, deltas of its own type, {@code
 * content_block_stop}, never overlapping; then {@code message_delta} (stop reason and the full
 * usage, input and cache counts included) and {@code message_stop}. The {@code message_delta} waits
 * for a usage report after the finish, which an OpenAI upstream sends in a chunk of its own, or for
 * the upstream's clean end, or for the end of the stream.
 *
 * <p>Reasoning becomes thinking blocks only when the client wants its text; a seal from Anthropic
 * ends its block with a {@code signature_delta}, or stands as a {@code redacted_thinking} block
 * when redacted.
 *
 * <p>Parallel tool calls: the first tool call streams live; once a tool block is open, every later
 * block (another tool call, text or reasoning) is buffered in arrival order and sent whole when the
 * model finishes, so an upstream that interleaves the argument fragments of several calls still
 * yields well-formed, non-overlapping blocks.
 *
 * <p>Ends: a failure becomes {@code event: error} with the Anthropic type of its status, and
 * nothing follows; a stream that ends before the model finished becomes {@code event: error} of
 * type {@code api_error}; a stream that ends after the finish without a clean end still ends the
 * message, since nothing of the answer is missing.
 *
 * <p>Holds the state of one stream. Not thread-safe; confine to the request's thread.
 */
final class MessagesStreamWriter extends ReplyStreamWriter {
  private static final String TEXT = "text";
  private static final String THINKING = "thinking";
  private static final String REDACTED_THINKING = "redacted_thinking";
  private static final String TOOL_USE = "tool_use";

  private final String clientModel;
  private final boolean emitThinking;
  private final ToolIds ids = new ToolIds();
  private final Map<Integer, Block> toolCalls = new HashMap<>();
  private final List<Block> queued = new ArrayList<>();

  private boolean started;
  private StopReason stopReason;
  private Optional<String> stopSequence = Optional.empty();
  private TokenUsage usage = TokenUsage.NONE;
  private Block open;
  private int nextIndex;

  /** One content block of the client's message, open, queued or done. */
  private static final class Block {
    final String type;
    final StringBuilder buffered = new StringBuilder();
    String id = "";
    String name = "";
    String signature = "";
    boolean sealed;
    int index = -1;

    Block(String type) {
      this.type = type;
    }
  }

  /**
   * Creates the writer of one stream.
   *
   * @param clientModel the model name to echo in {@code message_start}
   * @param emitThinking whether reasoning is sent as thinking blocks
   */
  MessagesStreamWriter(String clientModel, boolean emitThinking) {
    this.clientModel = Objects.requireNonNull(clientModel, "clientModel");
    this.emitThinking = emitThinking;
  }

  @Override
  void write(ReplyEvent event, Consumer<SseEvent> client) {
    if (event instanceof ReplyEvent.Started started) {
      start(started.id(), client);
    } else if (event instanceof ReplyEvent.TextDelta text) {
      append(TEXT, text.text(), client);
    } else if (event instanceof ReplyEvent.ReasoningDelta reasoning) {
      if (emitThinking) {
        append(THINKING, reasoning.text(), client);
      }
    } else if (event instanceof ReplyEvent.ReasoningSealed sealed) {
      if (emitThinking) {
        seal(sealed.seal(), client);
      }
    } else if (event instanceof ReplyEvent.ToolCallStarted call) {
      startToolCall(call, client);
    } else if (event instanceof ReplyEvent.ToolArgumentsDelta arguments) {
      appendArguments(arguments, client);
    } else if (event instanceof ReplyEvent.Finished finished) {
      finish(finished.reason(), finished.stopSequence(), client);
    } else if (event instanceof ReplyEvent.UsageReported reported) {
      usage = reported.usage();
      if (stopReason != null) {
        complete(client);
      }
    } else if (event instanceof ReplyEvent.Completed) {
      start("", client);
      if (stopReason == null) {
        finish(StopReason.END_TURN.withToolCalls(!toolCalls.isEmpty()), Optional.empty(), client);
      }
      complete(client);
    } else if (event instanceof ReplyEvent.Failed failed) {
      fail(ErrorBody.anthropicType(failed.status()), failed.message(), client);
    }
  }

  @Override
  void end(Consumer<SseEvent> client) {
    if (stopReason == null) {
      fail("api_error", StreamErrors.ENDED_EARLY, client);
    } else {
      complete(client);
    }
  }

  /** Sends {@code message_start}, once. */
  private void start(String upstreamId, Consumer<SseEvent> client) {
    if (started) {
      return;
    }
    started = true;
    ObjectNode message = Json.MAPPER.createObjectNode();
    message.put("id", MessagesClient.messageId(upstreamId));
    message.put("type", "message").put("role", "assistant").put("model", clientModel);
    message.putArray("content");
    message.putNull("stop_reason").putNull("stop_sequence");
    message.set("usage", usage.toAnthropic().put("output_tokens", 0));
    ObjectNode event = event("message_start");
    event.set("message", message);
    emit(event, client);
  }

  /** Adds text or reasoning: to the open block of that type, a new block, or the queue. */
  private void append(String type, String text, Consumer<SseEvent> client) {
    if (open != null && open.type.equals(type) && !open.sealed && queued.isEmpty()) {
      delta(open, text, client);
    } else if (canOpen()) {
      open(new Block(type), client);
      delta(open, text, client);
    } else {
      Block last = queued.isEmpty() ? null : queued.get(queued.size() - 1);
      if (last == null || !last.type.equals(type) || last.sealed) {
        last = new Block(type);
        queued.add(last);
      }
      last.buffered.append(text);
    }
  }

  /**
   * Ends the current reasoning block with Anthropic's signature, or adds a redacted thinking block;
   * a seal of another family only ends the block, since the client cannot read it.
   */
  private void seal(Part.Seal seal, Consumer<SseEvent> client) {
    boolean anthropic = seal.family() == Part.Seal.Family.ANTHROPIC;
    if (anthropic && seal.redacted()) {
      Block redacted = new Block(REDACTED_THINKING);
      redacted.signature = seal.value();
      redacted.sealed = true;
      if (canOpen()) {
        open(redacted, client);
        close(client);
      } else {
        queued.add(redacted);
      }
      return;
    }
    Block last = queued.isEmpty() ? open : queued.get(queued.size() - 1);
    if (last == null || !last.type.equals(THINKING) || last.sealed) {
      if (!anthropic) {
        return;
      }
      append(THINKING, "", client);
      last = queued.isEmpty() ? open : queued.get(queued.size() - 1);
    }
    last.sealed = true;
    if (!anthropic) {
      return;
    }
    if (last == open) {
      signatureDelta(open, seal.value(), client);
    } else {
      last.signature = seal.value();
    }
  }

  private void startToolCall(ReplyEvent.ToolCallStarted call, Consumer<SseEvent> client) {
    if (toolCalls.containsKey(call.index())) {
      return;
    }
    Block block = new Block(TOOL_USE);
    block.id = ids.map(call.id());
    block.name = call.name();
    toolCalls.put(call.index(), block);
    if (canOpen()) {
      open(block, client);
    } else {
      queued.add(block);
    }
  }

  private void appendArguments(ReplyEvent.ToolArgumentsDelta arguments, Consumer<SseEvent> client) {
    Block block = toolCalls.get(arguments.index());
    if (block == null) {
      return;
    }
    if (block == open) {
      delta(block, arguments.fragment(), client);
    } else {
      block.buffered.append(arguments.fragment());
    }
  }

  /** Returns whether a new block may open now: nothing is queued and no tool block is open. */
  private boolean canOpen() {
    return queued.isEmpty() && (open == null || !open.type.equals(TOOL_USE));
  }

  /** Closes the open block, sends the queued ones whole, and holds the stop reason. */
  private void finish(StopReason reason, Optional<String> sequence, Consumer<SseEvent> client) {
    if (stopReason != null) {
      return;
    }
    start("", client);
    close(client);
    for (Block block : queued) {
      open(block, client);
      if (block.buffered.length() > 0) {
        delta(block, block.buffered.toString(), client);
      }
      if (block.type.equals(THINKING) && !block.signature.isEmpty()) {
        signatureDelta(block, block.signature, client);
      }
      close(client);
    }
    queued.clear();
    stopReason = reason;
    stopSequence = sequence;
  }

  /** Sends {@code message_delta} and {@code message_stop}. */
  private void complete(Consumer<SseEvent> client) {
    ObjectNode delta = event("message_delta");
    ObjectNode body = delta.putObject("delta").put("stop_reason", stopReason.anthropic());
    stopSequence.ifPresentOrElse(
        sequence -> body.put("stop_sequence", sequence), () -> body.putNull("stop_sequence"));
    delta.set("usage", usage.toAnthropic());
    emit(delta, client);
    emit(event("message_stop"), client);
    markEnded();
  }

  private void fail(String type, String message, Consumer<SseEvent> client) {
    client.accept(StreamErrors.anthropic(type, message));
    markEnded();
  }

  private void open(Block block, Consumer<SseEvent> client) {
    close(client);
    block.index = nextIndex++;
    ObjectNode contentBlock = Json.MAPPER.createObjectNode().put("type", block.type);
    switch (block.type) {
      case TEXT -> contentBlock.put("text", "");
      case THINKING -> contentBlock.put("thinking", "").put("signature", "");
      case REDACTED_THINKING -> contentBlock.put("data", block.signature);
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
    if (text.isEmpty()) {
      return;
    }
    ObjectNode delta = Json.MAPPER.createObjectNode();
    switch (block.type) {
      case TEXT -> delta.put("type", "text_delta").put("text", text);
      case THINKING -> delta.put("type", "thinking_delta").put("thinking", text);
      default -> delta.put("type", "input_json_delta").put("partial_json", text);
    }
    blockDelta(block, delta, client);
  }

  private void signatureDelta(Block block, String signature, Consumer<SseEvent> client) {
    ObjectNode delta =
        Json.MAPPER.createObjectNode().put("type", "signature_delta").put("signature", signature);
    blockDelta(block, delta, client);
  }

  private static void blockDelta(Block block, ObjectNode delta, Consumer<SseEvent> client) {
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
