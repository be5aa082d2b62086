package dev.codevector.routing;

import static dev.codevector.testing.RouterHarness.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.registry.BackendDefaults;
import dev.codevector.testing.ClientFixtures;
import dev.codevector.testing.RouterHarness;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.SseEvent;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class TranslatedRoutingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHAT_STREAM =
      "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
          + "\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n"
          + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
          + "\"delta\":{\"content\":\"Hello\"},\"finish_reason\":null}]}\n\n"
          + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
          + "\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
          + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
          + "\"usage\":{\"prompt_tokens\":30,\"completion_tokens\":2,\"total_tokens\":32}}\n\n"
          + "data: [DONE]\n\n";

  private final MockWebServer upstream = new MockWebServer();
  private final RouterHarness harness = new RouterHarness();

  @BeforeEach
  void start() throws Exception {
    upstream.start();
    harness.publish(
        "gpt-main",
        BackendDefaults.none(),
        harness.chatModel(harness.openAiCompatible("local", upstream), "qwen3-coder"));
  }

  @AfterEach
  void stop() {
    harness.close();
    upstream.close();
  }

  private RouteResponse routeCodexRequest() {
    return harness
        .codeVector
        .router()
        .route(
            RouteRequest.of(
                Dialect.OPENAI_RESPONSES,
                ClientFixtures.body("codex_exec_basic.json", 0, "gpt-main")));
  }

  @Test
  void codexRequestReachesAChatOnlyUpstreamAsAChatRequestAndStreamsBackAsResponses()
      throws Exception {
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("content-type", "text/event-stream")
            .body(CHAT_STREAM)
            .build());

    List<SseEvent> events;
    try (RouteResponse response = routeCodexRequest()) {
      events = events(response);
      assertEquals(new Usage(30, 0, 0, 2), response.usage());
    }

    JsonNode sent = JSON.readTree(upstream.takeRequest().getBody().utf8());
    assertEquals("qwen3-coder", sent.get("model").asText());
    assertEquals("system", sent.get("messages").get(0).get("role").asText());
    assertTrue(sent.get("stream").asBoolean());
    assertFalse(sent.has("input"));
    List<String> types = events.stream().map(e -> e.name().orElseThrow()).toList();
    assertEquals("response.created", types.get(0));
    assertTrue(types.contains("response.output_text.delta"));
    assertEquals("response.completed", types.get(types.size() - 1));
    JsonNode completed = JSON.readTree(events.get(events.size() - 1).data());
    assertEquals(
        "Hello",
        completed.get("response").get("output").get(0).get("content").get(0).get("text").asText());
  }

  @Test
  void upstreamRefusalIsReturnedInTheClientsDialect() throws Exception {
    upstream.enqueue(
        new MockResponse.Builder()
            .code(400)
            .body(
                "{\"error\":{\"message\":\"bad tool schema\",\"type\":\"invalid_request_error\"}}")
            .build());

    try (RouteResponse response = routeCodexRequest()) {
      assertEquals(400, response.status());
      JsonNode error = JSON.readTree(response.body()).get("error");
      assertEquals("bad tool schema", error.get("message").asText());
    }
  }
}
