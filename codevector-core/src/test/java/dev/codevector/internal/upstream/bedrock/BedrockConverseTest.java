package dev.codevector.internal.upstream.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.registry.BackendDefaults;
import dev.codevector.routing.RouteResponse;
import dev.codevector.testing.BedrockFrames;
import dev.codevector.testing.RouterHarness;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.SseEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Models other than Claude on Bedrock: OpenAI Chat Completions over Converse, both ways. */
final class BedrockConverseTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NOVA = "amazon.nova-pro-v1:0";
  private static final String TOOLS =
      "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\","
          + "\"description\":\"search\",\"parameters\":{\"type\":\"object\","
          + "\"properties\":{\"q\":{\"type\":\"string\"}},\"required\":[\"q\"]}}}]";
  private static final String STREAM_REQUEST =
      "{\"model\":\"nova\",\"stream\":true%s,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Find a bird\"}],"
          + TOOLS
          + "}";

  private final MockWebServer upstream = new MockWebServer();
  private final RouterHarness harness = new RouterHarness();

  @BeforeEach
  void start() throws Exception {
    upstream.start();
    harness.publish(
        "nova",
        BackendDefaults.none(),
        harness.chatModel(BedrockProviders.withKeys(harness, "aws", upstream), NOVA));
  }

  @AfterEach
  void stop() {
    harness.close();
    upstream.close();
  }

  @Test
  void chatRequestBecomesAConverseRequestWithToolsAndItsAnswerAChatCompletion() throws Exception {
    upstream.enqueue(
        BedrockProviders.json(
            200,
            "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"Checking.\"},"
                + "{\"toolUse\":{\"toolUseId\":\"tooluse_abc\",\"name\":\"lookup\","
                + "\"input\":{\"q\":\"bird\"}}}]}},\"stopReason\":\"tool_use\","
                + "\"usage\":{\"inputTokens\":100,\"outputTokens\":20,\"totalTokens\":170,"
                + "\"cacheReadInputTokens\":50,\"cacheWriteInputTokens\":0},"
                + "\"metrics\":{\"latencyMs\":300}}"));

    JsonNode answer;
    try (RouteResponse response =
        harness.route(
            Dialect.OPENAI_CHAT,
            "{\"model\":\"nova\",\"max_tokens\":300,\"temperature\":0.3,\"top_p\":0.9,"
                + "\"stop\":[\"END\"],\"messages\":["
                + "{\"role\":\"system\",\"content\":\"You are terse.\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is this?\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,iVBORw0K\"}}]},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
                + "{\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"lookup\",\"arguments\":\"{\\\"q\\\":\\\"cat\\\"}\"}},"
                + "{\"id\":\"call_2\",\"type\":\"function\","
                + "\"function\":{\"name\":\"lookup\",\"arguments\":\"{\\\"q\\\":\\\"dog\\\"}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"a tabby cat\"},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_2\",\"content\":\"a beagle\"}],"
                + TOOLS
                + ",\"tool_choice\":\"required\"}")) {
      assertEquals(200, response.status());
      answer = JSON.readTree(response.body());
    }

    RecordedRequest received = upstream.takeRequest();
    assertEquals("/model/amazon.nova-pro-v1%3A0/converse", received.getUrl().encodedPath());
    BedrockProviders.assertSigned(received);
    assertEquals(
        JSON.readTree(
            "{\"messages\":["
                + "{\"role\":\"user\",\"content\":[{\"text\":\"What is this?\"},"
                + "{\"image\":{\"format\":\"png\",\"source\":{\"bytes\":\"iVBORw0K\"}}}]},"
                + "{\"role\":\"assistant\",\"content\":["
                + "{\"toolUse\":{\"toolUseId\":\"call_1\",\"name\":\"lookup\",\"input\":{\"q\":\"cat\"}}},"
                + "{\"toolUse\":{\"toolUseId\":\"call_2\",\"name\":\"lookup\",\"input\":{\"q\":\"dog\"}}}]},"
                + "{\"role\":\"user\",\"content\":["
                + "{\"toolResult\":{\"toolUseId\":\"call_1\",\"content\":[{\"text\":\"a tabby cat\"}]}},"
                + "{\"toolResult\":{\"toolUseId\":\"call_2\",\"content\":[{\"text\":\"a beagle\"}]}}]}],"
                + "\"system\":[{\"text\":\"You are terse.\"}],"
                + "\"inferenceConfig\":{\"maxTokens\":300,\"temperature\":0.3,\"topP\":0.9,"
                + "\"stopSequences\":[\"END\"]},"
                + "\"toolConfig\":{\"tools\":[{\"toolSpec\":{\"name\":\"lookup\","
                + "\"description\":\"search\",\"inputSchema\":{\"json\":{\"type\":\"object\","
                + "\"properties\":{\"q\":{\"type\":\"string\"}},\"required\":[\"q\"]}}}}],"
                + "\"toolChoice\":{\"any\":{}}}}"),
        JSON.readTree(received.getBody().utf8()));
    assertEquals("chat.completion", answer.path("object").asText());
    assertEquals("nova", answer.path("model").asText());
    JsonNode choice = answer.path("choices").get(0);
    assertEquals("tool_calls", choice.path("finish_reason").asText());
    assertEquals("Checking.", choice.path("message").path("content").asText());
    assertEquals(
        JSON.readTree(
            "[{\"id\":\"tooluse_abc\",\"type\":\"function\","
                + "\"function\":{\"name\":\"lookup\",\"arguments\":\"{\\\"q\\\":\\\"bird\\\"}\"}}]"),
        choice.path("message").path("tool_calls"));
    assertEquals(
        JSON.readTree(
            "{\"prompt_tokens\":150,\"completion_tokens\":20,\"total_tokens\":170,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":50}}"),
        answer.path("usage"));
  }

  @Test
  void stopReasonsMapToFinishReasons() throws Exception {
    List<String> finishes = new ArrayList<>();
    for (String stop :
        List.of(
            "end_turn",
            "stop_sequence",
            "max_tokens",
            "guardrail_intervened",
            "content_filtered")) {
      upstream.enqueue(
          BedrockProviders.json(
              200,
              "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"x\"}]}},"
                  + "\"stopReason\":\""
                  + stop
                  + "\",\"usage\":{\"inputTokens\":1,\"outputTokens\":1,\"totalTokens\":2}}"));
      try (RouteResponse response =
          harness.route(
              Dialect.OPENAI_CHAT,
              "{\"model\":\"nova\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")) {
        finishes.add(
            JSON.readTree(response.body()).path("choices").get(0).path("finish_reason").asText());
      }
    }

    assertEquals(List.of("stop", "stop", "length", "content_filter", "content_filter"), finishes);
    // Only the output cap, which Anthropic Messages always carries, goes beyond what was asked.
    List<String> inference = new ArrayList<>();
    JSON.readTree(upstream.takeRequest().getBody().utf8())
        .path("inferenceConfig")
        .fieldNames()
        .forEachRemaining(inference::add);
    assertEquals(List.of("maxTokens"), inference);
  }

  @Test
  void converseStreamBecomesChatChunksWithToolCallsAndTheUsageChunk() throws Exception {
    upstream.enqueue(toolStream().response());

    List<JsonNode> chunks =
        chunks(String.format(STREAM_REQUEST, ",\"stream_options\":{\"include_usage\":true}"));

    RecordedRequest received = upstream.takeRequest();
    assertEquals("/model/amazon.nova-pro-v1%3A0/converse-stream", received.getUrl().encodedPath());
    assertEquals("application/vnd.amazon.eventstream", received.getHeaders().get("Accept"));
    assertEquals(
        "{\"auto\":{}}",
        JSON.readTree(received.getBody().utf8()).path("toolConfig").path("toolChoice").toString());
    assertEquals(9, chunks.size());
    assertEquals("assistant", delta(chunks.get(0)).path("role").asText());
    assertEquals("Let me", delta(chunks.get(1)).path("content").asText());
    assertEquals(" check.", delta(chunks.get(2)).path("content").asText());
    assertEquals(
        JSON.readTree(
            "[{\"index\":0,\"id\":\"tooluse_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"lookup\",\"arguments\":\"\"}}]"),
        delta(chunks.get(3)).path("tool_calls"));
    assertEquals(
        "{\"q\":",
        delta(chunks.get(4)).path("tool_calls").get(0).path("function").path("arguments").asText());
    assertEquals(
        "\"bird\"}",
        delta(chunks.get(5)).path("tool_calls").get(0).path("function").path("arguments").asText());
    assertEquals("tool_calls", chunks.get(6).path("choices").get(0).path("finish_reason").asText());
    assertEquals(0, chunks.get(7).path("choices").size());
    assertEquals(
        JSON.readTree(
            "{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":0}}"),
        chunks.get(7).path("usage"));
    assertEquals("[DONE]", chunks.get(8).asText());
  }

  @Test
  void anthropicClientReachesConverseWithoutTranslationAndGetsAWellFormedMessagesStream()
      throws Exception {
    upstream.enqueue(toolStream().response());
    List<String> types = new ArrayList<>();
    List<SseEvent> events;

    try (RouteResponse response =
        harness.route(
            Dialect.ANTHROPIC_MESSAGES,
            "{\"model\":\"nova\",\"max_tokens\":64,\"stream\":true,\"system\":\"Be brief.\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Where is the bird?\"}],"
                + "\"tools\":[{\"name\":\"lookup\",\"input_schema\":{\"type\":\"object\"}}]}")) {
      events = RouterHarness.events(response);
      assertEquals(10, response.usage().inputTokens());
    }

    JsonNode sent = JSON.readTree(upstream.takeRequest().getBody().utf8());
    assertEquals("[{\"text\":\"Be brief.\"}]", sent.path("system").toString());
    assertEquals(
        "[{\"role\":\"user\",\"content\":[{\"text\":\"Where is the bird?\"}]}]",
        sent.path("messages").toString());
    assertEquals(64, sent.path("inferenceConfig").path("maxTokens").asInt());
    for (SseEvent event : events) {
      types.add(event.name().orElseThrow());
    }
    assertEquals(
        List.of(
            "message_start",
            "content_block_start",
            "content_block_delta",
            "content_block_delta",
            "content_block_stop",
            "content_block_start",
            "content_block_delta",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop"),
        types);
    JsonNode start = JSON.readTree(events.get(0).data()).path("message");
    assertEquals("nova", start.path("model").asText());
    assertTrue(start.path("id").asText().startsWith("msg_bdrk_"), start.toString());
    assertEquals(
        "{\"type\":\"text\",\"text\":\"\"}",
        JSON.readTree(events.get(1).data()).path("content_block").toString());
    assertEquals(
        "tool_use", JSON.readTree(events.get(9).data()).path("delta").path("stop_reason").asText());
  }

  @Test
  void usageChunkIsKeptFromAClientThatDidNotAskButItsUsageIsRecorded() throws Exception {
    upstream.enqueue(toolStream().response());

    try (RouteResponse response =
        harness.route(Dialect.OPENAI_CHAT, String.format(STREAM_REQUEST, ""))) {
      List<SseEvent> events = RouterHarness.events(response);
      assertEquals(8, events.size());
      assertTrue(events.stream().noneMatch(e -> e.data().contains("\"choices\":[]")));
      assertEquals("[DONE]", events.get(7).data());
      assertEquals(10, response.usage().inputTokens());
      assertEquals(5, response.usage().outputTokens());
    }
  }

  @Test
  void exceptionFrameMidStreamEndsWithAChatErrorChunk() throws Exception {
    upstream.enqueue(
        new BedrockFrames()
            .event("messageStart", "{\"role\":\"assistant\"}")
            .event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"}}")
            .exception("modelStreamErrorException", "Model failed mid-answer")
            .response());

    List<JsonNode> chunks = chunks(String.format(STREAM_REQUEST, ""));

    assertEquals(3, chunks.size());
    assertEquals("Model failed mid-answer", chunks.get(2).path("error").path("message").asText());
  }

  @Test
  void corruptFrameEndsTheChatStreamWithAnError() throws Exception {
    upstream.enqueue(
        new BedrockFrames()
            .event("messageStart", "{\"role\":\"assistant\"}")
            .event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"}}")
            .corruptLast()
            .response());

    List<JsonNode> chunks = chunks(String.format(STREAM_REQUEST, ""));

    assertEquals(2, chunks.size());
    assertTrue(
        chunks.get(1).path("error").path("message").asText().contains("corrupt"),
        chunks.get(1).toString());
  }

  @Test
  void validationExceptionIsAnOpenAiErrorWithItsStatus() throws Exception {
    upstream.enqueue(
        BedrockProviders.error(
            400,
            "ValidationException:http://internal.amazon.com/coral/",
            "{\"message\":\"The model returned the following errors: bad input\"}"));

    try (RouteResponse response =
        harness.route(
            Dialect.OPENAI_CHAT,
            "{\"model\":\"nova\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")) {
      assertEquals(400, response.status());
      assertEquals(
          JSON.readTree(
              "{\"error\":{\"message\":\"The model returned the following errors: bad input\","
                  + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}"),
          JSON.readTree(response.body()));
    }
  }

  @Test
  void toolChoiceNoneLeavesToolsOutUnlessTheHistoryUsesThem() throws Exception {
    upstream.enqueue(
        BedrockProviders.json(200, "{\"output\":{\"message\":{\"content\":[]}},\"usage\":{}}"));
    upstream.enqueue(
        BedrockProviders.json(200, "{\"output\":{\"message\":{\"content\":[]}},\"usage\":{}}"));

    harness
        .route(
            Dialect.OPENAI_CHAT,
            "{\"model\":\"nova\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
                + TOOLS
                + ",\"tool_choice\":\"none\"}")
        .close();
    harness
        .route(
            Dialect.OPENAI_CHAT,
            "{\"model\":\"nova\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
                + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"lookup\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"none found\"}],"
                + TOOLS
                + ",\"tool_choice\":\"none\"}")
        .close();

    assertFalse(body(upstream.takeRequest()).has("toolConfig"));
    JsonNode withHistory = body(upstream.takeRequest()).path("toolConfig");
    assertEquals("lookup", withHistory.path("tools").get(0).path("toolSpec").path("name").asText());
    assertFalse(withHistory.has("toolChoice"));
  }

  @Test
  void imageByUrlIsRefusedWithoutCallingBedrock() throws Exception {
    try (RouteResponse response =
        harness.route(
            Dialect.OPENAI_CHAT,
            "{\"model\":\"nova\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/a.png\"}}]}]}")) {
      assertEquals(400, response.status());
      assertTrue(
          JSON.readTree(response.body()).path("error").path("message").asText().contains("base64"));
    }
    assertEquals(0, upstream.getRequestCount());
  }

  @Test
  void anthropicClientStreamsFromAConverseModelThroughTheChatTranslation() throws Exception {
    upstream.enqueue(toolStream().response());

    List<SseEvent> events;
    try (RouteResponse response =
        harness.route(
            Dialect.ANTHROPIC_MESSAGES,
            "{\"model\":\"nova\",\"max_tokens\":100,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Find a bird\"}],"
                + "\"tools\":[{\"name\":\"lookup\",\"input_schema\":{\"type\":\"object\"}}]}")) {
      events = RouterHarness.events(response);
    }

    assertEquals(
        "/model/amazon.nova-pro-v1%3A0/converse-stream",
        upstream.takeRequest().getUrl().encodedPath());
    assertEquals("message_start", events.get(0).name().orElseThrow());
    assertEquals("message_stop", events.get(events.size() - 1).name().orElseThrow());
    JsonNode toolUse = JSON.readTree(first(events, "content_block_start", "tool_use").data());
    assertEquals("lookup", toolUse.path("content_block").path("name").asText());
    JsonNode messageDelta = JSON.readTree(first(events, "message_delta", "").data());
    assertEquals("tool_use", messageDelta.path("delta").path("stop_reason").asText());
    assertEquals(5, messageDelta.path("usage").path("output_tokens").asInt());
  }

  private static SseEvent first(List<SseEvent> events, String name, String containing) {
    return events.stream()
        .filter(e -> e.name().orElse("").equals(name) && e.data().contains(containing))
        .findFirst()
        .orElseThrow();
  }

  private static BedrockFrames toolStream() {
    return new BedrockFrames()
        .event("messageStart", "{\"role\":\"assistant\"}")
        .event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Let me\"}}")
        .event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\" check.\"}}")
        .event("contentBlockStop", "{\"contentBlockIndex\":0}")
        .event(
            "contentBlockStart",
            "{\"contentBlockIndex\":1,\"start\":{\"toolUse\":"
                + "{\"toolUseId\":\"tooluse_1\",\"name\":\"lookup\"}}}")
        .event(
            "contentBlockDelta",
            "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"{\\\"q\\\":\"}}}")
        .event(
            "contentBlockDelta",
            "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"\\\"bird\\\"}\"}}}")
        .event("contentBlockStop", "{\"contentBlockIndex\":1}")
        .event("messageStop", "{\"stopReason\":\"tool_use\"}")
        .event(
            "metadata",
            "{\"usage\":{\"inputTokens\":10,\"outputTokens\":5,\"totalTokens\":15},"
                + "\"metrics\":{\"latencyMs\":120}}");
  }

  /** Streams a request and returns each event's data as JSON ({@code [DONE]} as a text node). */
  private List<JsonNode> chunks(String request) throws IOException {
    List<JsonNode> chunks = new ArrayList<>();
    try (RouteResponse response = harness.route(Dialect.OPENAI_CHAT, request)) {
      for (SseEvent event : RouterHarness.events(response)) {
        chunks.add(
            event.data().equals("[DONE]")
                ? JSON.getNodeFactory().textNode("[DONE]")
                : JSON.readTree(event.data()));
      }
    }
    return chunks;
  }

  private static JsonNode delta(JsonNode chunk) {
    return chunk.path("choices").get(0).path("delta");
  }

  private static JsonNode body(RecordedRequest received) throws IOException {
    return JSON.readTree(received.getBody().utf8());
  }
}
