package dev.codevector.internal.translate;

import static dev.codevector.internal.translate.ResponsesToChatTesting.json;
import static dev.codevector.internal.translate.ResponsesToChatTesting.ofType;
import static dev.codevector.internal.translate.ResponsesToChatTesting.types;
import static dev.codevector.internal.translate.TranslateTesting.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.codevector.wire.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class ResponsesStreamWriterTest {

  private static final Part.Seal REDACTED =
      new Part.Seal(Part.Seal.Family.ANTHROPIC, "opaque-data", true);

  @Test
  void redactedThinkingIsOneReasoningItemWithoutSummaryEvents() {
    List<JsonNode> events =
        write(
            true,
            new ReplyEvent.Started("msg_1"),
            new ReplyEvent.ReasoningSealed(REDACTED),
            new ReplyEvent.TextDelta("Hi"),
            new ReplyEvent.Finished(StopReason.END_TURN, Optional.empty()),
            new ReplyEvent.Completed());

    JsonNode reasoning = ofType(events, "response.output_item.done").get(0).path("item");
    assertEquals(
        List.of(
            "response.created",
            "response.in_progress",
            "response.output_item.added",
            "response.output_item.done",
            "response.output_item.added",
            "response.content_part.added",
            "response.output_text.delta",
            "response.output_text.done",
            "response.content_part.done",
            "response.output_item.done",
            "response.completed"),
        types(events));
    assertEquals(
        Optional.of(new Part.Reasoning("", Optional.of(REDACTED))),
        ResponsesReasoning.read(reasoning));
  }

  @Test
  void reasoningTextStaysOutOfTheStreamWhenNoSummaryWasAsked() {
    List<JsonNode> events =
        write(
            false,
            new ReplyEvent.ReasoningDelta("secret plan"),
            new ReplyEvent.TextDelta("Hi"),
            new ReplyEvent.Finished(StopReason.END_TURN, Optional.empty()),
            new ReplyEvent.Completed());

    JsonNode reasoning = ofType(events, "response.output_item.done").get(0).path("item");
    assertJson(
        "{\"id\":" + reasoning.path("id") + ",\"type\":\"reasoning\",\"summary\":[]}", reasoning);
    assertEquals(0, ofType(events, "response.reasoning_summary_text.delta").size());
  }

  @Test
  void maxTokensEndsWithResponseIncomplete() {
    List<JsonNode> events =
        write(
            false,
            new ReplyEvent.TextDelta("Hel"),
            new ReplyEvent.Finished(StopReason.MAX_TOKENS, Optional.empty()),
            new ReplyEvent.UsageReported(new TokenUsage(5, 0, 0, 1, 0)));

    JsonNode last = events.get(events.size() - 1);
    assertEquals("response.incomplete", last.path("type").asText());
    assertEquals("max_output_tokens", last.at("/response/incomplete_details/reason").asText());
    assertEquals(6, last.at("/response/usage/total_tokens").asInt());
  }

  @Test
  void aStreamThatFinishedIsCompleteWithoutItsEndMarker() {
    List<JsonNode> events =
        write(
            false,
            new ReplyEvent.TextDelta("Hello"),
            new ReplyEvent.Finished(StopReason.END_TURN, Optional.empty()));

    JsonNode last = events.get(events.size() - 1);
    assertEquals("response.completed", last.path("type").asText());
    assertEquals("Hello", last.at("/response/output/0/content/0/text").asText());
    assertEquals(0, ofType(events, "response.failed").size());
  }

  @Test
  void aStreamCutOffBeforeItsFinishFails() {
    List<JsonNode> events = write(false, new ReplyEvent.TextDelta("Hel"));

    JsonNode last = events.get(events.size() - 1);
    assertEquals("response.failed", last.path("type").asText());
    assertEquals("server_error", last.at("/response/error/code").asText());
  }

  @Test
  void rateLimitFailureCarriesItsResponsesCode() {
    List<JsonNode> events =
        write(false, new ReplyEvent.TextDelta("Hel"), new ReplyEvent.Failed(429, "slow down"));

    JsonNode last = events.get(events.size() - 1);
    assertEquals(
        json("{\"code\":\"rate_limit_exceeded\",\"message\":\"slow down\"}"),
        last.at("/response/error"));
    assertEquals(1, ofType(events, "response.failed").size());
  }

  /** Writes reply events, then ends the stream; returns the data of every client event. */
  private static List<JsonNode> write(boolean showReasoning, ReplyEvent... reply) {
    ResponsesStreamWriter writer =
        new ResponsesStreamWriter(
            new ResponsesItems(
                1L, "codex-model", new ResponsesTools(MissingNode.getInstance()), showReasoning));
    List<SseEvent> events = new ArrayList<>();
    for (ReplyEvent event : reply) {
      writer.onEvent(event, events::add);
    }
    writer.onEnd(events::add);
    List<JsonNode> data = new ArrayList<>();
    for (SseEvent event : events) {
      data.add(json(event.data()));
    }
    return data;
  }
}
