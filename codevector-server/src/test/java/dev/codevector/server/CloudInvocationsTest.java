package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.access.IssuedKey;
import dev.codevector.limits.LimitScope;
import dev.codevector.registry.BackendSpec;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelKind;
import dev.codevector.registry.ModelStatus;
import dev.codevector.registry.Pricing;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelSpec;
import dev.codevector.registry.ProviderSpec;
import dev.codevector.testing.ClientFixtures;
import dev.codevector.usage.UsageRecord;
import dev.codevector.vault.Secret;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

/**
 * Claude as Bedrock's {@code InvokeModel} and Vertex's {@code rawPredict} serve it, over real HTTP:
 * each reaches an Anthropic upstream as the client's Messages body, an OpenAI Chat upstream
 * translated, and a Bedrock upstream with its beta flags back in the body; Bedrock's answers and
 * errors come in Bedrock's shapes, its streams as CRC-checked event-stream frames.
 */
final class CloudInvocationsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final String MESSAGE =
      "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"upstream-claude\","
          + "\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"stop_reason\":\"end_turn\","
          + "\"usage\":{\"input_tokens\":12,\"output_tokens\":5}}";
  private static final String MESSAGE_STREAM =
      """
      event: message_start
      data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant",\
      "model":"upstream-claude","content":[],"stop_reason":null,\
      "usage":{"input_tokens":12,"output_tokens":1}}}

      event: content_block_start
      data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"hi"}}

      event: content_block_stop
      data: {"type":"content_block_stop","index":0}

      event: message_delta
      data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":5}}

      event: message_stop
      data: {"type":"message_stop"}

      """;
  private static final String COMPLETION =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}}";
  private static final String COMPLETION_STREAM =
      """
      data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,\
      "delta":{"role":"assistant","content":"hi"}}]}

      data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},\
      "finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}}

      data: [DONE]

      """;
  private static final String SMALL_BODY =
      "{\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"say hi\"}],"
          + "\"anthropic_version\":\"bedrock-2023-05-31\"}";
  private static final String VERTEX_PATH =
      "/vertex/v1/projects/acme/locations/us-east5/publishers/anthropic/models/";

  @TempDir Path dataDir;
  private final MockWebServer upstream = new MockWebServer();
  private ServerHarness harness;
  private String key;

  @BeforeEach
  void start() throws Exception {
    upstream.start();
    harness = new ServerHarness(dataDir);
    Model claude = harness.anthropicModel("claude", upstream);
    Model translated = harness.chatModel("translated", upstream);
    Model bedrock = bedrockModel("on-bedrock");
    IssuedKey issued = harness.keyFor("ada", claude, translated, bedrock);
    key = issued.plaintext().reveal();
  }

  @AfterEach
  void stop() {
    harness.close();
    upstream.close();
  }

  /** A Model whose one Backend is Claude on a Bedrock Provider whose endpoint is the mock. */
  private Model bedrockModel(String slug) {
    var registry = harness.codeVector.registry();
    Model model = registry.createModel(slug, slug, ModelKind.CHAT);
    Provider provider =
        registry.createProvider(
            new ProviderSpec(
                "provider-" + slug,
                ProviderKind.BEDROCK,
                Map.of(
                    "region",
                    "us-east-1",
                    "endpoint",
                    upstream.url("/").toString(),
                    "firstByteTimeoutSeconds",
                    "10"),
                Map.of(
                    "apiKey",
                    Secret.of(TestSecrets.register("bedrock-api-key-for-tests-0123456789")))));
    ProviderModel target =
        registry.addProviderModel(
            provider.id(),
            new ProviderModelSpec(
                "anthropic.claude-sonnet-4-5-20250929-v1:0",
                ModelKind.CHAT,
                200_000,
                OptionalInt.of(8192),
                Pricing.of(new BigDecimal("3"), new BigDecimal("15"))));
    registry.addBackend(model.id(), BackendSpec.of(target.id(), 10));
    return registry.changeStatus(model.id(), ModelStatus.ACTIVE);
  }

  private Response post(String path, String body, Map<String, String> headers) throws Exception {
    return harness.post(path, key, body, headers);
  }

  /** Claude Code's recorded request as Bedrock's client sends it: no model or stream, a version. */
  private static String claudeCodeInvocation(String version, String betas) throws Exception {
    ObjectNode body =
        (ObjectNode) JSON.readTree(ClientFixtures.body("claude-code_print_basic.json", 0, "x"));
    body.remove("model");
    body.remove("stream");
    String messages = JSON.writeValueAsString(body);
    return messages.substring(0, messages.length() - 1)
        + ",\"anthropic_version\":\""
        + version
        + "\""
        + betas
        + "}";
  }

  private static MockResponse stream(String events) {
    return new MockResponse.Builder()
        .addHeader("content-type", "text/event-stream")
        .body(events)
        .build();
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("content-type", "application/json")
        .body(body)
        .build();
  }

  /** The frames of an event stream, each checked against its checksums by the decoder. */
  private static List<Message> frames(Response response) throws Exception {
    assertEquals("application/vnd.amazon.eventstream", response.header("content-type"));
    MessageDecoder decoder = new MessageDecoder();
    decoder.feed(response.body().bytes());
    return decoder.getDecodedMessages();
  }

  /** The Anthropic events the chunk frames carry, in order; fails on any other frame. */
  private static List<JsonNode> chunks(List<Message> frames) throws Exception {
    List<JsonNode> events = new ArrayList<>();
    for (Message frame : frames) {
      assertEquals("event", frame.getHeaders().get(":message-type").getString());
      assertEquals("chunk", frame.getHeaders().get(":event-type").getString());
      assertEquals("application/json", frame.getHeaders().get(":content-type").getString());
      JsonNode payload = JSON.readTree(frame.getPayload());
      events.add(JSON.readTree(Base64.getDecoder().decode(payload.get("bytes").asText())));
    }
    return events;
  }

  private static List<String> types(List<JsonNode> events) {
    return events.stream().map(event -> event.get("type").asText()).toList();
  }

  private static final List<String> STREAM_TYPES =
      List.of(
          "message_start",
          "content_block_start",
          "content_block_delta",
          "content_block_stop",
          "message_delta",
          "message_stop");

  @Test
  void bedrockInvokeReachesAnAnthropicUpstreamWithTheClientsBytesAndAnswersTheMessage()
      throws Exception {
    upstream.enqueue(json(200, MESSAGE));
    String invocation =
        claudeCodeInvocation("bedrock-2023-05-31", ",\"anthropic_beta\":[\"beta-b\",\"beta-a\"]");

    try (Response response =
        post(
            "/bedrock/model/claude/invoke",
            invocation,
            Map.of("anthropic-beta", "beta-a", "anthropic-version", "2023-06-01"))) {
      assertEquals(200, response.code());
      JsonNode answer = JSON.readTree(response.body().string());
      assertEquals("claude", answer.get("model").asText());
      assertEquals("hi", answer.get("content").get(0).get("text").asText());
    }
    RecordedRequest received = upstream.takeRequest();
    assertEquals("/v1/messages", received.getTarget().replaceFirst("\\?.*", ""));
    String messages = claudeCodeInvocation("", "");
    String expected =
        messages.substring(0, messages.indexOf(",\"anthropic_version\""))
            + ",\"model\":\"upstream-claude\",\"stream\":false}";
    assertEquals(expected, received.getBody().utf8());
    assertEquals("beta-a,beta-b", received.getHeaders().get("anthropic-beta"));
    assertEquals("2023-06-01", received.getHeaders().get("anthropic-version"));
    UsageRecord record = harness.usageOf("claude");
    assertEquals(200, record.status(), record.toString());
    assertEquals(12, record.inputTokens(), record.toString());
    assertEquals(5, record.outputTokens(), record.toString());
  }

  @Test
  void bedrockStreamAnswersEventStreamFramesInOrderAndRecordsUsage() throws Exception {
    upstream.enqueue(stream(MESSAGE_STREAM));

    try (Response response =
        post("/bedrock/model/claude/invoke-with-response-stream", SMALL_BODY, Map.of())) {
      assertEquals(200, response.code());
      List<JsonNode> events = chunks(frames(response));
      assertEquals(STREAM_TYPES, types(events));
      assertEquals("claude", events.get(0).get("message").get("model").asText());
      assertEquals("hi", events.get(2).get("delta").get("text").asText());
    }
    JsonNode sent = JSON.readTree(upstream.takeRequest().getBody().utf8());
    assertTrue(sent.get("stream").asBoolean(), sent.toString());
    assertFalse(sent.has("anthropic_version"), sent.toString());
    UsageRecord record = harness.usageOf("claude");
    assertEquals(200, record.status(), record.toString());
    assertEquals(5, record.outputTokens(), record.toString());
  }

  @Test
  void bedrockInvocationsAreTranslatedForAnOpenAiChatUpstream() throws Exception {
    upstream.enqueue(json(200, COMPLETION));
    upstream.enqueue(stream(COMPLETION_STREAM));

    try (Response whole = post("/bedrock/model/translated/invoke", SMALL_BODY, Map.of())) {
      assertEquals(200, whole.code());
      JsonNode answer = JSON.readTree(whole.body().string());
      assertEquals("message", answer.get("type").asText());
      assertEquals("hi", answer.get("content").get(0).get("text").asText());
    }
    try (Response streamed =
        post("/bedrock/model/translated/invoke-with-response-stream", SMALL_BODY, Map.of())) {
      assertEquals(200, streamed.code());
      List<String> types = types(chunks(frames(streamed)));
      assertEquals("message_start", types.get(0));
      assertEquals("message_stop", types.get(types.size() - 1));
      assertTrue(types.contains("content_block_delta"), types.toString());
    }
    JsonNode first = JSON.readTree(upstream.takeRequest().getBody().utf8());
    assertEquals("upstream-translated", first.get("model").asText());
    assertEquals("say hi", first.get("messages").get(0).get("content").asText());
    assertEquals(2, harness.usageOf("translated", 2).size());
  }

  @Test
  void bedrockBetaFlagsReachABedrockUpstreamInItsBody() throws Exception {
    upstream.enqueue(json(200, MESSAGE));
    String body =
        "{\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
            + "\"anthropic_version\":\"bedrock-2023-05-31\","
            + "\"anthropic_beta\":[\"context-1m-2025-08-07\"]}";

    try (Response response = post("/bedrock/model/on-bedrock/invoke", body, Map.of())) {
      assertEquals(200, response.code());
    }
    RecordedRequest received = upstream.takeRequest();
    assertEquals("/model/anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke", received.getTarget());
    JsonNode sent = JSON.readTree(received.getBody().utf8());
    assertEquals("[\"context-1m-2025-08-07\"]", sent.get("anthropic_beta").toString());
    assertEquals("bedrock-2023-05-31", sent.get("anthropic_version").asText());
    assertFalse(sent.has("model"), sent.toString());
  }

  @Test
  void bedrockErrorsComeInBedrocksShape() throws Exception {
    assertBedrockError(
        harness.post("/bedrock/model/claude/invoke", "cv-not-a-key", SMALL_BODY, Map.of()),
        403,
        "AccessDeniedException");
    Request signed =
        new Request.Builder()
            .url(harness.url("/bedrock/model/claude/invoke"))
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/bedrock/"
                    + "aws4_request, SignedHeaders=host;x-amz-date, Signature=abcdef0123456789")
            .header("x-amz-date", "20260101T000000Z")
            .post(RequestBody.create(SMALL_BODY, JSON_TYPE))
            .build();
    assertBedrockError(harness.http.newCall(signed).execute(), 403, "AccessDeniedException");
    assertBedrockError(
        post("/bedrock/model/no-such-model/invoke", SMALL_BODY, Map.of()),
        404,
        "ResourceNotFoundException");
    assertBedrockError(
        post("/bedrock/model/us.anthropic.claude-sonnet-4-5-v1%3A0/invoke", SMALL_BODY, Map.of()),
        404,
        "ResourceNotFoundException");
    assertBedrockError(
        post("/bedrock/model/claude/invoke", "{\"messages\":", Map.of()),
        400,
        "ValidationException");
    assertBedrockError(
        post("/bedrock/model/claude/invoke", "{\"anthropic_beta\":\"one\"}", Map.of()),
        400,
        "ValidationException");

    upstream.enqueue(
        new MockResponse.Builder()
            .code(429)
            .addHeader("retry-after", "3")
            .addHeader("content-type", "application/json")
            .body(
                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow\"}}")
            .build());
    Response throttled = post("/bedrock/model/claude/invoke", SMALL_BODY, Map.of());
    assertEquals("3", throttled.header("retry-after"));
    assertBedrockError(throttled, 429, "ThrottlingException");
  }

  @Test
  void aRequestALimitRefusesIsThrottledInBedrocksShape() throws Exception {
    upstream.enqueue(stream(MESSAGE_STREAM));
    harness.limit(new LimitScope.All(), OptionalLong.of(1), OptionalLong.empty(), Optional.empty());
    try (Response allowed =
        post("/bedrock/model/claude/invoke-with-response-stream", SMALL_BODY, Map.of())) {
      assertEquals(200, allowed.code());
      assertEquals(STREAM_TYPES, types(chunks(frames(allowed))));
      assertEquals("0", allowed.header("anthropic-ratelimit-requests-remaining"));
    }
    UsageRecord first = harness.usageOf("claude");
    assertEquals(200, first.status(), first.toString());

    Response refused =
        post("/bedrock/model/claude/invoke-with-response-stream", SMALL_BODY, Map.of());
    assertTrue(Integer.parseInt(refused.header("retry-after")) > 0);
    assertBedrockError(refused, 429, "ThrottlingException");
    assertEquals(1, upstream.getRequestCount());
  }

  private static void assertBedrockError(Response response, int status, String type)
      throws Exception {
    try (response) {
      String body = response.body().string();
      assertEquals(status, response.code(), body);
      assertEquals(type, response.header("x-amzn-ErrorType"), body);
      JsonNode error = JSON.readTree(body);
      assertEquals(1, error.size(), body);
      assertFalse(error.get("message").asText().isEmpty(), body);
    }
  }

  @Test
  void anUpstreamFailureMidStreamEndsABedrockStreamWithAnExceptionFrame() throws Exception {
    String cut = MESSAGE_STREAM.substring(0, MESSAGE_STREAM.indexOf("event: content_block_stop"));
    upstream.enqueue(stream(cut));

    List<Message> frames;
    try (Response response =
        post("/bedrock/model/claude/invoke-with-response-stream", SMALL_BODY, Map.of())) {
      assertEquals(200, response.code());
      frames = frames(response);
    }
    Message last = frames.get(frames.size() - 1);
    assertEquals("exception", last.getHeaders().get(":message-type").getString());
    assertTrue(
        last.getHeaders().get(":exception-type").getString().endsWith("Exception"),
        last.getHeaders().toString());
    assertFalse(JSON.readTree(last.getPayload()).get("message").asText().isEmpty());
    assertEquals(
        List.of("message_start", "content_block_start", "content_block_delta"),
        types(chunks(frames.subList(0, frames.size() - 1))));
  }

  @Test
  void aRequestTooLongForTheModelGetsTheContextLengthMessageInEachMode() throws Exception {
    String body =
        "{\"max_tokens\":1000,\"messages\":[{\"role\":\"user\",\"content\":\""
            + "word ".repeat(150_000)
            + "\"}],\"anthropic_version\":\"bedrock-2023-05-31\"}";

    try (Response response = post("/bedrock/model/claude/invoke", body, Map.of())) {
      String answer = response.body().string();
      assertEquals(400, response.code(), answer);
      assertEquals("ValidationException", response.header("x-amzn-ErrorType"));
      assertTrue(
          JSON.readTree(answer)
              .get("message")
              .asText()
              .matches("prompt is too long: \\d+ tokens > 128000 maximum"),
          answer);
    }
    try (Response response =
        post(
            VERTEX_PATH + "claude:streamRawPredict",
            body.replace("bedrock-2023-05-31", "vertex-2023-10-16"),
            Map.of())) {
      String answer = response.body().string();
      assertEquals(400, response.code(), answer);
      assertTrue(
          JSON.readTree(answer)
              .get("error")
              .get("message")
              .asText()
              .matches("prompt is too long: \\d+ tokens > 128000 maximum"),
          answer);
    }
    assertEquals(0, upstream.getRequestCount());
  }

  @Test
  void vertexRawPredictAndStreamRawPredictAnswerAsAnthropicDoes() throws Exception {
    upstream.enqueue(json(200, MESSAGE));
    upstream.enqueue(stream(MESSAGE_STREAM));
    String body = SMALL_BODY.replace("bedrock-2023-05-31", "vertex-2023-10-16");

    try (Response whole =
        post(VERTEX_PATH + "claude:rawPredict", body, Map.of("anthropic-beta", "beta-a"))) {
      assertEquals(200, whole.code());
      assertEquals("claude", JSON.readTree(whole.body().string()).get("model").asText());
    }
    try (Response streamed =
        post(
            "/vertex/projects/acme/locations/global/publishers/anthropic/models/"
                + "claude:streamRawPredict",
            body,
            Map.of())) {
      assertEquals(200, streamed.code());
      assertTrue(streamed.header("content-type").startsWith("text/event-stream"));
      String events = streamed.body().string();
      assertTrue(events.startsWith("event: message_start\n"), events);
      assertTrue(events.contains("event: message_stop\n"), events);
    }
    RecordedRequest first = upstream.takeRequest();
    assertEquals("beta-a", first.getHeaders().get("anthropic-beta"));
    assertEquals(
        "{\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"say hi\"}],"
            + "\"model\":\"upstream-claude\",\"stream\":false}",
        first.getBody().utf8());
    assertTrue(JSON.readTree(upstream.takeRequest().getBody().utf8()).get("stream").asBoolean());
    assertEquals(2, harness.usageOf("claude", 2).size());
  }

  @Test
  void vertexCallsAreTranslatedForAnOpenAiChatUpstream() throws Exception {
    upstream.enqueue(json(200, COMPLETION));
    upstream.enqueue(stream(COMPLETION_STREAM));
    String body = SMALL_BODY.replace("bedrock-2023-05-31", "vertex-2023-10-16");

    try (Response whole = post(VERTEX_PATH + "translated:rawPredict", body, Map.of())) {
      assertEquals(200, whole.code());
      assertEquals(
          "hi", JSON.readTree(whole.body().string()).get("content").get(0).get("text").asText());
    }
    try (Response streamed = post(VERTEX_PATH + "translated:streamRawPredict", body, Map.of())) {
      assertEquals(200, streamed.code());
      String events = streamed.body().string();
      assertTrue(events.contains("event: message_stop\n"), events);
    }
    assertEquals(2, harness.usageOf("translated", 2).size());
  }

  @Test
  void vertexCountTokensTakesTheModelFromTheBody() throws Exception {
    upstream.enqueue(json(200, "{\"input_tokens\":42}"));
    String body =
        "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
            + "\"anthropic_version\":\"vertex-2023-10-16\"}";

    try (Response anthropic = post(VERTEX_PATH + "count-tokens:rawPredict", body, Map.of());
        Response translated =
            post(
                VERTEX_PATH + "count-tokens:rawPredict",
                body.replace("\"claude\"", "\"translated\""),
                Map.of())) {
      assertEquals(200, anthropic.code());
      assertEquals(42, JSON.readTree(anthropic.body().string()).get("input_tokens").asInt());
      assertEquals(200, translated.code());
      assertTrue(JSON.readTree(translated.body().string()).get("input_tokens").asInt() > 0);
    }
    RecordedRequest received = upstream.takeRequest();
    assertEquals("/v1/messages/count_tokens", received.getTarget().replaceFirst("\\?.*", ""));
    assertEquals(
        "{\"model\":\"upstream-claude\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
        received.getBody().utf8());
  }

  @Test
  void bedrockCountTokensCountsTheInvocationItCarries() throws Exception {
    upstream.enqueue(json(200, "{\"input_tokens\":42}"));
    String invocation =
        "{\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
            + "\"anthropic_beta\":[\"beta-a\"],\"anthropic_version\":\"bedrock-2023-05-31\"}";
    String body =
        "{\"input\":{\"invokeModel\":{\"body\":\""
            + Base64.getEncoder().encodeToString(invocation.getBytes(StandardCharsets.UTF_8))
            + "\"}}}";

    try (Response anthropic = post("/bedrock/model/claude/count-tokens", body, Map.of());
        Response translated = post("/bedrock/model/translated/count-tokens", body, Map.of())) {
      assertEquals("{\"inputTokens\":42}", anthropic.body().string());
      assertEquals(200, translated.code());
      assertTrue(JSON.readTree(translated.body().string()).get("inputTokens").asInt() > 0);
    }
    RecordedRequest received = upstream.takeRequest();
    assertEquals("/v1/messages/count_tokens", received.getTarget().replaceFirst("\\?.*", ""));
    assertEquals("beta-a", received.getHeaders().get("anthropic-beta"));
    assertEquals(
        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"model\":\"upstream-claude\"}",
        received.getBody().utf8());
    assertBedrockError(
        post("/bedrock/model/claude/count-tokens", "{\"input\":{}}", Map.of()),
        400,
        "ValidationException");
  }

  @Test
  void vertexErrorsComeInAnthropicsShape() throws Exception {
    String body = SMALL_BODY.replace("bedrock-2023-05-31", "vertex-2023-10-16");
    assertAnthropicError(
        harness.post(VERTEX_PATH + "claude:rawPredict", "cv-not-a-key", body, Map.of()),
        401,
        "authentication_error");
    assertAnthropicError(
        post(VERTEX_PATH + "claude-sonnet-4-5@20250929:rawPredict", body, Map.of()),
        404,
        "not_found_error");
    assertAnthropicError(
        post(VERTEX_PATH + "claude:rawPredict", "[1]", Map.of()), 400, "invalid_request_error");
    assertAnthropicError(
        post(VERTEX_PATH + "claude:predict", body, Map.of()), 400, "invalid_request_error");
    upstream.enqueue(
        json(
            429,
            "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"x\"}}"));
    assertAnthropicError(
        post(VERTEX_PATH + "claude:rawPredict", body, Map.of()), 429, "rate_limit_error");
  }

  private static void assertAnthropicError(Response response, int status, String type)
      throws Exception {
    try (response) {
      String body = response.body().string();
      assertEquals(status, response.code(), body);
      JsonNode error = JSON.readTree(body);
      assertEquals("error", error.get("type").asText(), body);
      assertEquals(type, error.get("error").get("type").asText(), body);
      assertNull(response.header("x-amzn-ErrorType"));
    }
  }

  @Test
  void theClientsBytesOtherThanTheCloudFieldsAreKeptWhereverTheyStand() throws Exception {
    upstream.enqueue(json(200, MESSAGE));
    String body =
        "{ \"anthropic_version\" : \"bedrock-2023-05-31\",\n  \"max_tokens\": 64 ,"
            + "\"temperature\":1.50, \"anthropic_beta\": [\"x\"],\"stream\":true,\n"
            + "  \"messages\":[{\"role\":\"user\",\"content\":\"h\\u00e9\"}]\n}\n";

    try (Response response = post("/bedrock/model/claude/invoke", body, Map.of())) {
      assertEquals(200, response.code());
    }
    assertEquals(
        "{ \"max_tokens\": 64 ,\"temperature\":1.50, "
            + "\"messages\":[{\"role\":\"user\",\"content\":\"h\\u00e9\"}],"
            + "\"model\":\"upstream-claude\",\"stream\":false\n}\n",
        new String(upstream.takeRequest().getBody().toByteArray(), StandardCharsets.UTF_8));
  }
}
