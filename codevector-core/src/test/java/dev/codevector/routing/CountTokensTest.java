package dev.codevector.routing;

import static dev.codevector.testing.RouterHarness.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.registry.BackendDefaults;
import dev.codevector.registry.ProviderKind;
import dev.codevector.testing.RouterHarness;
import dev.codevector.wire.Dialect;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class CountTokensTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COUNT =
      "{\"model\":\"%s\",\"system\":\"You are terse.\",\"messages\":[{\"role\":\"user\","
          + "\"content\":\"Count the tokens of this sentence, please.\"}]}";

  private final MockWebServer chat = new MockWebServer();
  private final MockWebServer anthropic = new MockWebServer();
  private final RouterHarness harness = new RouterHarness();

  @BeforeEach
  void start() throws Exception {
    chat.start();
    anthropic.start();
    harness.publish(
        "kimi",
        BackendDefaults.none(),
        harness.chatModel(harness.openAiCompatible("kimi", chat), "kimi-k2.6"));
    harness.publish(
        "claude",
        BackendDefaults.none(),
        harness.chatModel(
            harness.provider("anthropic", ProviderKind.ANTHROPIC, Map.of(), anthropic),
            "claude-sonnet-4-5"));
  }

  @AfterEach
  void stop() {
    harness.close();
    chat.close();
    anthropic.close();
  }

  @Test
  void modelWithoutAnAnthropicUpstreamCountsLocallyWithoutCallingIt() throws Exception {
    try (RouteResponse response =
        harness.route(Dialect.ANTHROPIC_COUNT_TOKENS, String.format(COUNT, "kimi"))) {
      assertEquals(200, response.status());
      long tokens = JSON.readTree(body(response)).get("input_tokens").asLong();
      assertTrue(tokens > 10 && tokens < 40, "estimate " + tokens);
      assertEquals(Usage.NONE, response.usage());
    }
    assertEquals(0, chat.getRequestCount());
  }

  @Test
  void anthropicUpstreamCountsExactly() throws Exception {
    anthropic.enqueue(new MockResponse.Builder().body("{\"input_tokens\":2095}").build());

    try (RouteResponse response =
        harness.route(Dialect.ANTHROPIC_COUNT_TOKENS, String.format(COUNT, "claude"))) {
      assertEquals("{\"input_tokens\":2095}", body(response));
      assertEquals(Usage.NONE, response.usage());
    }
    assertEquals("/v1/messages/count_tokens", anthropic.takeRequest().getUrl().encodedPath());
  }

  @Test
  void failingCountIsEstimatedAndLeavesTheBackendHealthy() throws Exception {
    for (int i = 0; i < 5; i++) {
      anthropic.enqueue(new MockResponse.Builder().code(503).build());
      harness.route(Dialect.ANTHROPIC_COUNT_TOKENS, String.format(COUNT, "claude")).close();
    }
    anthropic.enqueue(
        new MockResponse.Builder()
            .body("{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[],\"usage\":{}}")
            .build());

    try (RouteResponse response =
        harness.route(
            Dialect.ANTHROPIC_MESSAGES,
            "{\"model\":\"claude\",\"max_tokens\":10,\"messages\":[]}")) {
      assertEquals(200, response.status());
    }
    assertEquals(6, anthropic.getRequestCount());
  }
}
