package dev.codevector.internal.translate;

import static dev.codevector.internal.translate.TranslateTesting.assertEvents;
import static dev.codevector.internal.translate.TranslateTesting.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.wire.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

final class ChatClientTest {
  private final ChatClient client = new ChatClient("smart", 7L);

  private static List<SseEvent> write(ReplyStreamWriter writer, ReplyEvent... events) {
    List<SseEvent> out = new ArrayList<>();
    for (ReplyEvent event : events) {
      writer.onEvent(event, out::add);
    }
    writer.onEnd(out::add);
    return out;
  }

  @Test
  void toolMessagesBecomeResultsInOneUserTurnAfterTheCalls() {
    Conversation conversation =
        client.read(
            json(
                """
                {"messages":[{"role":"system","content":"Be brief."},
                 {"role":"user","content":"go"},
                 {"role":"assistant","content":"On it.","tool_calls":[
                   {"id":"a","type":"function","function":{"name":"x","arguments":""}},
                   {"id":"b","type":"function","function":{"name":"y","arguments":"{\\"q\\":1}"}}]},
                 {"role":"tool","tool_call_id":"a","content":"one"},
                 {"role":"tool","tool_call_id":"b","content":[{"type":"text","text":"two"}]}]}
                """));

    assertEquals(
        List.of(
            Turn.of(Turn.Role.SYSTEM, Part.Text.of("Be brief.")),
            Turn.of(Turn.Role.USER, Part.Text.of("go")),
            Turn.of(
                Turn.Role.ASSISTANT,
                Part.Text.of("On it."),
                new Part.ToolCall("a", "x", "{}"),
                new Part.ToolCall("b", "y", "{\"q\":1}")),
            Turn.of(
                Turn.Role.USER,
                new Part.ToolResult("a", List.of(Part.Text.of("one")), false),
                new Part.ToolResult("b", List.of(Part.Text.of("two")), false))),
        conversation.turns());
  }

  @Test
  void reasoningEffortAsksForReasoningWithoutItsText() {
    Conversation conversation =
        client.read(
            json(
                "{\"reasoning_effort\":\"low\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));

    assertEquals(
        Optional.of(new ReasoningRequest(Optional.of("low"), OptionalLong.empty(), false, false)),
        conversation.reasoning());
  }

  @Test
  void streamThatCompletesWithoutAStopReasonFinishesWithStop() {
    List<SseEvent> out =
        write(
            client.streamWriter(),
            new ReplyEvent.Started("msg_1"),
            new ReplyEvent.ReasoningDelta("hmm"),
            new ReplyEvent.TextDelta("Hi"),
            new ReplyEvent.Completed());

    assertEvents(
        out,
        "{\"id\":\"chatcmpl-msg_1\",\"object\":\"chat.completion.chunk\",\"created\":7,"
            + "\"model\":\"smart\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
            + "\"logprobs\":null,\"finish_reason\":null}]}",
        "{\"id\":\"chatcmpl-msg_1\",\"object\":\"chat.completion.chunk\",\"created\":7,"
            + "\"model\":\"smart\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"reasoning_content\":\"hmm\"},"
            + "\"logprobs\":null,\"finish_reason\":null}]}",
        "{\"id\":\"chatcmpl-msg_1\",\"object\":\"chat.completion.chunk\",\"created\":7,"
            + "\"model\":\"smart\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},"
            + "\"logprobs\":null,\"finish_reason\":null}]}",
        "{\"id\":\"chatcmpl-msg_1\",\"object\":\"chat.completion.chunk\",\"created\":7,"
            + "\"model\":\"smart\",\"choices\":[{\"index\":0,\"delta\":{},"
            + "\"logprobs\":null,\"finish_reason\":\"stop\"}]}",
        "[DONE]");
  }

  @Test
  void streamThatFinishedIsCompleteWithoutItsEndMarkerAndOneCutBeforeFails() {
    List<SseEvent> finished =
        write(
            client.streamWriter(),
            new ReplyEvent.Started("msg_1"),
            new ReplyEvent.Finished(StopReason.MAX_TOKENS, Optional.empty()));
    List<SseEvent> cut =
        write(
            client.streamWriter(), new ReplyEvent.Started("msg_1"), new ReplyEvent.TextDelta("a"));

    assertEquals(SseEvent.data("[DONE]"), finished.get(finished.size() - 1));
    assertTrue(finished.get(finished.size() - 2).data().contains("\"finish_reason\":\"length\""));
    assertTrue(cut.get(cut.size() - 1).data().contains("\"error\""), cut.toString());
  }

  @Test
  void failureIsWrittenWithTheErrorTypeOfItsStatus() {
    List<SseEvent> out =
        write(
            client.streamWriter(),
            new ReplyEvent.Failed(429, "slow down"),
            new ReplyEvent.Completed());

    assertEvents(
        out, "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\",\"code\":null}}");
  }
}
