package dev.codevector.internal.upstream.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.registry.BackendDefaults;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderModel;
import dev.codevector.routing.Outcome;
import dev.codevector.routing.RouteRequest;
import dev.codevector.routing.RouteResponse;
import dev.codevector.testing.BedrockFrames;
import dev.codevector.testing.ClientFixtures;
import dev.codevector.testing.ClientFixtures.Recorded;
import dev.codevector.testing.RouterHarness;
import dev.codevector.vault.Secret;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Claude on Bedrock: Anthropic Messages over InvokeModel, answered as they are or streamed. */
final class BedrockClaudeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLAUDE = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
  private static final String MESSAGE_START =
      "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_bdrk_1\",\"type\":\"message\","
          + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[],"
          + "\"stop_reason\":null,\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}";
  private static final String BLOCK_START =
      "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}";
  private static final String DELTA =
      "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}";
  private static final String BLOCK_STOP = "{\"type\":\"content_block_stop\",\"index\":0}";
  private static final String MESSAGE_DELTA =
      "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":5}}";
  private static final String MESSAGE_STOP =
      "{\"type\":\"message_stop\",\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":12,"
          + "\"outputTokenCount\":5}}";
  private static final String REQUEST =
      "{\"model\":\"claude\",\"max_tokens\":256,\"stream\":%s,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";

  private final MockWebServer upstream = new MockWebServer();
  private final RouterHarness harness = new RouterHarness();

  @BeforeEach
  void start() throws Exception {
    upstream.start();
  }

  @AfterEach
  void stop() {
    harness.close();
    upstream.close();
  }

  @Test
  void claudeIsInvokedWithTheMessagesBodyAndASigV4SignatureAndAnswersAsItIs() throws Exception {
    String answer =
        "{\"id\":\"msg_bdrk_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":"
            + "[{\"type\":\"text\",\"text\":\"Hi\"}],\"stop_reason\":\"end_turn\","
            + "\"usage\":{\"input_tokens\":12,\"output_tokens\":5}}";
    upstream.enqueue(BedrockProviders.json(200, answer));
    publish(BedrockProviders.withKeys(harness, "aws", upstream));

    String body;
    try (RouteResponse response =
        harness
            .codeVector
            .router()
            .route(
                new RouteRequest(
                    Dialect.ANTHROPIC_MESSAGES,
                    String.format(REQUEST, "false").getBytes(StandardCharsets.UTF_8),
                    Map.of(
                        "anthropic-beta",
                        List.of("interleaved-thinking-2025-05-14, context-1m-2025-08-07"),
                        "anthropic-version",
                        List.of("2023-06-01"))))) {
      assertEquals(200, response.status());
      body = RouterHarness.body(response);
    }

    RecordedRequest received = upstream.takeRequest();
    assertEquals(
        "/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke",
        received.getUrl().encodedPath());
    assertEquals("application/json", received.getHeaders().get("Accept"));
    assertEquals(
        "{\"max_tokens\":256,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],"
            + "\"anthropic_version\":\"bedrock-2023-05-31\","
            + "\"anthropic_beta\":[\"interleaved-thinking-2025-05-14\",\"context-1m-2025-08-07\"]}",
        received.getBody().utf8());
    BedrockProviders.assertSigned(received);
    assertNull(received.getHeaders().get("X-Amz-Security-Token"));
    assertEquals(answer, body);
  }

  @Test
  void temporaryKeysSendAndSignTheirSessionToken() throws Exception {
    upstream.enqueue(BedrockProviders.json(200, "{\"content\":[],\"usage\":{}}"));
    Provider provider =
        BedrockProviders.create(
            harness,
            "sts",
            upstream,
            Map.of(
                "accessKeyId", Secret.of(BedrockProviders.ACCESS_KEY_ID),
                "secretAccessKey", Secret.of(BedrockProviders.SECRET_ACCESS_KEY),
                "sessionToken", Secret.of("FwoGZXIvYXdzEXAMPLE//token+value==")));
    publish(provider);

    harness.route(Dialect.ANTHROPIC_MESSAGES, String.format(REQUEST, "false")).close();

    RecordedRequest received = upstream.takeRequest();
    assertEquals(
        "FwoGZXIvYXdzEXAMPLE//token+value==", received.getHeaders().get("X-Amz-Security-Token"));
    assertTrue(received.getHeaders().get("Authorization").contains("x-amz-security-token"));
    BedrockProviders.assertSigned(received);
  }

  @Test
  void bedrockApiKeyIsSentAsABearerTokenWithoutSigning() throws Exception {
    upstream.enqueue(BedrockProviders.json(200, "{\"content\":[],\"usage\":{}}"));
    publish(
        BedrockProviders.create(
            harness, "key", upstream, Map.of("apiKey", Secret.of("ABSKbedrock-api-key-0123"))));

    harness.route(Dialect.ANTHROPIC_MESSAGES, String.format(REQUEST, "false")).close();

    RecordedRequest received = upstream.takeRequest();
    assertEquals("Bearer ABSKbedrock-api-key-0123", received.getHeaders().get("Authorization"));
    assertNull(received.getHeaders().get("X-Amz-Date"));
  }

  @Test
  void modelArnIsOnePercentEncodedPathSegment() throws Exception {
    upstream.enqueue(BedrockProviders.json(200, "{\"content\":[],\"usage\":{}}"));
    publish(
        "arn:aws:bedrock:eu-west-3::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
        BedrockProviders.withKeys(harness, "aws", upstream));

    harness.route(Dialect.ANTHROPIC_MESSAGES, String.format(REQUEST, "false")).close();

    RecordedRequest received = upstream.takeRequest();
    assertEquals(
        "/model/arn%3Aaws%3Abedrock%3Aeu-west-3%3A%3Afoundation-model%2F"
            + "anthropic.claude-3-haiku-20240307-v1%3A0/invoke",
        received.getUrl().encodedPath());
    BedrockProviders.assertSigned(received);
  }

  @Test
  void streamFramesBecomeAnthropicEventsUnchanged() throws Exception {
    upstream.enqueue(
        new BedrockFrames()
            .chunk(MESSAGE_START)
            .chunk(BLOCK_START)
            .chunk(DELTA)
            .chunk(BLOCK_STOP)
            .chunk(MESSAGE_DELTA)
            .chunk(MESSAGE_STOP)
            .response());
    publish(BedrockProviders.withKeys(harness, "aws", upstream));

    List<SseEvent> events = stream();

    assertEquals(
        List.of(
            SseEvent.of(
                "message_start", MESSAGE_START.replace("claude-sonnet-4-5-20250929", "claude")),
            SseEvent.of("content_block_start", BLOCK_START),
            SseEvent.of("content_block_delta", DELTA),
            SseEvent.of("content_block_stop", BLOCK_STOP),
            SseEvent.of("message_delta", MESSAGE_DELTA),
            SseEvent.of("message_stop", MESSAGE_STOP)),
        events);
    RecordedRequest received = upstream.takeRequest();
    assertEquals(
        "/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke-with-response-stream",
        received.getUrl().encodedPath());
    assertEquals("application/vnd.amazon.eventstream", received.getHeaders().get("Accept"));
    assertFalse(received.getBody().utf8().contains("\"stream\""));
    BedrockProviders.assertSigned(received);
  }

  @Test
  void exceptionFrameMidStreamEndsWithAnAnthropicErrorEvent() throws Exception {
    upstream.enqueue(
        new BedrockFrames()
            .chunk(MESSAGE_START)
            .chunk(DELTA)
            .exception("modelStreamErrorException", "The model stopped")
            .chunk(MESSAGE_STOP)
            .response());
    publish(BedrockProviders.withKeys(harness, "aws", upstream));

    List<SseEvent> events = stream();

    assertEquals(3, events.size());
    assertEquals(
        SseEvent.of(
            "error",
            "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"The model stopped\"}}"),
        events.get(2));
  }

  @Test
  void throttlingMidStreamIsAnOverloadedError() throws Exception {
    upstream.enqueue(
        new BedrockFrames()
            .chunk(MESSAGE_START)
            .exception("throttlingException", "Slow down")
            .response());
    publish(BedrockProviders.withKeys(harness, "aws", upstream));

    List<SseEvent> events = stream();

    assertEquals(
        "overloaded_error",
        JSON.readTree(events.get(1).data()).path("error").path("type").asText());
  }

  @Test
  void corruptFrameEndsTheStreamWithAnErrorEvent() throws Exception {
    upstream.enqueue(
        new BedrockFrames()
            .chunk(MESSAGE_START)
            .chunk(DELTA)
            .corruptLast()
            .chunk(MESSAGE_STOP)
            .response());
    publish(BedrockProviders.withKeys(harness, "aws", upstream));

    List<SseEvent> events = stream();

    assertEquals(2, events.size());
    assertEquals("error", events.get(1).name().orElseThrow());
    JsonNode error = JSON.readTree(events.get(1).data()).path("error");
    assertEquals("api_error", error.path("type").asText());
    assertTrue(error.path("message").asText().contains("checksum"), error.toString());
  }

  @Test
  void throttlingBeforeTheFirstEventFailsOverToTheNextBackend() throws Exception {
    upstream.enqueue(
        new BedrockFrames().exception("throttlingException", "Too many requests").response());
    upstream.enqueue(new BedrockFrames().chunk(MESSAGE_START).chunk(MESSAGE_STOP).response());
    publish(
        BedrockProviders.withKeys(harness, "first", upstream),
        BedrockProviders.withKeys(harness, "second", upstream));

    try (RouteResponse response =
        harness.route(Dialect.ANTHROPIC_MESSAGES, String.format(REQUEST, "true"))) {
      assertEquals(
          List.of("message_start", "message_stop"),
          RouterHarness.events(response).stream().map(e -> e.name().orElseThrow()).toList());
      assertEquals(Outcome.FAILOVER, response.attempts().get(0).outcome());
    }
    assertEquals(2, upstream.getRequestCount());
  }

  @Test
  void throttlingExceptionFailsOverToTheNextBackend() throws Exception {
    upstream.enqueue(
        BedrockProviders.error(
            429,
            "ThrottlingException:http://internal.amazon.com/coral/",
            "{\"message\":\"Too many requests, please wait before trying again.\"}"));
    upstream.enqueue(BedrockProviders.json(200, "{\"id\":\"msg_2\",\"content\":[],\"usage\":{}}"));
    publish(
        BedrockProviders.withKeys(harness, "first", upstream),
        BedrockProviders.withKeys(harness, "second", upstream));

    try (RouteResponse response =
        harness.route(Dialect.ANTHROPIC_MESSAGES, String.format(REQUEST, "false"))) {
      assertEquals(200, response.status());
      assertEquals(429, response.attempts().get(0).status());
      assertEquals(
          "Too many requests, please wait before trying again.",
          response.attempts().get(0).error().orElseThrow());
    }
  }

  @Test
  void validationExceptionIsTheClientsAnthropicErrorWithoutFailover() throws Exception {
    upstream.enqueue(
        BedrockProviders.error(
            400,
            "ValidationException",
            "{\"message\":\"messages: text content blocks must be non-empty\"}"));
    publish(
        BedrockProviders.withKeys(harness, "first", upstream),
        BedrockProviders.withKeys(harness, "second", upstream));

    try (RouteResponse response =
        harness.route(Dialect.ANTHROPIC_MESSAGES, String.format(REQUEST, "false"))) {
      assertEquals(400, response.status());
      assertEquals(
          "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
              + "\"message\":\"messages: text content blocks must be non-empty\"}}",
          RouterHarness.body(response));
    }
    assertEquals(1, upstream.getRequestCount());
  }

  @Test
  void tokenCountingIsAnsweredWithoutCallingBedrock() throws Exception {
    publish(BedrockProviders.withKeys(harness, "aws", upstream));

    try (RouteResponse response =
        harness.route(
            Dialect.ANTHROPIC_COUNT_TOKENS,
            "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"}]}")) {
      assertEquals(200, response.status());
      assertTrue(JSON.readTree(response.body()).path("input_tokens").asInt() > 0);
    }
    assertEquals(0, upstream.getRequestCount());
  }

  @Test
  void openAiChatClientReachesClaudeThroughTheMessagesTranslation() throws Exception {
    upstream.enqueue(
        BedrockProviders.json(
            200,
            "{\"id\":\"msg_3\",\"type\":\"message\",\"role\":\"assistant\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"Bonjour\"}],\"stop_reason\":\"end_turn\","
                + "\"usage\":{\"input_tokens\":3,\"output_tokens\":2}}"));
    publish(BedrockProviders.withKeys(harness, "aws", upstream));

    JsonNode answer;
    try (RouteResponse response =
        harness.route(
            Dialect.OPENAI_CHAT,
            "{\"model\":\"claude\",\"max_tokens\":64,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Salut\"}]}")) {
      answer = JSON.readTree(response.body());
    }

    JsonNode sent = JSON.readTree(upstream.takeRequest().getBody().utf8());
    assertFalse(sent.has("model"));
    assertEquals("bedrock-2023-05-31", sent.path("anthropic_version").asText());
    assertEquals(
        "Salut", sent.path("messages").get(0).path("content").get(0).path("text").asText());
    assertEquals("Bonjour", answer.path("choices").get(0).path("message").path("content").asText());
    assertEquals(5, answer.path("usage").path("total_tokens").asInt());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"claude-code_print_basic.json", "claude-code_print_tool-bash-roundtrip.json"})
  void claudeCodeRequestsReachClaudeWithContentToolsAndCacheControlIntact(String file)
      throws Exception {
    publish(BedrockProviders.withKeys(harness, "aws", upstream));
    for (Recorded sent : ClientFixtures.requests(file, "claude")) {
      upstream.enqueue(new BedrockFrames().chunk(MESSAGE_START).chunk(MESSAGE_STOP).response());

      try (RouteResponse response =
          harness
              .codeVector
              .router()
              .route(new RouteRequest(Dialect.ANTHROPIC_MESSAGES, sent.body(), sent.headers()))) {
        assertEquals(2, RouterHarness.events(response).size());
      }

      RecordedRequest received = upstream.takeRequest();
      ObjectNode expected = (ObjectNode) JSON.readTree(sent.body());
      expected.remove(List.of("model", "stream"));
      expected.put("anthropic_version", "bedrock-2023-05-31");
      ArrayNode betas = expected.putArray("anthropic_beta");
      for (String beta : sent.headers().get("anthropic-beta").get(0).split(",")) {
        betas.add(beta);
      }
      JsonNode actual = JSON.readTree(received.getBody().utf8());
      assertEquals(expected, actual);
      assertTrue(received.getBody().utf8().contains("\"cache_control\""));
      assertEquals(
          "/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke-with-response-stream",
          received.getUrl().encodedPath());
    }
  }

  /** Publishes the Model {@code claude} on a Claude model of each Provider, in order. */
  private void publish(Provider... providers) {
    publish(CLAUDE, providers);
  }

  private void publish(String modelId, Provider... providers) {
    harness.publish(
        "claude",
        BackendDefaults.none(),
        Arrays.stream(providers)
            .map(provider -> harness.chatModel(provider, modelId))
            .toArray(ProviderModel[]::new));
  }

  private List<SseEvent> stream() {
    try (RouteResponse response =
        harness.route(Dialect.ANTHROPIC_MESSAGES, String.format(REQUEST, "true"))) {
      return RouterHarness.events(response);
    }
  }
}
