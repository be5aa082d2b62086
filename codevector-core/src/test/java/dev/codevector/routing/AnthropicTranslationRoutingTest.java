package dev.codevector.routing;

import static dev.codevector.testing.RouterHarness.body;
import static dev.codevector.testing.RouterHarness.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.registry.BackendDefaults;
import dev.codevector.registry.ProviderKind;
import dev.codevector.testing.ClientFixtures;
import dev.codevector.testing.RouterHarness;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.SseEvent;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class AnthropicTranslationRoutingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MockWebServer chatUpstream = new MockWebServer();
  private final MockWebServer anthropicUpstream = new MockWebServer();
  private final RouterHarness harness = new RouterHarness();

  @BeforeEach
  void start() throws Exception {
    chatUpstream.start();
    anthropicUpstream.start();
    harness.publish(
        "claude-sonnet",
        BackendDefaults.none(),
        harness.chatModel(harness.openAiCompatible("kimi", chatUpstream), "kimi-k2.6"));
    harness.publish(
        "gpt-main",
        BackendDefaults.none(),
        harness.chatModel(
            harness.provider("anthropic", ProviderKind.ANTHROPIC, Map.of(), anthropicUpstream),
            "claude-sonnet-4-5"));
  }

  @AfterEach
  void stop() {
    harness.close();
    chatUpstream.close();
    anthropicUpstream.close();
  }

  @Test
  void claudeCodeOnAChatUpstreamGetsAWellFormedAnthropicStream() throws Exception {
    chatUpstream.enqueue(
        new MockResponse.Builder()
            .addHeader("content-type", "text/event-stream")
            .body(
                "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
                    + "\"content\":\"Hi there\"},\"finish_reason\":null}]}\n\n"
                    + "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},"
                    + "\"finish_reason\":\"stop\"}]}\n\n"
                    + "data: {\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":900,"
                    + "\"completion_tokens\":4,\"total_tokens\":904,"
                    + "\"prompt_tokens_details\":{\"cached_tokens\":800}}}\n\n"
                    + "data: [DONE]\n\n")
            .build());

    List<SseEvent> events;
    try (RouteResponse response =
        harness
            .codeVector
            .router()
            .route(
                RouteRequest.of(
                    Dialect.ANTHROPIC_MESSAGES,
                    ClientFixtures.body("claude-code_print_basic.json", 0, "claude-sonnet")))) {
      events = events(response);
      assertEquals(new Usage(100, 800, 0, 4), response.usage());
    }

    assertEquals(
        List.of(
            "message_start",
            "content_block_start",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop"),
        events.stream().map(e -> e.name().orElseThrow()).toList());
    JsonNode delta = JSON.readTree(events.get(4).data());
    assertEquals("end_turn", delta.get("delta").get("stop_reason").asText());
    JsonNode sent = JSON.readTree(chatUpstream.takeRequest().getBody().utf8());
    assertEquals("kimi-k2.6", sent.get("model").asText());
    assertEquals("system", sent.get("messages").get(0).get("role").asText());
    assertFalse(sent.toString().contains("cache_control"));
    assertTrue(sent.get("stream_options").get("include_usage").asBoolean());
  }

  @Test
  void openAiClientOnAnAnthropicUpstreamGetsAChatCompletion() throws Exception {
    anthropicUpstream.enqueue(
        new MockResponse.Builder()
            .body(
                "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude\","
                    + "\"content\":[{\"type\":\"text\",\"text\":\"Hello\"}],\"stop_reason\":\"end_turn\","
                    + "\"usage\":{\"input_tokens\":10,\"cache_read_input_tokens\":5,"
                    + "\"cache_creation_input_tokens\":0,\"output_tokens\":2}}")
            .build());

    try (RouteResponse response =
        harness.route(
            Dialect.OPENAI_CHAT,
            "{\"model\":\"gpt-main\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"Hi\"}]}")) {
      JsonNode answer = JSON.readTree(body(response));
      assertEquals("Hello", answer.get("choices").get(0).get("message").get("content").asText());
      assertEquals("stop", answer.get("choices").get(0).get("finish_reason").asText());
      assertEquals("gpt-main", answer.get("model").asText());
      assertEquals(15, answer.get("usage").get("prompt_tokens").asInt());
      assertEquals(new Usage(10, 5, 0, 2), response.usage());
    }

    var received = anthropicUpstream.takeRequest();
    assertEquals("/v1/messages", received.getUrl().encodedPath());
    JsonNode sent = JSON.readTree(received.getBody().utf8());
    assertEquals("Be brief.", sent.get("system").asText());
    assertEquals(8192, sent.get("max_tokens").asInt());
    assertEquals("2023-06-01", received.getHeaders().get("anthropic-version"));
  }
}
