package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.wire.ErrorKind;
import dev.codevector.wire.SseEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Writes a stream of {@link ReplyEvent}s as a Responses stream, as Codex reads it.
 *
 * <p>Every client event is named by its {@code type}, which its data repeats, with a {@code
 * sequence_number} counting from 0. The order:
 *
 * <ol>
 *   <li>{@code response.created} and {@code response.in_progress}, on the first event.
 *   <li>Reasoning: {@code response.output_item.added} (a reasoning item); when the client asked for
 *       a summary and there is text, {@code response.reasoning_summary_part.added} and {@code
 *       response.reasoning_summary_text.delta} as the text arrives, then {@code
 *       response.reasoning_summary_text.done} and {@code response.reasoning_summary_part.done};
 *       then {@code response.output_item.done} with the whole item, its seal as {@code
 *       encrypted_content} (see {@link ResponsesReasoning}). The item closes when its seal arrives,
 *       or unsealed when the model moves on to text or a tool call.
 *   <li>Text: {@code response.output_item.added} (a message), {@code response.content_part.added},
 *       {@code response.output_text.delta} as the text arrives, then {@code
 *       response.output_text.done}, {@code response.content_part.done} and {@code
 *       response.output_item.done} with the whole message.
 *   <li>Per tool call, in the order the calls began: {@code response.output_item.added}, argument
 *       deltas, their {@code .done} and {@code response.output_item.done} with the whole call.
 *       Function calls use {@code response.function_call_arguments.*}; custom tool calls use {@code
 *       response.custom_tool_call_input.*} and send their unwrapped input as one delta, since the
 *       input is known only once the call's JSON arguments are complete.
 *   <li>{@code response.completed}, or {@code response.incomplete} for the output cap, the context
 *       window and a content filter, with every output item and the usage (JSON null when the
 *       upstream reported none).
 * </ol>
 *
 * <p>The first tool call streams its arguments as they come, unless it is a custom tool's. Parallel
 * calls may interleave their fragments, so every later call is buffered and sent whole when the
 * model finishes; text that arrives after a tool call began is likewise sent as a message after the
 * calls. The message closes when the first tool call begins.
 *
 * <p>The finish does not end the response: an OpenAI upstream reports usage after it, so {@code
 * response.completed} follows the first usage report after the finish, or the upstream's clean end.
 * A {@link ReplyEvent.Failed} ends the response with {@code response.failed}, its {@code
 * error.code} from the status ({@code rate_limit_exceeded}, {@code insufficient_quota}, {@code
 * server_is_overloaded}, else OpenAI's error type); so does a stream that ends before the response
 * is finished. Events after the terminal one are ignored.
 *
 * <p>Holds the stream's progress: the sequence number, the open items, the calls by index, the
 * finished items, the stop reason and the usage. Not thread-safe; confine to the request's thread.
 */
final class ResponsesStreamWriter extends ReplyStreamWriter {

  private final ResponsesItems items;
  private final Map<Integer, ObjectNode> output = new TreeMap<>();
  private final Map<Integer, Call> calls = new LinkedHashMap<>();
  private final StringBuilder trailingText = new StringBuilder();
  private int sequence;
  private int nextIndex;
  private boolean started;
  private Optional<StopReason> finished = Optional.empty();
  private JsonNode usage = NullNode.instance;

  /** The reasoning item being streamed; null when none is open. */
  private Open reasoning;

  /** The message item being streamed; null when none is open. */
  private Open message;

  /** One reasoning or message item while it is open. */
  private static final class Open {
    final String id;
    final int index;
    final StringBuilder text = new StringBuilder();

    Open(String id, int index) {
      this.id = id;
      this.index = index;
    }
  }

  /** One tool call, from its start until its item is done. */
  private static final class Call {
    final String callId;
    final String name;
    final StringBuilder arguments = new StringBuilder();
    String itemId = "";
    int index = -1;
    boolean live;

    Call(String callId, String name) {
      this.callId = callId;
      this.name = name;
    }

    Part.ToolCall part() {
      return new Part.ToolCall(callId, name, arguments.toString());
    }
  }

  /**
   * Creates the writer of one stream.
   *
   * @param items the builder of this answer's Responses objects
   */
  ResponsesStreamWriter(ResponsesItems items) {
    this.items = items;
  }

  @Override
  void write(ReplyEvent event, Consumer<SseEvent> client) {
    start(client);
    if (event instanceof ReplyEvent.ReasoningDelta delta) {
      reasoningDelta(client, delta.text());
    } else if (event instanceof ReplyEvent.ReasoningSealed sealed) {
      closeReasoning(client, Optional.of(sealed.seal()));
    } else if (event instanceof ReplyEvent.TextDelta delta) {
      text(client, delta.text());
    } else if (event instanceof ReplyEvent.ToolCallStarted call) {
      callStarted(client, call);
    } else if (event instanceof ReplyEvent.ToolArgumentsDelta delta) {
      arguments(client, delta);
    } else if (event instanceof ReplyEvent.Finished finish) {
      finish(client, finish.reason());
    } else if (event instanceof ReplyEvent.UsageReported reported) {
      usage = reported.usage().toResponses();
      if (finished.isPresent()) {
        complete(client);
      }
    } else if (event instanceof ReplyEvent.Completed) {
      finish(client, StopReason.END_TURN);
      complete(client);
    } else if (event instanceof ReplyEvent.Failed failed) {
      fail(client, ErrorKind.ofStatus(failed.status()).responsesCode(), failed.message());
    }
    // Started: the response began with the first event; the upstream's id is not the client's.
  }

  @Override
  void end(Consumer<SseEvent> client) {
    start(client);
    if (finished.isPresent()) {
      complete(client);
    } else {
      fail(client, "server_error", "The upstream stream ended before the response was finished.");
    }
  }

  private void reasoningDelta(Consumer<SseEvent> client, String text) {
    if (reasoning == null) {
      closeMessage(client);
      openReasoning(client);
    }
    if (items.showReasoning()) {
      if (reasoning.text.length() == 0) {
        ObjectNode added = summaryEvent("response.reasoning_summary_part.added");
        added.set("part", ResponsesReasoning.summaryPart(""));
        emit(client, added);
      }
      emit(client, summaryEvent("response.reasoning_summary_text.delta").put("delta", text));
    }
    reasoning.text.append(text);
  }

  private void openReasoning(Consumer<SseEvent> client) {
    reasoning = new Open(items.newId("rs"), nextIndex++);
    ObjectNode item = Json.MAPPER.createObjectNode().put("id", reasoning.id);
    item.put("type", "reasoning").putArray("summary");
    emit(client, itemAdded(reasoning.index, item));
  }

  /** Closes the open reasoning item, opening one first for a seal that came without text. */
  private void closeReasoning(Consumer<SseEvent> client, Optional<Part.Seal> seal) {
    if (reasoning == null) {
      if (seal.isEmpty()) {
        return;
      }
      closeMessage(client);
      openReasoning(client);
    }
    String text = reasoning.text.toString();
    if (items.showReasoning() && !text.isEmpty()) {
      emit(client, summaryEvent("response.reasoning_summary_text.done").put("text", text));
      ObjectNode done = summaryEvent("response.reasoning_summary_part.done");
      done.set("part", ResponsesReasoning.summaryPart(text));
      emit(client, done);
    }
    Open closing = reasoning;
    reasoning = null;
    itemDone(
        client,
        closing.index,
        ResponsesReasoning.write(
            closing.id, new Part.Reasoning(text, seal), items.showReasoning()));
  }

  private void text(Consumer<SseEvent> client, String text) {
    closeReasoning(client, Optional.empty());
    if (!calls.isEmpty()) {
      trailingText.append(text);
      return;
    }
    if (message == null) {
      openMessage(client);
    }
    textDelta(client, text);
  }

  private void callStarted(Consumer<SseEvent> client, ReplyEvent.ToolCallStarted started) {
    closeReasoning(client, Optional.empty());
    closeMessage(client);
    String callId = started.id().isEmpty() ? items.newId("call") : started.id();
    Call call = new Call(callId, started.name());
    calls.put(started.index(), call);
    if (calls.size() == 1 && !items.isCustom(call.name)) {
      call.live = true;
      openCall(client, call);
    }
  }

  private void arguments(Consumer<SseEvent> client, ReplyEvent.ToolArgumentsDelta delta) {
    Call call = calls.get(delta.index());
    if (call == null) {
      return;
    }
    call.arguments.append(delta.fragment());
    if (call.live) {
      emit(
          client,
          itemEvent("response.function_call_arguments.delta", call).put("delta", delta.fragment()));
    }
  }

  /** Closes every open item once the model finished; the response itself stays open. */
  private void finish(Consumer<SseEvent> client, StopReason reason) {
    if (finished.isPresent()) {
      return;
    }
    finished = Optional.of(reason);
    closeReasoning(client, Optional.empty());
    closeMessage(client);
    for (Call call : calls.values()) {
      closeCall(client, call);
    }
    if (trailingText.length() > 0) {
      openMessage(client);
      textDelta(client, trailingText.toString());
      closeMessage(client);
    }
  }

  private void openMessage(Consumer<SseEvent> client) {
    message = new Open(items.newId("msg"), nextIndex++);
    emit(client, itemAdded(message.index, items.message(message.id, "in_progress", null)));
    emit(client, partEvent("response.content_part.added", ""));
  }

  private void textDelta(Consumer<SseEvent> client, String text) {
    message.text.append(text);
    ObjectNode delta = contentEvent("response.output_text.delta").put("delta", text);
    delta.putArray("logprobs");
    emit(client, delta);
  }

  private void closeMessage(Consumer<SseEvent> client) {
    if (message == null) {
      return;
    }
    String text = message.text.toString();
    ObjectNode textDone = contentEvent("response.output_text.done").put("text", text);
    textDone.putArray("logprobs");
    emit(client, textDone);
    emit(client, partEvent("response.content_part.done", text));
    Open closing = message;
    message = null;
    itemDone(client, closing.index, items.message(closing.id, "completed", text));
  }

  private void openCall(Consumer<SseEvent> client, Call call) {
    call.itemId = items.itemId(call.name);
    call.index = nextIndex++;
    emit(client, itemAdded(call.index, items.call(call.itemId, call.part(), "in_progress")));
  }

  /**
   * Sends a call's remaining events: for a buffered call, its opening and one delta with the whole
   * arguments or unwrapped input; then the {@code .done} event and the complete item.
   */
  private void closeCall(Consumer<SseEvent> client, Call call) {
    if (!call.live) {
      openCall(client, call);
    }
    ObjectNode item = items.call(call.itemId, call.part(), "completed");
    if (items.isCustom(call.name)) {
      String input = JsonText.text(item, "input");
      if (!input.isEmpty()) {
        emit(client, itemEvent("response.custom_tool_call_input.delta", call).put("delta", input));
      }
      emit(client, itemEvent("response.custom_tool_call_input.done", call).put("input", input));
    } else {
      String arguments = JsonText.text(item, "arguments");
      if (!call.live && !call.arguments.isEmpty()) {
        emit(
            client,
            itemEvent("response.function_call_arguments.delta", call).put("delta", arguments));
      }
      emit(
          client,
          itemEvent("response.function_call_arguments.done", call)
              .put("name", JsonText.text(item, "name"))
              .put("arguments", arguments));
    }
    itemDone(client, call.index, item);
  }

  private void itemDone(Consumer<SseEvent> client, int index, ObjectNode item) {
    ObjectNode done = event("response.output_item.done").put("output_index", index);
    done.set("item", item);
    emit(client, done);
    output.put(index, item);
  }

  private void start(Consumer<SseEvent> client) {
    if (started) {
      return;
    }
    started = true;
    ObjectNode response = items.inProgress();
    emit(client, responseEvent("response.created", response));
    emit(client, responseEvent("response.in_progress", response));
  }

  private void complete(Consumer<SseEvent> client) {
    markEnded();
    StopReason reason = finished.orElse(StopReason.END_TURN);
    emit(
        client,
        responseEvent(
            "response." + ResponsesItems.status(reason),
            items.finished(reason, finishedOutput(), usage)));
  }

  private void fail(Consumer<SseEvent> client, String code, String description) {
    markEnded();
    emit(
        client,
        responseEvent("response.failed", items.failed(code, description, finishedOutput(), usage)));
  }

  private ArrayNode finishedOutput() {
    ArrayNode array = Json.MAPPER.createArrayNode();
    output.values().forEach(array::add);
    return array;
  }

  /** Returns the Responses error code for the HTTP status of an upstream's error. */
  private ObjectNode event(String type) {
    return Json.MAPPER.createObjectNode().put("type", type).put("sequence_number", sequence++);
  }

  private ObjectNode responseEvent(String type, ObjectNode response) {
    ObjectNode event = event(type);
    event.set("response", response);
    return event;
  }

  private ObjectNode itemAdded(int index, ObjectNode item) {
    ObjectNode added = event("response.output_item.added").put("output_index", index);
    added.set("item", item);
    return added;
  }

  private ObjectNode itemEvent(String type, Call call) {
    return event(type).put("item_id", call.itemId).put("output_index", call.index);
  }

  private ObjectNode summaryEvent(String type) {
    return event(type)
        .put("item_id", reasoning.id)
        .put("output_index", reasoning.index)
        .put("summary_index", 0);
  }

  private ObjectNode contentEvent(String type) {
    return event(type)
        .put("item_id", message.id)
        .put("output_index", message.index)
        .put("content_index", 0);
  }

  private ObjectNode partEvent(String type, String text) {
    ObjectNode event = contentEvent(type);
    event.set("part", ResponsesItems.textPart(text));
    return event;
  }

  private static void emit(Consumer<SseEvent> client, ObjectNode event) {
    client.accept(SseEvent.of(JsonText.text(event, "type"), JsonText.write(event)));
  }
}
