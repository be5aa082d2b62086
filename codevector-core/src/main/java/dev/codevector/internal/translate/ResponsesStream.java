package dev.codevector.internal.translate;

import static dev.codevector.internal.translate.ResponsesJson.array;
import static dev.codevector.internal.translate.ResponsesJson.object;
import static dev.codevector.internal.translate.ResponsesJson.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.internal.translate.ResponsesOutput.Outcome;
import dev.codevector.wire.SseEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Translates a Chat Completions stream into a Responses stream, as Codex reads it.
 *
 * <p>Every client event is named by its {@code type}, which its data repeats, with a {@code
 * sequence_number} counting from 0. The order:
 *
 * <ol>
 *   <li>{@code response.created} and {@code response.in_progress}, on the first upstream event.
 *   <li>Text: {@code response.output_item.added} (a message), {@code response.content_part.added},
 *       {@code response.output_text.delta} as the text arrives, then {@code
 *       response.output_text.done}, {@code response.content_part.done} and {@code
 *       response.output_item.done} with the whole message.
 *   <li>Per tool call, in the order the calls began: {@code response.output_item.added}, argument
 *       deltas, their {@code .done} and {@code response.output_item.done} with the whole call.
 *       Function calls use {@code response.function_call_arguments.*}; custom tool calls use {@code
 *       response.custom_tool_call_input.*} and send their unwrapped input as one delta, since the
 *       input is known only once the call's JSON arguments are complete.
 *   <li>{@code response.completed}, or {@code response.incomplete} for {@code length} and {@code
 *       content_filter}, with every output item and the usage.
 * </ol>
 *
 * <p>At most one output item is open at a time, so {@code output_index} follows the items' order.
 * The first tool call streams its arguments as they come. Parallel calls may interleave their
 * fragments (several {@code tool_calls[].index} at once), so every later call is buffered and sent
 * whole when the upstream finishes; text that arrives after a tool call began is likewise sent as a
 * message after the calls. The message closes when the first tool call begins.
 *
 * <p>The finish does not end the response: OpenAI sends usage in a later chunk, so {@code
 * response.completed} follows the usage chunk, or {@code data: [DONE]}, or the clean end of the
 * stream. An upstream {@code error} chunk, an unreadable chunk, or a stream that ends before any
 * {@code finish_reason} ends the response with {@code response.failed}. Events after the terminal
 * one are ignored. The upstream's {@code reasoning_content} is not forwarded.
 *
 * <p>Holds the stream's progress: the sequence number, the open message, the calls by upstream
 * index, the finished items, the outcome and the usage. Not thread-safe; confine to the request's
 * thread.
 */
final class ResponsesStream implements StreamTranslator {

  private final ResponsesOutput out;
  private final ArrayNode output = array();
  private final Map<Integer, Call> calls = new LinkedHashMap<>();
  private final StringBuilder trailingText = new StringBuilder();
  private int sequence;
  private boolean started;
  private boolean finished;
  private boolean ended;
  private Outcome outcome = Outcome.COMPLETED;
  private JsonNode usage = NullNode.instance;

  /** The message item being streamed; null when none is open. */
  private Message message;

  /** One message item while it is open. */
  private static final class Message {
    final String id;
    final int index;
    final StringBuilder text = new StringBuilder();

    Message(String id, int index) {
      this.id = id;
      this.index = index;
    }
  }

  /** One tool call, from its first fragment until its item is done. */
  private static final class Call {
    final String callId;
    final StringBuilder arguments = new StringBuilder();
    String name;
    String itemId = "";
    int index = -1;
    boolean live;

    Call(String callId, String name) {
      this.callId = callId;
      this.name = name;
    }
  }

  /**
   * Creates the translator of one stream.
   *
   * @param out the builder of this answer's Responses objects
   */
  ResponsesStream(ResponsesOutput out) {
    this.out = out;
  }

  @Override
  public void onEvent(SseEvent upstream, Consumer<SseEvent> client) {
    String data = upstream.data().strip();
    if (ended || data.isEmpty()) {
      return;
    }
    start(client);
    if (data.equals("[DONE]")) {
      finish(client, Outcome.COMPLETED);
      complete(client);
      return;
    }
    JsonNode chunk;
    try {
      chunk = Json.MAPPER.readTree(data);
    } catch (JsonProcessingException e) {
      fail(client, "server_error", "The upstream sent a stream event that is not JSON.");
      return;
    }
    if (chunk.has("error")) {
      upstreamError(client, chunk.get("error"));
      return;
    }
    for (JsonNode choice : chunk.path("choices")) {
      if (choice.path("index").asInt(0) == 0) {
        choice(client, choice);
      }
    }
    if (chunk.path("usage").isObject()) {
      usage = ResponsesOutput.usage(chunk.get("usage"));
    }
    if (finished && !usage.isNull()) {
      complete(client);
    }
  }

  @Override
  public void onEnd(Consumer<SseEvent> client) {
    if (ended) {
      return;
    }
    start(client);
    if (finished) {
      complete(client);
    } else {
      fail(client, "server_error", "The upstream stream ended before the response was finished.");
    }
  }

  private void choice(Consumer<SseEvent> client, JsonNode choice) {
    JsonNode delta = choice.path("delta");
    if (!finished) {
      onText(client, text(delta.path("content")) + text(delta.path("refusal")));
      for (JsonNode fragment : delta.path("tool_calls")) {
        toolCall(client, fragment);
      }
    }
    JsonNode finishReason = choice.path("finish_reason");
    if (finishReason.isTextual()) {
      finish(client, Outcome.of(finishReason.asText()));
    }
  }

  private void onText(Consumer<SseEvent> client, String text) {
    if (text.isEmpty()) {
      return;
    }
    if (!calls.isEmpty()) {
      trailingText.append(text);
      return;
    }
    if (message == null) {
      openMessage(client);
    }
    textDelta(client, text);
  }

  /**
   * Takes one {@code tool_calls[]} fragment. A fragment without {@code index} (seen on some
   * OpenAI-compatible servers) starts a new call when it carries an id and continues the last call
   * otherwise.
   */
  private void toolCall(Consumer<SseEvent> client, JsonNode fragment) {
    int index =
        fragment.path("index").asInt(fragment.hasNonNull("id") ? calls.size() : calls.size() - 1);
    JsonNode function = fragment.path("function");
    Call call = calls.get(index);
    if (call == null) {
      closeMessage(client);
      String callId = text(fragment.path("id"));
      call = new Call(callId.isEmpty() ? out.newId("call") : callId, text(function.path("name")));
      calls.put(index, call);
      if (calls.size() == 1 && !out.isCustom(call.name)) {
        call.live = true;
        openCall(client, call);
      }
    } else if (call.name.isEmpty()) {
      call.name = text(function.path("name"));
    }
    String arguments = text(function.path("arguments"));
    call.arguments.append(arguments);
    if (call.live && !arguments.isEmpty()) {
      emit(
          client,
          itemEvent("response.function_call_arguments.delta", call).put("delta", arguments));
    }
  }

  /** Closes every open item once the upstream finished; the response itself stays open. */
  private void finish(Consumer<SseEvent> client, Outcome outcome) {
    if (finished) {
      return;
    }
    finished = true;
    this.outcome = outcome;
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
    message = new Message(out.newId("msg"), output.size());
    ObjectNode added = event("response.output_item.added").put("output_index", message.index);
    added.set("item", out.message(message.id, "in_progress", array()));
    emit(client, added);
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
    itemDone(
        client,
        message.index,
        out.message(message.id, "completed", array().add(ResponsesOutput.textPart(text))));
    message = null;
  }

  private void openCall(Consumer<SseEvent> client, Call call) {
    call.itemId = out.newCallItemId(call.name);
    call.index = output.size();
    ObjectNode added = event("response.output_item.added").put("output_index", call.index);
    added.set("item", out.callInProgress(call.itemId, call.callId, call.name));
    emit(client, added);
  }

  /**
   * Sends a call's remaining events: for a buffered call, its opening and one delta with the whole
   * arguments or unwrapped input; then the {@code .done} event and the complete item.
   */
  private void closeCall(Consumer<SseEvent> client, Call call) {
    if (!call.live) {
      openCall(client, call);
    }
    ObjectNode item = out.call(call.itemId, call.callId, call.name, call.arguments.toString());
    if (out.isCustom(call.name)) {
      String input = text(item.path("input"));
      if (!input.isEmpty()) {
        emit(client, itemEvent("response.custom_tool_call_input.delta", call).put("delta", input));
      }
      emit(client, itemEvent("response.custom_tool_call_input.done", call).put("input", input));
    } else {
      String arguments = text(item.path("arguments"));
      if (!call.live && !call.arguments.isEmpty()) {
        emit(
            client,
            itemEvent("response.function_call_arguments.delta", call).put("delta", arguments));
      }
      emit(
          client,
          itemEvent("response.function_call_arguments.done", call)
              .put("name", text(item.path("name")))
              .put("arguments", arguments));
    }
    itemDone(client, call.index, item);
  }

  private void itemDone(Consumer<SseEvent> client, int index, ObjectNode item) {
    ObjectNode done = event("response.output_item.done").put("output_index", index);
    done.set("item", item);
    emit(client, done);
    output.add(item);
  }

  private void start(Consumer<SseEvent> client) {
    if (started) {
      return;
    }
    started = true;
    ObjectNode response = out.inProgress();
    emit(client, responseEvent("response.created", response));
    emit(client, responseEvent("response.in_progress", response));
  }

  private void complete(Consumer<SseEvent> client) {
    ended = true;
    emit(client, responseEvent(outcome.event(), out.finished(outcome, output, usage)));
  }

  private void upstreamError(Consumer<SseEvent> client, JsonNode error) {
    String code = text(error.path("code"));
    String description = error.isTextual() ? error.asText() : text(error.path("message"));
    fail(
        client,
        code.isEmpty() ? "server_error" : code,
        description.isEmpty() ? "The upstream reported an error." : description);
  }

  private void fail(Consumer<SseEvent> client, String code, String description) {
    ended = true;
    emit(client, responseEvent("response.failed", out.failed(code, description, output, usage)));
  }

  private ObjectNode event(String type) {
    return object().put("type", type).put("sequence_number", sequence++);
  }

  private ObjectNode responseEvent(String type, ObjectNode response) {
    ObjectNode event = event(type);
    event.set("response", response);
    return event;
  }

  private ObjectNode itemEvent(String type, Call call) {
    return event(type).put("item_id", call.itemId).put("output_index", call.index);
  }

  private ObjectNode contentEvent(String type) {
    return event(type)
        .put("item_id", message.id)
        .put("output_index", message.index)
        .put("content_index", 0);
  }

  private ObjectNode partEvent(String type, String text) {
    ObjectNode event = contentEvent(type);
    event.set("part", ResponsesOutput.textPart(text));
    return event;
  }

  private static void emit(Consumer<SseEvent> client, ObjectNode event) {
    client.accept(SseEvent.of(text(event.path("type")), event.toString()));
  }
}
