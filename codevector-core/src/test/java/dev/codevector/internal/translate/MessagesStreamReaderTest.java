package dev.codevector.internal.translate;

import static dev.codevector.internal.translate.TranslateTesting.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class MessagesStreamReaderTest {

  private static List<ReplyEvent> read(String... lines) {
    MessagesStreamReader reader = new MessagesStreamReader();
    List<ReplyEvent> events = new ArrayList<>();
    for (String line : lines) {
      reader.onEvent(event(line), events::add);
    }
    return events;
  }

  @Test
  void streamWithThinkingTextAndToolUseIsReadEventByEvent() {
    List<ReplyEvent> events =
        read(
            """
            message_start {"type":"message_start","message":{"id":"msg_7","type":"message",\
            "role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,\
            "stop_sequence":null,"usage":{"input_tokens":12,"cache_creation_input_tokens":0,\
            "cache_read_input_tokens":300,"output_tokens":1}}}""",
            """
            content_block_start {"type":"content_block_start","index":0,\
            "content_block":{"type":"thinking","thinking":""}}""",
            "ping {\"type\":\"ping\"}",
            """
            content_block_delta {"type":"content_block_delta","index":0,\
            "delta":{"type":"thinking_delta","thinking":"The user wants"}}""",
            """
            content_block_delta {"type":"content_block_delta","index":0,\
            "delta":{"type":"thinking_delta","thinking":" the weather."}}""",
            """
            content_block_delta {"type":"content_block_delta","index":0,\
            "delta":{"type":"signature_delta","signature":"EqQBsig"}}""",
            "content_block_stop {\"type\":\"content_block_stop\",\"index\":0}",
            """
            content_block_start {"type":"content_block_start","index":1,\
            "content_block":{"type":"redacted_thinking","data":"EmwKredacted"}}""",
            "content_block_stop {\"type\":\"content_block_stop\",\"index\":1}",
            """
            content_block_start {"type":"content_block_start","index":2,\
            "content_block":{"type":"text","text":""}}""",
            """
            content_block_delta {"type":"content_block_delta","index":2,\
            "delta":{"type":"text_delta","text":"Checking."}}""",
            "content_block_stop {\"type\":\"content_block_stop\",\"index\":2}",
            """
            content_block_start {"type":"content_block_start","index":3,\
            "content_block":{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{}}}""",
            """
            content_block_delta {"type":"content_block_delta","index":3,\
            "delta":{"type":"input_json_delta","partial_json":""}}""",
            """
            content_block_delta {"type":"content_block_delta","index":3,\
            "delta":{"type":"input_json_delta","partial_json":"{\\"city\\": \\"Oslo\\"}"}}""",
            "content_block_stop {\"type\":\"content_block_stop\",\"index\":3}",
            """
            content_block_start {"type":"content_block_start","index":4,\
            "content_block":{"type":"tool_use","id":"toolu_2","name":"now","input":{}}}""",
            "content_block_stop {\"type\":\"content_block_stop\",\"index\":4}",
            """
            message_delta {"type":"message_delta","delta":{"stop_reason":"tool_use",\
            "stop_sequence":null},"usage":{"output_tokens":87}}""",
            "message_stop {\"type\":\"message_stop\"}");

    assertEquals(
        List.of(
            new ReplyEvent.Started("msg_7"),
            new ReplyEvent.UsageReported(new TokenUsage(12, 300, 0, 1, 0)),
            new ReplyEvent.ReasoningDelta("The user wants"),
            new ReplyEvent.ReasoningDelta(" the weather."),
            new ReplyEvent.ReasoningSealed(
                new Part.Seal(Part.Seal.Family.ANTHROPIC, "EqQBsig", false)),
            new ReplyEvent.ReasoningSealed(
                new Part.Seal(Part.Seal.Family.ANTHROPIC, "EmwKredacted", true)),
            new ReplyEvent.TextDelta("Checking."),
            new ReplyEvent.ToolCallStarted(0, "toolu_1", "get_weather"),
            new ReplyEvent.ToolArgumentsDelta(0, "{\"city\": \"Oslo\"}"),
            new ReplyEvent.ToolCallStarted(1, "toolu_2", "now"),
            new ReplyEvent.ToolArgumentsDelta(1, "{}"),
            new ReplyEvent.Finished(StopReason.TOOL_USE, Optional.empty()),
            new ReplyEvent.UsageReported(new TokenUsage(12, 300, 0, 87, 0)),
            new ReplyEvent.Completed()),
        events);
  }

  @Test
  void stopSequenceIsReadFromTheMessageDelta() {
    List<ReplyEvent> events =
        read(
            """
            message_delta {"type":"message_delta","delta":{"stop_reason":"stop_sequence",\
            "stop_sequence":"END"},"usage":{"output_tokens":3}}""");

    assertEquals(
        new ReplyEvent.Finished(StopReason.STOP_SEQUENCE, Optional.of("END")), events.get(0));
  }

  @Test
  void overloadedErrorFailsWith529AndNothingIsReadAfterIt() {
    List<ReplyEvent> events =
        read(
            """
            error {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""",
            "message_stop {\"type\":\"message_stop\"}");

    assertEquals(List.of(new ReplyEvent.Failed(529, "Overloaded")), events);
  }

  @Test
  void rateLimitErrorFailsWith429() {
    List<ReplyEvent> events =
        read(
            """
            error {"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}""");

    assertEquals(List.of(new ReplyEvent.Failed(429, "slow down")), events);
  }

  @Test
  void apiErrorFailsWith500() {
    List<ReplyEvent> events =
        read("error {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"boom\"}}");

    assertEquals(List.of(new ReplyEvent.Failed(500, "boom")), events);
  }

  @Test
  void unreadableDataFailsWith502() {
    List<ReplyEvent> events = read("content_block_delta {oops");

    assertEquals(
        List.of(new ReplyEvent.Failed(502, "upstream sent an unreadable stream event")), events);
  }
}
