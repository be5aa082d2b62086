package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.registry.Model;
import dev.codevector.registry.ProviderKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claude's thinking, which Codex carries between turns as reasoning items CodeVector sealed, never
 * reaches OpenAI's Responses service, which cannot read it; OpenAI's own reasoning passes through.
 */
final class ReasoningFamiliesTest {
  private static final String RESPONSE =
      "{\"id\":\"resp_1\",\"object\":\"response\",\"model\":\"gpt-5\",\"status\":\"completed\","
          + "\"output\":[{\"type\":\"message\",\"id\":\"msg_1\",\"role\":\"assistant\","
          + "\"content\":[{\"type\":\"output_text\",\"text\":\"ok\",\"annotations\":[]}]}],"
          + "\"usage\":{\"input_tokens\":5,\"output_tokens\":1,\"total_tokens\":6}}";

  @TempDir Path dataDir;
  private final MockWebServer upstream = new MockWebServer();
  private ServerHarness harness;
  private String key;

  @BeforeEach
  void start() throws Exception {
    upstream.start();
    harness = new ServerHarness(dataDir);
    Model gpt =
        harness.publish("gpt-main", ProviderKind.OPENAI, Map.of(), List.of(upstream.url("/v1")));
    key = harness.keyFor("ada", gpt).plaintext().reveal();
  }

  @AfterEach
  void stop() {
    harness.close();
    upstream.close();
  }

  @Test
  void claudesSealedThinkingIsLeftOutOfAPassedThroughResponsesRequest() throws Exception {
    upstream.enqueue(new MockResponse.Builder().body(RESPONSE).build());
    String request =
        "{\"model\":\"gpt-main\",\"store\":false,\"input\":["
            + "{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[],"
            + "\"encrypted_content\":\"cv-anthropic.eyJ0ZXh0IjoiaG0ifQ\"},"
            + "{\"type\":\"reasoning\",\"id\":\"rs_2\",\"summary\":[],"
            + "\"encrypted_content\":\"gAAAAopenai\"},"
            + "{\"type\":\"message\",\"role\":\"user\",\"content\":\"go on\"}]}";

    try (Response response = harness.post("/v1/responses", key, request, Map.of())) {
      assertEquals(200, response.code(), response.body().string());
    }
    String sent = upstream.takeRequest().getBody().utf8();
    assertFalse(sent.contains("cv-anthropic."), sent);
    assertTrue(sent.contains("\"encrypted_content\":\"gAAAAopenai\""), sent);
    assertTrue(sent.contains("\"model\":\"upstream-gpt-main\""), sent);
  }

  @Test
  void aRequestWithoutItPassesThroughByteForByte() throws Exception {
    upstream.enqueue(new MockResponse.Builder().body(RESPONSE).build());
    String request =
        "{\"model\":\"gpt-main\",  \"input\":[{\"type\":\"message\",\"role\":\"user\","
            + "\"content\":\"hi\"}],\"store\":false}";

    try (Response response = harness.post("/v1/responses", key, request, Map.of())) {
      assertEquals(200, response.code());
    }
    RecordedRequest received = upstream.takeRequest();
    assertEquals(
        request.replace("\"gpt-main\"", "\"upstream-gpt-main\""), received.getBody().utf8());
  }
}
