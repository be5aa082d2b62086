package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.access.IssuedKey;
import dev.codevector.registry.Model;
import dev.codevector.registry.ProviderKind;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a holder of one valid API key can do to the gateway through its proxy endpoints, and what a
 * misbehaving upstream can: each finding of the security review, through the running server.
 */
final class ProxySecurityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COMPLETION =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";
  private static final String MESSAGE =
      "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"up\","
          + "\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"stop_reason\":\"end_turn\","
          + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}";

  @TempDir Path dataDir;
  private final MockWebServer primary = new MockWebServer();
  private final MockWebServer standby = new MockWebServer();
  private final MockWebServer elsewhere = new MockWebServer();
  private ServerHarness harness;

  @BeforeEach
  void start() throws Exception {
    primary.start();
    standby.start();
    elsewhere.start();
    harness = new ServerHarness(dataDir);
  }

  @AfterEach
  void stop() {
    harness.close();
    primary.close();
    standby.close();
    elsewhere.close();
  }

  private String keyFor(Model model) {
    IssuedKey key = harness.keyFor("ada", model);
    return key.plaintext().reveal();
  }

  private Model openAiModel(MockWebServer... upstreams) {
    return model(ProviderKind.OPENAI_COMPATIBLE, "/v1", upstreams);
  }

  private Model model(ProviderKind kind, String path, MockWebServer... upstreams) {
    return harness.publish(
        "smart",
        kind,
        Map.of("firstByteTimeoutSeconds", "10"),
        Arrays.stream(upstreams).map(upstream -> upstream.url(path)).toList());
  }

  private Response chat(String key, String body, Map<String, String> headers) throws Exception {
    return harness.post("/v1/chat/completions", key, body, headers);
  }

  private static String chatRequest() {
    return "{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  }

  private static JsonNode json(Response response) throws Exception {
    return JSON.readTree(response.body().string());
  }

  @Test
  void aRedirectIsFailedOverItsTargetGetsNothingAndOnlyItsHostIsLogged() throws Exception {
    String key = keyFor(openAiModel(primary, standby));
    primary.enqueue(
        new MockResponse.Builder()
            .code(307)
            .addHeader("Location", elsewhere.url("/v1/steal?token=leaked-query-value"))
            .build());
    standby.enqueue(new MockResponse.Builder().body(COMPLETION).build());

    String log;
    try (StderrCapture stderr = StderrCapture.start();
        Response response = chat(key, chatRequest(), Map.of())) {
      assertEquals(200, response.code());
      assertEquals(COMPLETION, response.body().string());
      log = stderr.text();
    }

    assertEquals(0, elsewhere.getRequestCount());
    assertTrue(
        log.contains("answered 307 redirecting to host " + elsewhere.getHostName() + ";"), log);
    assertFalse(log.contains("leaked-query-value"), log);
  }

  @Test
  void aRedirectWithNoOtherBackendIsA502InTheCallersDialect() throws Exception {
    String key = keyFor(openAiModel(primary));
    primary.enqueue(
        new MockResponse.Builder().code(302).addHeader("Location", elsewhere.url("/")).build());

    try (Response response = chat(key, chatRequest(), Map.of())) {
      assertEquals(502, response.code());
      assertEquals(
          "every backend of this model failed", json(response).at("/error/message").asText());
    }
    assertEquals(0, elsewhere.getRequestCount());
  }

  @Test
  void requestsRefusedAsTheClientsFaultDoNotHoldABackendsCircuit() throws Exception {
    String key = keyFor(model(ProviderKind.ANTHROPIC, "/", primary, standby));
    primary.enqueue(
        new MockResponse.Builder().code(503).addHeader("Retry-After", "1").body("{}").build());
    standby.enqueue(new MockResponse.Builder().body(MESSAGE).build());
    try (Response response = chat(key, chatRequest(), Map.of())) {
      assertEquals(200, response.code());
    }
    Thread.sleep(1_100); // the upstream's Retry-After is the cooldown

    for (int i = 0; i < 3; i++) {
      try (Response translationRefused =
              chat(
                  key,
                  "{\"model\":\"smart\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                  Map.of());
          Response headerRefused =
              chat(key, chatRequest(), Map.of("anthropic-beta", "caf\u00e9-2025"))) {
        assertEquals(400, translationRefused.code());
        assertEquals(400, headerRefused.code());
      }
    }
    primary.enqueue(new MockResponse.Builder().body(MESSAGE).build());
    primary.enqueue(new MockResponse.Builder().body(MESSAGE).build());

    for (int i = 0; i < 2; i++) {
      try (Response response = chat(key, chatRequest(), Map.of())) {
        assertEquals(200, response.code());
      }
    }
    assertEquals(3, primary.getRequestCount());
    assertEquals(1, standby.getRequestCount());
  }

  @Test
  void aClientHeaderThatCannotBeForwardedIsA400InAnthropicsShapeWithoutATrace() throws Exception {
    String key = keyFor(model(ProviderKind.ANTHROPIC, "/", primary));

    String log;
    try (StderrCapture stderr = StderrCapture.start();
        Response response =
            harness.post(
                "/v1/messages",
                key,
                "{\"model\":\"smart\",\"max_tokens\":10,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                Map.of("anthropic-version", "2023-06-01\u00a0\u200b"))) {
      assertEquals(400, response.code());
      JsonNode body = json(response);
      assertEquals("error", body.path("type").asText());
      assertEquals("invalid_request_error", body.at("/error/type").asText());
      assertEquals(
          "the anthropic-version header may hold only visible ASCII characters, spaces and tabs",
          body.at("/error/message").asText());
      log = stderr.text();
    }

    assertEquals(0, primary.getRequestCount());
    assertFalse(log.contains("\tat "), log);
    assertFalse(log.contains("ERROR"), log);
  }

  @Test
  void aCredentialWithInvisibleCharactersIsRefusedNamingTheFieldNotTheValue() throws Exception {
    for (String pasted :
        new String[] {
          TestSecrets.register("sk-pasted\u00a0key-0123456789"),
          TestSecrets.register("sk-pasted\u200bkey-0123456789")
        }) {
      ServerHarness.Reply reply =
          harness.admin(
              "POST",
              "/providers",
              "{\"kind\":\"openai\",\"name\":\"pasted\",\"credentials\":{\"apiKey\":\""
                  + pasted
                  + "\"}}");

      assertEquals(400, reply.code(), reply.body());
      assertTrue(reply.body().contains("credentials.apiKey"), reply.body());
      assertTrue(reply.body().contains("visible ASCII"), reply.body());
      assertFalse(reply.body().contains("sk-pasted"), reply.body());
    }
    assertEquals(0, harness.codeVector.registry().providers().size());
  }

  @Test
  void aWideBodyOnATranslatedRouteIsRefusedNamingTheLimitAndTheServerStaysUp() throws Exception {
    String key = keyFor(openAiModel(primary));
    String wide = wideMessagesRequest(30 * 1024 * 1024);

    for (int i = 0; i < 3; i++) {
      try (Response response =
          harness.post("/v1/messages", key, wide, Map.of("anthropic-version", "2023-06-01"))) {
        assertEquals(400, response.code());
        assertTrue(
            json(response).at("/error/message").asText().contains("more than 200000 JSON tokens"));
      }
    }

    assertEquals(0, primary.getRequestCount());
    primary.enqueue(new MockResponse.Builder().body(COMPLETION).build());
    try (Response response = chat(key, chatRequest(), Map.of())) {
      assertEquals(200, response.code());
    }
  }

  @Test
  void aHugeModelNameIsNotFoundWithoutBeingEchoed() throws Exception {
    String key = keyFor(openAiModel(primary));
    String huge = "x".repeat(5_000_000);

    for (int i = 0; i < 5; i++) {
      try (Response response =
          chat(key, "{\"model\":\"" + huge + "\",\"messages\":[]}", Map.of())) {
        assertEquals(404, response.code());
        String body = response.body().string();
        assertTrue(body.length() < 400, "an answer of " + body.length() + " characters");
        assertTrue(body.contains("the model does not exist"), body);
      }
    }
    assertEquals(0, primary.getRequestCount());
  }

  /**
   * An Anthropic request whose one message's content is an array of {@code size} bytes of zeros:
   * millions of JSON tokens, though next to no text, so that no context window turns it away first.
   */
  private static String wideMessagesRequest(int size) {
    String head =
        "{\"model\":\"smart\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":[";
    String tail = "0]}]}";
    int count = (size - head.length() - tail.length()) / 2;
    StringBuilder body = new StringBuilder(size).append(head);
    for (int i = 0; i < count; i++) {
      body.append("0,");
    }
    return body.append(tail).toString();
  }
}
