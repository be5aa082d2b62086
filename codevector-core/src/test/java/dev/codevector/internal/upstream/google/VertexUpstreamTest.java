package dev.codevector.internal.upstream.google;

import static dev.codevector.internal.upstream.google.GoogleTestbed.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codevector.registry.ModelKind;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderModel;
import dev.codevector.routing.Attempt;
import dev.codevector.routing.Outcome;
import dev.codevector.routing.RouteResponse;
import dev.codevector.testing.ServiceAccountKey;
import dev.codevector.wire.Dialect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class VertexUpstreamTest {
  private static final String MODEL_PATH =
      "/v1/projects/acme-prod-1/locations/europe-west4/publishers/google/models/";
  private static final String ANSWER =
      "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hi\"}]},"
          + "\"finishReason\":\"STOP\",\"index\":0}],"
          + "\"usageMetadata\":{\"promptTokenCount\":4,\"candidatesTokenCount\":1}}";
  private static final String CHAT =
      "{\"model\":\"gemini-2-5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  private final MockWebServer vertex = new MockWebServer();
  private final MockWebServer tokens = new MockWebServer();
  private final GoogleTestbed testbed = new GoogleTestbed();
  private ProviderModel flash;

  @BeforeEach
  void start() throws Exception {
    vertex.start();
    tokens.start();
    Provider provider = testbed.vertex("vertex", ProviderKind.VERTEX, vertex, tokens);
    flash = testbed.publish(provider, ModelKind.CHAT, "gemini-2.5-flash");
  }

  @AfterEach
  void stop() {
    testbed.close();
    vertex.close();
    tokens.close();
  }

  @Test
  void chatCallsThePublisherModelWithATokenFromASignedAssertion() throws Exception {
    tokens.enqueue(ServiceAccountKey.token("ya29.token-1", 3599));
    vertex.enqueue(GoogleTestbed.json(200, ANSWER));

    JsonNode answer = testbed.answer(Dialect.OPENAI_CHAT, CHAT);

    JsonNode[] assertion = testbed.serviceAccount.verifiedAssertion(tokens.takeRequest());
    assertEquals(json("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"key-id-42\"}"), assertion[0]);
    JsonNode claims = assertion[1];
    long now = testbed.clock.instant().getEpochSecond();
    assertEquals("gateway@acme-prod-1.iam.gserviceaccount.com", claims.path("iss").asText());
    assertEquals("https://www.googleapis.com/auth/cloud-platform", claims.path("scope").asText());
    assertEquals(tokens.url("/token").toString(), claims.path("aud").asText());
    assertEquals(now, claims.path("iat").asLong());
    assertEquals(now + 3600, claims.path("exp").asLong());
    RecordedRequest call = vertex.takeRequest();
    assertEquals(MODEL_PATH + "gemini-2.5-flash:generateContent", call.getUrl().encodedPath());
    assertEquals("Bearer ya29.token-1", call.getHeaders().get("Authorization"));
    assertEquals(
        json("[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]"),
        json(call.getBody().utf8()).path("contents"));
    assertEquals("Hi", answer.path("choices").path(0).path("message").path("content").asText());
  }

  @Test
  void streamCallsStreamGenerateContentWithSse() throws Exception {
    tokens.enqueue(ServiceAccountKey.token("ya29.token-1", 3599));
    vertex.enqueue(GoogleTestbed.sse(ANSWER));

    List<dev.codevector.wire.SseEvent> events =
        testbed.events(
            Dialect.OPENAI_CHAT,
            "{\"model\":\"gemini-2-5-flash\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    RecordedRequest call = vertex.takeRequest();
    assertEquals(
        MODEL_PATH + "gemini-2.5-flash:streamGenerateContent", call.getUrl().encodedPath());
    assertEquals("sse", call.getUrl().queryParameter("alt"));
    assertEquals("[DONE]", events.get(events.size() - 1).data());
  }

  @Test
  void oneTokenServesManyCalls() throws Exception {
    tokens.enqueue(ServiceAccountKey.token("ya29.token-1", 3599));
    for (int i = 0; i < 3; i++) {
      vertex.enqueue(GoogleTestbed.json(200, ANSWER));
      testbed.answer(Dialect.OPENAI_CHAT, CHAT);
      testbed.clock.advance(Duration.ofMinutes(10));
    }

    assertEquals(1, tokens.getRequestCount());
    for (int i = 0; i < 3; i++) {
      assertEquals("Bearer ya29.token-1", vertex.takeRequest().getHeaders().get("Authorization"));
    }
  }

  @Test
  void tokenIsReplacedFiveMinutesBeforeItExpires() throws Exception {
    tokens.enqueue(ServiceAccountKey.token("ya29.token-1", 3600));
    tokens.enqueue(ServiceAccountKey.token("ya29.token-2", 3600));
    vertex.enqueue(GoogleTestbed.json(200, ANSWER));
    vertex.enqueue(GoogleTestbed.json(200, ANSWER));
    vertex.enqueue(GoogleTestbed.json(200, ANSWER));

    testbed.answer(Dialect.OPENAI_CHAT, CHAT);
    testbed.clock.advance(Duration.ofMinutes(54));
    testbed.answer(Dialect.OPENAI_CHAT, CHAT);
    testbed.clock.advance(Duration.ofMinutes(1));
    testbed.answer(Dialect.OPENAI_CHAT, CHAT);

    assertEquals("Bearer ya29.token-1", vertex.takeRequest().getHeaders().get("Authorization"));
    assertEquals("Bearer ya29.token-1", vertex.takeRequest().getHeaders().get("Authorization"));
    assertEquals("Bearer ya29.token-2", vertex.takeRequest().getHeaders().get("Authorization"));
    assertEquals(2, tokens.getRequestCount());
  }

  @Test
  void concurrentCallersShareOneTokenRequest() throws Exception {
    int callers = 6;
    tokens.enqueue(
        new MockResponse.Builder()
            .addHeader("content-type", "application/json")
            .body("{\"access_token\":\"ya29.shared\",\"expires_in\":3599}")
            .headersDelay(200, java.util.concurrent.TimeUnit.MILLISECONDS)
            .build());
    for (int i = 0; i < callers; i++) {
      vertex.enqueue(GoogleTestbed.json(200, ANSWER));
    }
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(callers);
    try {
      List<Future<JsonNode>> answers = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        answers.add(
            threads.submit(
                () -> {
                  go.await();
                  return testbed.answer(Dialect.OPENAI_CHAT, CHAT);
                }));
      }
      go.countDown();
      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () -> {
            for (Future<JsonNode> answer : answers) {
              assertEquals("chat.completion", answer.get().path("object").asText());
            }
          });
    } finally {
      threads.shutdownNow();
    }

    assertEquals(1, tokens.getRequestCount());
  }

  @Test
  void refusedTokenFailsOverWithAMessageThatKeepsTheKeySecret() throws Exception {
    MockWebServer backup = new MockWebServer();
    backup.start();
    try {
      ProviderModel other =
          testbed.publish(testbed.google("gemini", backup), ModelKind.CHAT, "gemini-2.5-pro");
      testbed.publish("vertex-then-gemini", ModelKind.CHAT, flash, other);
      tokens.enqueue(
          GoogleTestbed.json(
              400,
              "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}"));
      backup.enqueue(GoogleTestbed.json(200, ANSWER));

      try (RouteResponse response = testbed.chat("vertex-then-gemini")) {
        assertEquals(200, response.status());
        Attempt failed = response.attempts().get(0);
        assertEquals(Outcome.FAILOVER, failed.outcome());
        String error = failed.error().orElseThrow();
        assertTrue(error.contains("400 invalid_grant"), error);
        assertFalse(error.contains("PRIVATE KEY"), error);
        assertFalse(error.contains("assertion"), error);
      }
      assertEquals(0, vertex.getRequestCount());
    } finally {
      backup.close();
    }
  }

  @Test
  void aRedirectedTokenRequestIsNotFollowedAndFailsOver() throws Exception {
    try (MockWebServer backup = new MockWebServer();
        MockWebServer elsewhere = new MockWebServer()) {
      backup.start();
      elsewhere.start();
      ProviderModel other =
          testbed.publish(testbed.google("gemini", backup), ModelKind.CHAT, "gemini-2.5-pro");
      testbed.publish("vertex-then-gemini", ModelKind.CHAT, flash, other);
      tokens.enqueue(
          new MockResponse.Builder()
              .code(307)
              .addHeader("Location", elsewhere.url("/token?assertion=kept"))
              .build());
      elsewhere.enqueue(ServiceAccountKey.token("ya29.elsewhere", 3599));
      backup.enqueue(GoogleTestbed.json(200, ANSWER));

      try (RouteResponse response = testbed.chat("vertex-then-gemini")) {
        assertEquals(200, response.status());
        Attempt failed = response.attempts().get(0);
        assertEquals(Outcome.FAILOVER, failed.outcome());
        assertFalse(failed.error().orElseThrow().contains("assertion"), failed.error().get());
      }
      assertEquals(1, tokens.getRequestCount());
      assertEquals(0, elsewhere.getRequestCount());
      assertEquals(0, vertex.getRequestCount());
    }
  }

  @Test
  void malformedServiceAccountKeyFailsOverNamingTheFieldOnly() {
    Provider broken =
        testbed.vertexAt(
            "broken",
            ProviderKind.VERTEX,
            "europe-west4",
            "{\"client_email\":\"a@b.c\",\"token_uri\":\"http://127.0.0.1:1/t\","
                + "\"private_key\":\"-----BEGIN PRIVATE KEY-----\\nnot-a-key\\n\"}");
    ProviderModel model = testbed.publish(broken, ModelKind.CHAT, "gemini-2.0-flash");
    testbed.publish("broken-then-vertex", ModelKind.CHAT, model, flash);
    tokens.enqueue(ServiceAccountKey.token("ya29.token-1", 3599));
    vertex.enqueue(GoogleTestbed.json(200, ANSWER));

    try (RouteResponse response = testbed.chat("broken-then-vertex")) {
      assertEquals(200, response.status());
      String error = response.attempts().get(0).error().orElseThrow();
      assertTrue(error.contains("private_key is not a PKCS#8 RSA key"), error);
      assertFalse(error.contains("not-a-key"), error);
    }
  }

  @Test
  void embeddingsUsePredictAndReportItsTokenCounts() throws Exception {
    Provider provider = testbed.registry.providers("vertex").get(0);
    testbed.publish(provider, ModelKind.EMBEDDING, "text-embedding-005");
    tokens.enqueue(ServiceAccountKey.token("ya29.token-1", 3599));
    vertex.enqueue(
        GoogleTestbed.json(
            200,
            """
            {"predictions":[
              {"embeddings":{"values":[0.1,0.2],"statistics":{"token_count":3,"truncated":false}}},
              {"embeddings":{"values":[0.3,0.4],"statistics":{"token_count":4,"truncated":false}}}]}
            """));

    JsonNode answer =
        testbed.answer(
            Dialect.OPENAI_EMBEDDINGS,
            "{\"model\":\"text-embedding-005\",\"input\":[\"one\",\"two\"],\"dimensions\":2}");

    RecordedRequest call = vertex.takeRequest();
    assertEquals(MODEL_PATH + "text-embedding-005:predict", call.getUrl().encodedPath());
    assertEquals(
        json(
            "{\"instances\":[{\"content\":\"one\"},{\"content\":\"two\"}],"
                + "\"parameters\":{\"outputDimensionality\":2}}"),
        json(call.getBody().utf8()));
    assertEquals(json("[0.3,0.4]"), answer.path("data").path(1).path("embedding"));
    assertEquals(7, answer.path("usage").path("prompt_tokens").asInt());
  }

  @Test
  void regionalAndGlobalLocationsHaveTheirHosts() {
    Provider regional = testbed.vertexAt("regional", ProviderKind.VERTEX, "us-central1", "{}");
    Provider global = testbed.vertexAt("global", ProviderKind.VERTEX_ANTHROPIC, "global", "{}");

    assertEquals(
        "https://us-central1-aiplatform.googleapis.com/v1/projects/acme-prod-1/locations/"
            + "us-central1/publishers/google/models/gemini-2.5-pro:generateContent",
        new VertexLocation(regional)
            .model("google", "gemini-2.5-pro", "generateContent")
            .toString());
    assertEquals(
        "https://aiplatform.googleapis.com/v1/projects/acme-prod-1/locations/global/publishers/"
            + "anthropic/models/claude-sonnet-4-5@20250929:rawPredict",
        new VertexLocation(global)
            .model("anthropic", "claude-sonnet-4-5@20250929", "rawPredict")
            .toString());
  }
}
