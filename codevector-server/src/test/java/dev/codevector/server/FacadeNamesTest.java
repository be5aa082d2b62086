package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.access.IssuedKey;
import dev.codevector.registry.Model;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients see the Model's slug wherever an answer names a model, passed through or translated;
 * operators see the Backend that served in response headers.
 */
final class FacadeNamesTest {
  private static final Map<String, String> ANTHROPIC = Map.of("anthropic-version", "2023-06-01");

  @TempDir Path dataDir;
  private final MockWebServer upstream = new MockWebServer();
  private ServerHarness harness;
  private Model gpt;
  private Model claude;
  private String key;

  @BeforeEach
  void start() throws Exception {
    upstream.start();
    harness = new ServerHarness(dataDir);
    gpt = harness.chatModel("gpt-main", upstream);
    claude = harness.anthropicModel("claude-main", upstream);
    IssuedKey issued = harness.keyFor("ada", gpt, claude);
    key = issued.plaintext().reveal();
  }

  @AfterEach
  void stop() {
    harness.close();
    upstream.close();
  }

  @Test
  void aPassedThroughAnswerNamesTheSlugAndKeepsEverythingElse() throws Exception {
    upstream.enqueue(
        new MockResponse.Builder()
            .body(
                "{\"id\":\"chatcmpl-1\",\"model\":\"gpt-4o-2024-08-06\",\"choices\":[{\"index\":0,"
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"the model: gpt\"},"
                    + "\"finish_reason\":\"stop\"}],\"system_fingerprint\":\"fp_1\"}")
            .build());

    try (Response response =
        harness.post(
            "/v1/chat/completions",
            key,
            "{\"model\":\"gpt-main\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            Map.of())) {
      assertEquals(200, response.code());
      assertEquals(
          "{\"id\":\"chatcmpl-1\",\"model\":\"gpt-main\",\"choices\":[{\"index\":0,"
              + "\"message\":{\"role\":\"assistant\",\"content\":\"the model: gpt\"},"
              + "\"finish_reason\":\"stop\"}],\"system_fingerprint\":\"fp_1\"}",
          response.body().string());
      assertEquals(gpt.backends().get(0).id().value(), response.header("x-codevector-backend"));
      assertEquals("upstream-gpt-main", response.header("x-codevector-upstream-model"));
    }
  }

  @Test
  void everyPassedThroughChatChunkNamesTheSlug() throws Exception {
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("content-type", "text/event-stream")
            .body(
                "data: {\"id\":\"c\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"content\":\"a\"}}]}\n\n"
                    + "data: {\"id\":\"c\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                    + "data: [DONE]\n\n")
            .build());

    try (Response response =
        harness.post(
            "/v1/chat/completions",
            key,
            "{\"model\":\"gpt-main\",\"stream\":true,\"messages\":[]}",
            Map.of())) {
      String body = response.body().string();
      assertEquals(
          "data: {\"id\":\"c\",\"model\":\"gpt-main\",\"choices\":[{\"index\":0,"
              + "\"delta\":{\"content\":\"a\"}}]}\n\n"
              + "data: {\"id\":\"c\",\"model\":\"gpt-main\",\"choices\":[{\"index\":0,"
              + "\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
              + "data: [DONE]\n\n",
          body);
      assertEquals("upstream-gpt-main", response.header("x-codevector-upstream-model"));
    }
  }

  @Test
  void aPassedThroughAnthropicStreamNamesTheSlugInItsMessageStart() throws Exception {
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("content-type", "text/event-stream")
            .body(
                "event: message_start\n"
                    + "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
                    + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x-20250101\","
                    + "\"content\":[],\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n"
                    + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")
            .build());

    try (Response response =
        harness.post(
            "/v1/messages",
            key,
            "{\"model\":\"claude-main\",\"max_tokens\":8,\"stream\":true,\"messages\":[]}",
            ANTHROPIC)) {
      String body = response.body().string();
      assertTrue(body.contains("\"model\":\"claude-main\""), body);
      assertFalse(body.contains("claude-x-20250101"), body);
      assertEquals(claude.backends().get(0).id().value(), response.header("x-codevector-backend"));
    }
  }

  @Test
  void aTranslatedAnswerNamesTheSlugToo() throws Exception {
    upstream.enqueue(
        new MockResponse.Builder()
            .body(
                "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                    + "\"model\":\"claude-x-20250101\",\"content\":[{\"type\":\"text\","
                    + "\"text\":\"hi\"}],\"stop_reason\":\"end_turn\","
                    + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}")
            .build());

    try (Response response =
        harness.post(
            "/v1/chat/completions",
            key,
            "{\"model\":\"claude-main\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            Map.of())) {
      String body = response.body().string();
      assertEquals(200, response.code(), body);
      assertTrue(body.contains("\"model\":\"claude-main\""), body);
      assertFalse(body.contains("claude-x"), body);
      assertEquals("upstream-claude-main", response.header("x-codevector-upstream-model"));
    }
  }

  @Test
  void aRequestNoBackendCanEverServeIsA400WithoutRetryHints() throws Exception {
    try (Response response =
        harness.post(
            "/v1/embeddings", key, "{\"model\":\"claude-main\",\"input\":\"hello\"}", Map.of())) {
      String body = response.body().string();
      assertEquals(400, response.code(), body);
      assertTrue(body.contains("cannot serve openai embeddings requests"), body);
      assertTrue(body.contains("\"invalid_request_error\""), body);
      assertNull(response.header("retry-after"));
      assertNull(response.header("x-codevector-backend"));
    }
    assertEquals(0, upstream.getRequestCount());
  }
}
