package dev.codevector.internal.translate;

import static dev.codevector.internal.translate.TranslateTesting.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class ChatStreamReaderTest {
  private static final String LONG_NAME =
      "mcp__some_very_long_server_name__and_an_even_longer_tool_name_for_testing";

  private static String chunk(String choice, String usage) {
    return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":["
        + choice
        + "],\"usage\":"
        + usage
        + "}";
  }

  private static String delta(String delta, String finishReason) {
    return chunk(
        "{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finishReason + "}", "null");
  }

  private static List<ReplyEvent> read(ReplyStreamReader reader, String... upstream) {
    List<ReplyEvent> reply = new ArrayList<>();
    for (String line : upstream) {
      reader.onEvent(event(line), reply::add);
    }
    return reply;
  }

  @Test
  void chunksAreReadIntoReplyEventsInOrder() {
    ToolNames names = new ToolNames();
    String shortName = names.shorten(LONG_NAME);

    List<ReplyEvent> reply =
        read(
            new ChatStreamReader(names),
            delta("{\"role\":\"assistant\",\"content\":\"\"}", "null"),
            delta("{\"reasoning_content\":\"hmm\",\"content\":\"Hi\"}", "null"),
            delta(
                "{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"function\":{\"name\":\""
                    + shortName
                    + "\",\"arguments\":\"{\\\"a\\\"\"}}]}",
                "null"),
            delta("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\":1}\"}}]}", "null"),
            delta("{}", "\"stop\""),
            delta("{\"content\":\"after the finish\"}", "null"),
            chunk("", "{\"prompt_tokens\":9,\"completion_tokens\":4}"),
            "[DONE]",
            delta("{\"content\":\"after the end\"}", "null"));

    assertEquals(
        List.of(
            new ReplyEvent.Started("chatcmpl-1"),
            new ReplyEvent.ReasoningDelta("hmm"),
            new ReplyEvent.TextDelta("Hi"),
            new ReplyEvent.ToolCallStarted(0, "call_1", LONG_NAME),
            new ReplyEvent.ToolArgumentsDelta(0, "{\"a\""),
            new ReplyEvent.ToolArgumentsDelta(0, ":1}"),
            new ReplyEvent.Finished(StopReason.TOOL_USE, Optional.empty()),
            new ReplyEvent.UsageReported(new TokenUsage(9, 0, 0, 4, 0)),
            new ReplyEvent.Completed()),
        reply);
  }

  @Test
  void upstreamErrorFailsTheStreamWithItsStatusAndNothingIsReadAfterIt() {
    List<ReplyEvent> reply =
        read(
            new ChatStreamReader(new ToolNames()),
            "{\"error\":{\"message\":\"slow down\",\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}}",
            delta("{\"content\":\"more\"}", "null"));

    assertEquals(List.of(new ReplyEvent.Failed(429, "slow down")), reply);
  }

  @Test
  void unreadableDataFailsTheStream() {
    List<ReplyEvent> reply = read(new ChatStreamReader(new ToolNames()), "{\"choices\":[");

    assertEquals(
        List.of(new ReplyEvent.Failed(502, "upstream sent an unreadable stream event")), reply);
  }
}
