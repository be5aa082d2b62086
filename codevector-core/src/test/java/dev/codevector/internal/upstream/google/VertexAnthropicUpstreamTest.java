package dev.codevector.internal.upstream.google;

import static dev.codevector.internal.upstream.google.GoogleTestbed.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.registry.ModelKind;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderKind;
import dev.codevector.routing.RouteResponse;
import dev.codevector.testing.ClientFixtures;
import dev.codevector.testing.RouterHarness;
import dev.codevector.testing.ServiceAccountKey;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class VertexAnthropicUpstreamTest {
  private static final String MODEL = "claude-sonnet-4-5@20250929";
  private static final String SLUG = GoogleTestbed.slug(MODEL);
  private static final String MODEL_PATH =
      "/v1/projects/acme-prod-1/locations/europe-west4/publishers/anthropic/models/";
  private static final String MESSAGE =
      """
      {"id":"msg_vrtx_01","type":"message","role":"assistant","model":"claude-sonnet-4-5",
       "content":[{"type":"text","text":"Hello"}],"stop_reason":"end_turn","stop_sequence":null,
       "usage":{"input_tokens":12,"output_tokens":3}}
      """;

  private final MockWebServer vertex = new MockWebServer();
  private final MockWebServer tokens = new MockWebServer();
  private final GoogleTestbed testbed = new GoogleTestbed();

  @BeforeEach
  void start() throws Exception {
    vertex.start();
    tokens.start();
    Provider provider = testbed.vertex("claude", ProviderKind.VERTEX_ANTHROPIC, vertex, tokens);
    testbed.publish(provider, ModelKind.CHAT, MODEL);
    tokens.enqueue(ServiceAccountKey.token("ya29.claude", 3599));
  }

  @AfterEach
  void stop() {
    testbed.close();
    vertex.close();
    tokens.close();
  }

  @Test
  void claudeCodeRequestReachesVertexWithItsContentToolsAndCacheControlIntact() throws Exception {
    List<ClientFixtures.Recorded> recorded =
        ClientFixtures.requests("claude-code_print_tool-bash-roundtrip.json", SLUG);
    ClientFixtures.Recorded roundTrip = recorded.get(recorded.size() - 1);
    vertex.enqueue(
        new MockResponse.Builder()
            .addHeader("content-type", "text/event-stream")
            .body(
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
                    + "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude\","
                    + "\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}\n\n"
                    + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")
            .build());

    List<SseEvent> events;
    try (RouteResponse response =
        testbed.route(Dialect.ANTHROPIC_MESSAGES, roundTrip.body(), roundTrip.headers())) {
      events = RouterHarness.events(response);
    }

    RecordedRequest received = vertex.takeRequest();
    assertEquals(MODEL_PATH + MODEL + ":streamRawPredict", received.getUrl().encodedPath());
    assertEquals("Bearer ya29.claude", received.getHeaders().get("Authorization"));
    assertEquals(header(roundTrip, "anthropic-beta"), received.getHeaders().get("anthropic-beta"));
    ObjectNode expected = (ObjectNode) json(new String(roundTrip.body(), StandardCharsets.UTF_8));
    expected.remove("model");
    expected.put("anthropic_version", "vertex-2023-10-16");
    JsonNode sent = json(received.getBody().utf8());
    assertEquals(expected, sent);
    assertEquals(12, sent.path("tools").size());
    assertEquals(
        "ephemeral", sent.path("system").path(1).path("cache_control").path("type").asText());
    assertEquals(
        "ephemeral",
        sent.at("/messages/3/content/0/cache_control/type").asText(),
        "the tool result's cache breakpoint");
    assertEquals("message_start", events.get(0).name().orElseThrow());
    assertEquals("message_stop", events.get(events.size() - 1).name().orElseThrow());
  }

  @Test
  void messagesWithoutStreamUseRawPredictAndTheAnswerPassesThrough() throws Exception {
    vertex.enqueue(GoogleTestbed.json(200, MESSAGE));

    try (RouteResponse response = messages()) {
      assertEquals(
          json(MESSAGE.replace("\"model\":\"claude-sonnet-4-5\"", "\"model\":\"" + SLUG + "\"")),
          json(RouterHarness.body(response)));
      assertEquals(12, response.usage().inputTokens());
    }

    RecordedRequest received = vertex.takeRequest();
    assertEquals(MODEL_PATH + MODEL + ":rawPredict", received.getUrl().encodedPath());
    assertEquals(
        "{\"anthropic_version\":\"vertex-2023-10-16\",\"max_tokens\":64,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
        received.getBody().utf8());
  }

  @Test
  void tokenCountingKeepsTheModelAndCallsTheCountTokensModel() throws Exception {
    vertex.enqueue(GoogleTestbed.json(200, "{\"input_tokens\":7}"));

    try (RouteResponse response =
        testbed.route(
            Dialect.ANTHROPIC_COUNT_TOKENS,
            "{\"model\":\"" + SLUG + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")) {
      assertEquals("{\"input_tokens\":7}", RouterHarness.body(response));
    }

    RecordedRequest received = vertex.takeRequest();
    assertEquals(MODEL_PATH + "count-tokens:rawPredict", received.getUrl().encodedPath());
    assertEquals(
        "{\"model\":\""
            + MODEL
            + "\",\"anthropic_version\":\"vertex-2023-10-16\","
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
        received.getBody().utf8());
  }

  @Test
  void googleShapedErrorComesBackInAnthropicShape() {
    vertex.enqueue(
        GoogleTestbed.json(
            404,
            "[{\"error\":{\"code\":404,\"message\":\"Publisher model not found\","
                + "\"status\":\"NOT_FOUND\"}}]"));

    try (RouteResponse response = messages()) {
      assertEquals(404, response.status());
      assertEquals(
          json(
              "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\","
                  + "\"message\":\"Publisher model not found\"}}"),
          json(RouterHarness.body(response)));
    }
  }

  @Test
  void anthropicErrorPassesThroughAsItIs() {
    String overloaded =
        "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad\"}}";
    vertex.enqueue(GoogleTestbed.json(400, overloaded));

    try (RouteResponse response = messages()) {
      assertEquals(400, response.status());
      assertEquals(overloaded, RouterHarness.body(response));
    }
  }

  @Test
  void openAiClientIsTranslatedToMessages() throws Exception {
    vertex.enqueue(GoogleTestbed.json(200, MESSAGE));

    JsonNode answer = testbed.answer(Dialect.OPENAI_CHAT, chat());

    assertEquals("Hello", answer.path("choices").path(0).path("message").path("content").asText());
    JsonNode sent = json(vertex.takeRequest().getBody().utf8());
    assertEquals("vertex-2023-10-16", sent.path("anthropic_version").asText());
    assertEquals(false, sent.has("model"));
  }

  private RouteResponse messages() {
    return testbed.route(
        Dialect.ANTHROPIC_MESSAGES,
        "{\"model\":\""
            + SLUG
            + "\",\"max_tokens\":64,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
  }

  private static String chat() {
    return "{\"model\":\"" + SLUG + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  }

  private static String header(ClientFixtures.Recorded recorded, String name) {
    return recorded.headers().entrySet().stream()
        .filter(header -> header.getKey().equalsIgnoreCase(name))
        .map(header -> header.getValue().get(0))
        .findFirst()
        .orElseThrow();
  }
}
