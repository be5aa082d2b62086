package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.access.IssuedKey;
import dev.codevector.registry.BackendSpec;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelKind;
import dev.codevector.registry.ModelStatus;
import dev.codevector.registry.Pricing;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelSpec;
import dev.codevector.registry.Registry;
import dev.codevector.registry.Status;
import dev.codevector.usage.GroupBy;
import dev.codevector.usage.UsageQuery;
import dev.codevector.usage.UsageTotal;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ProxyEndpointsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COMPLETION =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":100,\"total_tokens\":1100,"
          + "\"prompt_tokens_details\":{\"cached_tokens\":600}}}";
  private static final String CHAT =
      "{\"model\":\"gpt-main\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @TempDir Path dataDir;
  private final MockWebServer upstream = new MockWebServer();
  private ServerHarness harness;
  private Model model;
  private IssuedKey key;

  @BeforeEach
  void start() throws Exception {
    upstream.start();
    harness = new ServerHarness(dataDir);
    model = harness.chatModel("gpt-main", upstream);
    key = harness.keyFor("ada", model);
  }

  @AfterEach
  void stop() {
    harness.close();
    upstream.close();
  }

  private Response chat(String apiKey, String body) throws Exception {
    return harness.post("/v1/chat/completions", apiKey, body, Map.of());
  }

  private static JsonNode json(Response response) throws Exception {
    return JSON.readTree(response.body().string());
  }

  @Test
  void grantedKeyIsRoutedToTheUpstreamAndTheAnswerPassesThrough() throws Exception {
    upstream.enqueue(new MockResponse.Builder().body(COMPLETION).build());

    try (Response response = chat(key.plaintext().reveal(), CHAT)) {
      assertEquals(200, response.code());
      assertEquals(COMPLETION, response.body().string());
      assertNotNull(response.header("x-request-id"));
    }
    var received = upstream.takeRequest();
    assertEquals(
        "Bearer sk-upstream-secret-for-gpt-main-0123456789",
        received.getHeaders().get("Authorization"));
    assertTrue(received.getBody().utf8().contains("\"model\":\"upstream-gpt-main\""));
  }

  @Test
  void protocolHeadersReachTheUpstreamAndOtherHeadersDoNot() throws Exception {
    Model claude = harness.anthropicModel("claude-main", upstream);
    IssuedKey claudeKey = harness.keyFor("grace", claude);
    upstream.enqueue(
        new MockResponse.Builder()
            .body(
                "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                    + "\"content\":[],\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}")
            .build());

    try (Response response =
        harness.post(
            "/v1/messages",
            null,
            "{\"model\":\"claude-main\",\"max_tokens\":16,\"messages\":[]}",
            Map.of(
                "x-api-key",
                claudeKey.plaintext().reveal(),
                "anthropic-version",
                "2023-06-01",
                "Anthropic-Beta",
                "interleaved-thinking-2025-05-14",
                "x-tenant",
                "acme"))) {
      assertEquals(200, response.code());
    }
    var received = upstream.takeRequest();
    assertEquals("interleaved-thinking-2025-05-14", received.getHeaders().get("anthropic-beta"));
    assertNull(received.getHeaders().get("x-tenant"));
    assertFalse(received.getHeaders().toString().contains(claudeKey.plaintext().reveal()));
  }

  @Test
  void attemptThatFailedOverIsLoggedWithTheRequestIdAndWhy() throws Exception {
    upstream.enqueue(
        new MockResponse.Builder()
            .code(503)
            .body("{\"error\":{\"message\":\"engine overloaded\"}}")
            .build());
    String requestId;
    String log;
    try (StderrCapture stderr = StderrCapture.start();
        Response response = chat(key.plaintext().reveal(), CHAT)) {
      assertEquals(503, response.code());
      requestId = response.header("x-request-id");
      log = stderr.text();
    }

    assertTrue(
        log.contains("request " + requestId + ": attempt 1 for model gpt-main failed over"), log);
    assertTrue(
        log.contains(
            "Backend "
                + model.backends().get(0).id().value()
                + " (model gpt-main, priority "
                + model.backends().get(0).priority()
                + ", Provider provider-gpt-main)"),
        log);
    assertTrue(
        log.contains(", upstream model upstream-gpt-main, status 503: engine overloaded"), log);
    assertFalse(log.contains("sk-upstream-secret"), log);
  }

  @Test
  void xApiKeyHeaderIsAcceptedToo() throws Exception {
    upstream.enqueue(new MockResponse.Builder().body(COMPLETION).build());

    try (Response response =
        harness.post(
            "/v1/chat/completions", null, CHAT, Map.of("x-api-key", key.plaintext().reveal()))) {
      assertEquals(200, response.code());
    }
  }

  @Test
  void missingKeyIsRefusedInTheCallersDialect() throws Exception {
    try (Response openAi = chat(null, CHAT);
        Response anthropic =
            harness.post(
                "/v1/messages",
                null,
                "{\"model\":\"gpt-main\",\"max_tokens\":10,\"messages\":[]}",
                Map.of())) {
      assertEquals(401, openAi.code());
      assertEquals("authentication_error", json(openAi).get("error").get("type").asText());
      assertEquals(401, anthropic.code());
      JsonNode body = json(anthropic);
      assertEquals("error", body.get("type").asText());
      assertEquals("authentication_error", body.get("error").get("type").asText());
    }
    assertEquals(0, upstream.getRequestCount());
  }

  @Test
  void revokedKeyIsRefused() throws Exception {
    harness.codeVector.access().revokeKey(key.key().id());

    try (Response response = chat(key.plaintext().reveal(), CHAT)) {
      assertEquals(401, response.code());
    }
  }

  @Test
  void expiredKeyIsRefused() throws Exception {
    var user = harness.codeVector.access().createUser("old", Optional.empty());
    harness
        .codeVector
        .access()
        .grant(model.id(), dev.codevector.access.Principal.ofUser(user.id()));
    Instant expiry = Instant.now().plusMillis(1_000);
    IssuedKey expiring =
        harness.codeVector.access().issueKey(user.id(), Optional.empty(), Optional.of(expiry));
    TestSecrets.register(expiring.plaintext().reveal());
    // The server reads the system clock, so the key has to expire for real.
    Thread.sleep(Math.max(0, expiry.toEpochMilli() - System.currentTimeMillis()) + 100);

    try (Response response = chat(expiring.plaintext().reveal(), CHAT)) {
      assertEquals(401, response.code());
    }
  }

  @Test
  void ungrantedUnknownAndDisabledModelsAllGetTheSameNotFound() throws Exception {
    Model other = harness.chatModel("secret-model", upstream);
    Model disabled = harness.chatModel("old-model", upstream);
    harness
        .codeVector
        .access()
        .grant(disabled.id(), dev.codevector.access.Principal.ofUser(key.key().userId()));
    harness.codeVector.registry().changeStatus(disabled.id(), ModelStatus.DISABLED);

    List<String> bodies = new java.util.ArrayList<>();
    for (String slug : List.of(other.slug(), "no-such-model", disabled.slug())) {
      try (Response response =
          chat(key.plaintext().reveal(), "{\"model\":\"" + slug + "\",\"messages\":[]}")) {
        assertEquals(404, response.code());
        bodies.add(response.body().string().replace(slug, "<slug>"));
      }
    }

    assertEquals(1, bodies.stream().distinct().count(), bodies.toString());
    assertEquals(0, upstream.getRequestCount());
  }

  @Test
  void malformedRequestsGetA400NamingTheParameter() throws Exception {
    try (Response negative =
            chat(
                key.plaintext().reveal(),
                "{\"model\":\"gpt-main\",\"max_tokens\":-5,\"messages\":[]}");
        Response duplicate =
            chat(
                key.plaintext().reveal(),
                "{\"model\":\"gpt-main\",\"model\":\"other\",\"messages\":[]}");
        Response broken = chat(key.plaintext().reveal(), "{\"model\":")) {
      assertEquals(400, negative.code());
      assertEquals("max_tokens", json(negative).get("error").get("param").asText());
      assertEquals(400, duplicate.code());
      assertEquals(400, broken.code());
    }
    assertEquals(0, upstream.getRequestCount());
  }

  @Test
  void bodyOverTheLimitGets413() throws Exception {
    String huge =
        "{\"model\":\"gpt-main\",\"messages\":[],\"x\":\"" + "a".repeat(33 * 1024 * 1024) + "\"}";

    try (Response response = chat(key.plaintext().reveal(), huge)) {
      assertEquals(413, response.code());
    }
    assertEquals(0, upstream.getRequestCount());
  }

  @Test
  void streamIsForwardedEventByEvent() throws Exception {
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("content-type", "text/event-stream")
            .body(
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n"
                    + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\"}}]}\n\n"
                    + "data: [DONE]\n\n")
            .build());

    try (Response response =
        chat(
            key.plaintext().reveal(), "{\"model\":\"gpt-main\",\"stream\":true,\"messages\":[]}")) {
      assertEquals(200, response.code());
      assertTrue(response.header("content-type").startsWith("text/event-stream"));
      assertEquals(
          "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n"
              + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\"}}]}\n\n"
              + "data: [DONE]\n\n",
          response.body().string());
    }
  }

  @Test
  void everyRequestIsRecordedWithItsCost() throws Exception {
    upstream.enqueue(new MockResponse.Builder().body(COMPLETION).build());
    try (Response response = chat(key.plaintext().reveal(), CHAT)) {
      assertEquals(200, response.code());
    }

    harness.codeVector.usage().flush();

    List<UsageTotal> totals =
        harness.codeVector.usageTotals(
            new UsageQuery(
                Instant.now().minusSeconds(60), Instant.now().plusSeconds(60), GroupBy.MODEL));
    assertEquals(1, totals.size());
    UsageTotal total = totals.get(0);
    assertEquals("gpt-main", total.key());
    assertEquals(400, total.inputTokens());
    assertEquals(600, total.cachedInputTokens());
    assertEquals(100, total.outputTokens());
    // 400 × $3 + 600 × $0.30 + 100 × $15, per million tokens
    assertEquals(
        0, new BigDecimal("0.00288").compareTo(total.cost()), total.cost().toPlainString());
  }

  @Test
  void modelListShowsOnlyTheActiveModelsTheKeyMayUse() throws Exception {
    harness.chatModel("not-granted", upstream);

    try (Response openAi =
            harness.get(
                "/v1/models", Map.of("Authorization", "Bearer " + key.plaintext().reveal()));
        Response anthropic =
            harness.get(
                "/v1/models",
                Map.of("x-api-key", key.plaintext().reveal(), "anthropic-version", "2023-06-01"))) {
      JsonNode list = json(openAi);
      assertEquals("list", list.get("object").asText());
      assertEquals(1, list.get("data").size());
      assertEquals("gpt-main", list.get("data").get(0).get("id").asText());
      JsonNode anthropicList = json(anthropic);
      assertEquals("model", anthropicList.get("data").get(0).get("type").asText());
      assertFalse(anthropicList.get("has_more").asBoolean());
    }
  }

  @Test
  void modelListGivesTheSmallestWindowAndOutputOfTheBackendsThatMayServeAModel() throws Exception {
    Model model =
        harness.publish(
            "claude-sonnet",
            ProviderKind.OPENAI_COMPATIBLE,
            Map.of(),
            List.of(upstream.url("/v1"), upstream.url("/v1")));
    Registry registry = harness.codeVector.registry();
    ProviderId provider =
        registry.providerModel(model.backends().get(1).providerModelId()).providerId();
    backend(registry, model, provider, "smaller", 32_000, 4_096, 30);
    ProviderModel disabled = backend(registry, model, provider, "smallest", 8_000, 1_024, 40);
    registry.changeProviderModelStatus(disabled.id(), Status.DISABLED);
    String grace = harness.keyFor("grace", model).plaintext().reveal();

    try (Response openAi = harness.get("/v1/models", Map.of("Authorization", "Bearer " + grace));
        Response anthropic =
            harness.get(
                "/v1/models", Map.of("x-api-key", grace, "anthropic-version", "2023-06-01"))) {
      JsonNode openAiModel = json(openAi).get("data").get(0);
      assertEquals(32_000, openAiModel.get("context_window").asInt(), openAiModel.toString());
      assertEquals(4_096, openAiModel.get("max_output_tokens").asInt(), openAiModel.toString());
      JsonNode anthropicModel = json(anthropic).get("data").get(0);
      assertEquals("claude-sonnet", anthropicModel.get("id").asText());
      assertEquals(
          32_000, anthropicModel.get("max_input_tokens").asInt(), anthropicModel.toString());
      assertEquals(4_096, anthropicModel.get("max_tokens").asInt(), anthropicModel.toString());
    }
  }

  /** Adds a Backend on a new Provider Model of a Provider, with its window and maximum output. */
  private static ProviderModel backend(
      Registry registry,
      Model model,
      ProviderId provider,
      String name,
      int window,
      int output,
      int priority) {
    ProviderModel added =
        registry.addProviderModel(
            provider,
            new ProviderModelSpec(
                name,
                ModelKind.CHAT,
                window,
                OptionalInt.of(output),
                Pricing.of(BigDecimal.ONE, BigDecimal.ONE)));
    registry.addBackend(model.id(), BackendSpec.of(added.id(), priority));
    return added;
  }

  @Test
  void upstreamCredentialNeverReachesTheClient() throws Exception {
    upstream.enqueue(
        new MockResponse.Builder().code(401).body("{\"error\":{\"message\":\"bad key\"}}").build());

    try (Response response = chat(key.plaintext().reveal(), CHAT)) {
      String body = response.body().string();
      assertFalse(body.contains("sk-upstream-secret"), body);
      assertEquals("false", response.header("x-should-retry"));
    }
    assertFalse(harness.printed().contains("sk-upstream-secret"));
  }
}
