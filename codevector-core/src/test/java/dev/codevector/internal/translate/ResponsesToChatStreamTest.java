package dev.codevector.internal.translate;

import static dev.codevector.internal.translate.ResponsesToChatTesting.LS_REQUEST;
import static dev.codevector.internal.translate.ResponsesToChatTesting.afterRequest;
import static dev.codevector.internal.translate.ResponsesToChatTesting.callArguments;
import static dev.codevector.internal.translate.ResponsesToChatTesting.callStart;
import static dev.codevector.internal.translate.ResponsesToChatTesting.completedMessage;
import static dev.codevector.internal.translate.ResponsesToChatTesting.delta;
import static dev.codevector.internal.translate.ResponsesToChatTesting.finish;
import static dev.codevector.internal.translate.ResponsesToChatTesting.json;
import static dev.codevector.internal.translate.ResponsesToChatTesting.ofType;
import static dev.codevector.internal.translate.ResponsesToChatTesting.play;
import static dev.codevector.internal.translate.ResponsesToChatTesting.types;
import static dev.codevector.internal.translate.ResponsesToChatTesting.usageChunk;
import static dev.codevector.internal.translate.ResponsesToChatTesting.withoutId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codevector.wire.SseEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ResponsesToChatStreamTest {

  private static final String DONE = "[DONE]";

  private static final List<String> STARTED = List.of("response.created", "response.in_progress");

  private static final List<String> COMPLETED = List.of("response.completed");

  private static final String[] TEXT_STREAM = {
    delta("{\"role\":\"assistant\",\"content\":\"\"}"),
    delta("{\"content\":\"Hel\"}"),
    delta("{\"content\":\"lo\"}"),
    finish("stop"),
    usageChunk(80, 64, 21),
    DONE
  };

  @Test
  void textStreamSendsMessageEventsInOrder() {
    Translation translation = afterRequest("{\"input\":\"say hi\"}");

    List<JsonNode> events = play(translation, TEXT_STREAM);

    assertEquals(sequence(STARTED, message(2), COMPLETED), types(events));
  }

  @Test
  void sequenceNumbersCountFromZero() {
    Translation translation = afterRequest("{\"input\":\"say hi\"}");

    List<JsonNode> events = play(translation, TEXT_STREAM);

    for (int i = 0; i < events.size(); i++) {
      assertEquals(i, events.get(i).path("sequence_number").asInt());
    }
  }

  @Test
  void createdResponseIsInProgressWithoutOutput() {
    Translation translation = afterRequest("{\"input\":\"say hi\"}");

    JsonNode created = play(translation, TEXT_STREAM).get(0).path("response");

    assertTrue(created.path("id").asText().startsWith("resp_"));
    assertEquals("in_progress", created.path("status").asText());
    assertEquals("codex-model", created.path("model").asText());
    assertEquals(0, created.path("output").size());
  }

  @Test
  void textDeltasAndDoneCarryTheText() {
    Translation translation = afterRequest("{\"input\":\"say hi\"}");

    List<JsonNode> events = play(translation, TEXT_STREAM);

    assertEquals("Hel", ofType(events, "response.output_text.delta").get(0).path("delta").asText());
    assertEquals("lo", ofType(events, "response.output_text.delta").get(1).path("delta").asText());
    assertEquals("Hello", ofType(events, "response.output_text.done").get(0).path("text").asText());
  }

  @Test
  void messageItemDoneIsTheCompleteMessage() {
    Translation translation = afterRequest("{\"input\":\"say hi\"}");

    List<JsonNode> events = play(translation, TEXT_STREAM);

    JsonNode added = ofType(events, "response.output_item.added").get(0);
    JsonNode done = ofType(events, "response.output_item.done").get(0);
    assertEquals(0, done.path("output_index").asInt());
    assertEquals(added.at("/item/id"), done.at("/item/id"));
    assertEquals(completedMessage("Hello"), withoutId(done.path("item")));
  }

  @Test
  void completedResponseCarriesIdOutputAndUsage() {
    Translation translation = afterRequest("{\"input\":\"say hi\"}");

    List<JsonNode> events = play(translation, TEXT_STREAM);

    JsonNode created = events.get(0).path("response");
    JsonNode completed = events.get(events.size() - 1).path("response");
    assertEquals(created.path("id"), completed.path("id"));
    assertEquals("completed", completed.path("status").asText());
    assertEquals(
        ofType(events, "response.output_item.done").get(0).path("item"), completed.at("/output/0"));
    assertEquals(
        json(
            """
            {"input_tokens":80,"input_tokens_details":{"cached_tokens":64},
             "output_tokens":21,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":101}
            """),
        completed.path("usage"));
  }

  @Test
  void textThenToolCallSendsMessageThenFunctionCall() {
    Translation translation =
        afterRequest(
            "{\"input\":\"look\",\"tools\":[{\"type\":\"function\",\"name\":\"lookup\"}]}");

    List<JsonNode> events =
        play(
            translation,
            delta("{\"content\":\"Checking\"}"),
            callStart(0, "call_1", "lookup", ""),
            callArguments(0, "{\"q\":"),
            callArguments(0, "\"dog\"}"),
            finish("tool_calls"),
            usageChunk(80, 0, 21),
            DONE);

    assertEquals(sequence(STARTED, message(1), functionCall(2), COMPLETED), types(events));
    JsonNode callDone = ofType(events, "response.output_item.done").get(1);
    assertEquals(1, callDone.path("output_index").asInt());
    assertTrue(callDone.at("/item/id").asText().startsWith("fc_"));
    assertEquals("function_call", callDone.at("/item/type").asText());
    assertEquals("completed", callDone.at("/item/status").asText());
    assertEquals("call_1", callDone.at("/item/call_id").asText());
    assertEquals("lookup", callDone.at("/item/name").asText());
    assertEquals("{\"q\":\"dog\"}", callDone.at("/item/arguments").asText());
  }

  @Test
  void interleavedParallelToolCallsBecomeOneItemEachInOrder() {
    Translation translation = afterRequest(LS_REQUEST);

    List<JsonNode> events =
        play(
            translation,
            callStart(0, "call_a", "ls", ""),
            callStart(1, "call_b", "ls", ""),
            callArguments(0, "{\"p\":"),
            callArguments(1, "{\"q\":"),
            callArguments(0, "1}"),
            callArguments(1, "2}"),
            finish("tool_calls"),
            usageChunk(80, 0, 21),
            DONE);

    assertEquals(sequence(STARTED, functionCall(2), functionCall(1), COMPLETED), types(events));
    List<JsonNode> done = ofType(events, "response.output_item.done");
    assertEquals(0, done.get(0).path("output_index").asInt());
    assertEquals("call_a", done.get(0).at("/item/call_id").asText());
    assertEquals("{\"p\":1}", done.get(0).at("/item/arguments").asText());
    assertEquals(1, done.get(1).path("output_index").asInt());
    assertEquals("call_b", done.get(1).at("/item/call_id").asText());
    assertEquals("{\"q\":2}", done.get(1).at("/item/arguments").asText());
    assertEquals(2, events.get(events.size() - 1).at("/response/output").size());
  }

  @Test
  void argumentDeltasCarryTheirItemAndIndex() {
    Translation translation = afterRequest(LS_REQUEST);

    List<JsonNode> events =
        play(translation, callStart(0, "call_a", "ls", "{}"), finish("tool_calls"), DONE);

    JsonNode added = ofType(events, "response.output_item.added").get(0);
    JsonNode delta = ofType(events, "response.function_call_arguments.delta").get(0);
    assertEquals(added.at("/item/id"), delta.path("item_id"));
    assertEquals(0, delta.path("output_index").asInt());
    assertEquals("", added.at("/item/arguments").asText());
    assertEquals("in_progress", added.at("/item/status").asText());
  }

  @Test
  void customToolCallStreamsItsUnwrappedInput() {
    Translation translation =
        afterRequest(
            "{\"input\":\"patch\",\"tools\":[{\"type\":\"custom\",\"name\":\"apply_patch\"}]}");

    List<JsonNode> events =
        play(
            translation,
            callStart(0, "call_p", "apply_patch", "{\"input\":"),
            callArguments(0, "\"*** Begin Patch\\n*** End Patch\"}"),
            finish("tool_calls"),
            usageChunk(80, 0, 21),
            DONE);

    assertEquals(
        sequence(
            STARTED,
            List.of(
                "response.output_item.added",
                "response.custom_tool_call_input.delta",
                "response.custom_tool_call_input.done",
                "response.output_item.done"),
            COMPLETED),
        types(events));
    String patch = "*** Begin Patch\n*** End Patch";
    JsonNode added = ofType(events, "response.output_item.added").get(0);
    assertEquals("custom_tool_call", added.at("/item/type").asText());
    assertEquals("", added.at("/item/input").asText());
    assertEquals(
        patch,
        ofType(events, "response.custom_tool_call_input.delta").get(0).path("delta").asText());
    JsonNode item = ofType(events, "response.output_item.done").get(0).path("item");
    assertTrue(item.path("id").asText().startsWith("ctc_"));
    assertEquals("call_p", item.path("call_id").asText());
    assertEquals("apply_patch", item.path("name").asText());
    assertEquals(patch, item.path("input").asText());
  }

  @Test
  void responseCompletesOnlyOnceUsageArrivesAfterTheFinish() {
    StreamTranslator stream = afterRequest("{\"input\":\"say hi\"}").stream();
    List<SseEvent> events = new ArrayList<>();
    stream.onEvent(SseEvent.data(delta("{\"content\":\"Hi\"}")), events::add);
    stream.onEvent(SseEvent.data(finish("stop")), events::add);
    int afterFinish = events.size();

    stream.onEvent(SseEvent.data(usageChunk(80, 0, 21)), events::add);

    assertEquals("response.output_item.done", events.get(afterFinish - 1).name().orElseThrow());
    assertEquals(afterFinish + 1, events.size());
    JsonNode completed = json(events.get(afterFinish).data());
    assertEquals("response.completed", completed.path("type").asText());
    assertEquals(80, completed.at("/response/usage/input_tokens").asInt());
  }

  @Test
  void finishWithoutUsageCompletesAtDone() {
    Translation translation = afterRequest("{\"input\":\"say hi\"}");

    List<JsonNode> events = play(translation, delta("{\"content\":\"Hi\"}"), finish("stop"), DONE);

    JsonNode last = events.get(events.size() - 1);
    assertEquals("response.completed", last.path("type").asText());
    assertTrue(last.at("/response/usage").isNull());
  }

  @Test
  void lengthFinishEndsWithResponseIncomplete() {
    Translation translation = afterRequest("{\"input\":\"say hi\"}");

    List<JsonNode> events =
        play(translation, delta("{\"content\":\"Hel\"}"), finish("length"), usageChunk(8, 0, 1));

    JsonNode last = events.get(events.size() - 1);
    assertEquals("response.incomplete", last.path("type").asText());
    assertEquals("incomplete", last.at("/response/status").asText());
    assertEquals("max_output_tokens", last.at("/response/incomplete_details/reason").asText());
    assertEquals("Hel", last.at("/response/output/0/content/0/text").asText());
  }

  @Test
  void cutStreamEndsWithResponseFailed() {
    Translation translation = afterRequest("{\"input\":\"say hi\"}");

    List<JsonNode> events = play(translation, delta("{\"content\":\"Hel\"}"));

    JsonNode last = events.get(events.size() - 1);
    assertEquals("response.failed", last.path("type").asText());
    assertEquals("failed", last.at("/response/status").asText());
    assertEquals("server_error", last.at("/response/error/code").asText());
    assertTrue(last.at("/response/error/message").asText().contains("ended before"));
    assertEquals(1, ofType(events, "response.failed").size());
    assertTrue(ofType(events, "response.completed").isEmpty());
  }

  @Test
  void emptyUpstreamStreamEndsWithResponseFailed() {
    Translation translation = afterRequest("{\"input\":\"say hi\"}");

    List<JsonNode> events = play(translation);

    assertEquals(sequence(STARTED, List.of("response.failed")), types(events));
  }

  @Test
  void upstreamErrorEndsWithResponseFailed() {
    Translation translation = afterRequest("{\"input\":\"say hi\"}");

    List<JsonNode> events =
        play(
            translation,
            delta("{\"content\":\"Hel\"}"),
            "{\"error\":{\"message\":\"Rate limit reached; try again in 2s\","
                + "\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}",
            delta("{\"content\":\"lo\"}"));

    JsonNode last = events.get(events.size() - 1);
    assertEquals("response.failed", last.path("type").asText());
    assertEquals(
        json(
            """
            {"code":"rate_limit_exceeded","message":"Rate limit reached; try again in 2s"}
            """),
        last.at("/response/error"));
    assertEquals(1, ofType(events, "response.failed").size());
    assertEquals(1, ofType(events, "response.output_text.delta").size());
  }

  /** Returns the events of one message item streamed in the given number of deltas. */
  private static List<String> message(int deltas) {
    List<String> events = new ArrayList<>();
    events.add("response.output_item.added");
    events.add("response.content_part.added");
    events.addAll(Collections.nCopies(deltas, "response.output_text.delta"));
    events.add("response.output_text.done");
    events.add("response.content_part.done");
    events.add("response.output_item.done");
    return events;
  }

  /** Returns the events of one function call item streamed in the given number of deltas. */
  private static List<String> functionCall(int deltas) {
    List<String> events = new ArrayList<>();
    events.add("response.output_item.added");
    events.addAll(Collections.nCopies(deltas, "response.function_call_arguments.delta"));
    events.add("response.function_call_arguments.done");
    events.add("response.output_item.done");
    return events;
  }

  @SafeVarargs
  private static List<String> sequence(List<String>... parts) {
    List<String> events = new ArrayList<>();
    for (List<String> part : parts) {
      events.addAll(part);
    }
    return events;
  }
}
