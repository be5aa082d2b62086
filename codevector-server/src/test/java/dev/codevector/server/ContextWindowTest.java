package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.registry.Backend;
import dev.codevector.registry.Model;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderModelEdit;
import dev.codevector.usage.UsageRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backends whose context window cannot hold a request are skipped, and the client told so. */
final class ContextWindowTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COMPLETION =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":60000,\"completion_tokens\":1,\"total_tokens\":60001}}";

  /** About 60,000 tokens of text at four characters a token. */
  private static final String LONG_PROMPT = "word ".repeat(48_000);

  @TempDir Path dataDir;
  private final MockWebServer small = new MockWebServer();
  private final MockWebServer large = new MockWebServer();
  private ServerHarness harness;

  @BeforeEach
  void start() throws Exception {
    small.start();
    large.start();
    harness = new ServerHarness(dataDir);
  }

  @AfterEach
  void stop() {
    harness.close();
    small.close();
    large.close();
  }

  /** A Model with one Backend per upstream, whose windows are the ones given, in order. */
  private Model model(String slug, List<MockWebServer> upstreams, int... windows) {
    Model model =
        harness.publish(
            slug,
            ProviderKind.OPENAI_COMPATIBLE,
            Map.of(),
            upstreams.stream().map(u -> u.url("/v1")).toList());
    List<Backend> backends = model.backends();
    for (int i = 0; i < windows.length; i++) {
      harness
          .codeVector
          .registry()
          .editProviderModel(
              backends.get(i).providerModelId(),
              ProviderModelEdit.none().withContextWindow(windows[i]));
    }
    return model;
  }

  private static String chat(String model, String content, String extra) {
    return "{\"model\":\""
        + model
        + "\""
        + extra
        + ",\"messages\":[{\"role\":\"user\",\"content\":\""
        + content
        + "\"}]}";
  }

  @Test
  void aPromptTooLongForTheFirstBackendGoesToOneWhoseWindowHoldsIt() throws Exception {
    Model model = model("windows", List.of(small, large), 32_000, 200_000);
    String key = harness.keyFor("ada", model).plaintext().reveal();
    large.enqueue(new MockResponse.Builder().body(COMPLETION).build());

    try (Response response =
        harness.post("/v1/chat/completions", key, chat("windows", LONG_PROMPT, ""), Map.of())) {
      assertEquals(200, response.code());
      assertEquals("upstream-windows-1", response.header("x-codevector-upstream-model"));
    }
    assertEquals(0, small.getRequestCount());
    assertEquals(1, large.getRequestCount());
    UsageRecord record = harness.usageOf("windows");
    assertEquals(1, record.attempts().size(), record.toString());
    assertEquals(Optional.of("upstream-windows-1"), record.providerModel());
  }

  @Test
  void theRequestedOutputCountsAndAShortPromptStaysOnTheFirstBackend() throws Exception {
    Model model = model("outputs", List.of(small, large), 32_000, 200_000);
    String key = harness.keyFor("ada", model).plaintext().reveal();
    small.enqueue(new MockResponse.Builder().body(COMPLETION).build());
    large.enqueue(new MockResponse.Builder().body(COMPLETION).build());

    try (Response first =
            harness.post("/v1/chat/completions", key, chat("outputs", "hi", ""), Map.of());
        Response second =
            harness.post(
                "/v1/chat/completions",
                key,
                chat("outputs", "hi", ",\"max_completion_tokens\":40000"),
                Map.of())) {
      assertEquals(200, first.code());
      assertEquals(200, second.code());
    }
    assertEquals(1, small.getRequestCount());
    assertEquals(1, large.getRequestCount());
  }

  @Test
  void whenNoWindowHoldsThePromptEachDialectGetsItsOwnContextLengthError() throws Exception {
    Model model = model("short", List.of(small), 32_000);
    String key = harness.keyFor("ada", model).plaintext().reveal();

    JsonNode anthropic;
    JsonNode openAi;
    try (Response messages =
            harness.post(
                "/v1/messages",
                key,
                chat("short", LONG_PROMPT, ",\"max_tokens\":1000"),
                Map.of("anthropic-version", "2023-06-01"));
        Response completions =
            harness.post("/v1/chat/completions", key, chat("short", LONG_PROMPT, ""), Map.of())) {
      assertEquals(400, messages.code());
      assertEquals(400, completions.code());
      anthropic = JSON.readTree(messages.body().string());
      openAi = JSON.readTree(completions.body().string());
    }

    assertEquals("error", anthropic.get("type").asText(), anthropic.toString());
    JsonNode error = anthropic.get("error");
    assertEquals("invalid_request_error", error.get("type").asText());
    String message = error.get("message").asText();
    assertTrue(
        message.matches("prompt is too long: \\d+ tokens > 32000 maximum"), anthropic.toString());
    long tokens = Long.parseLong(message.split(" ")[4]);
    assertTrue(tokens > 60_000 && tokens < 62_000, message);

    JsonNode openAiError = openAi.get("error");
    assertEquals("invalid_request_error", openAiError.get("type").asText(), openAi.toString());
    assertEquals("context_length_exceeded", openAiError.get("code").asText());
    assertEquals("messages", openAiError.get("param").asText());
    assertTrue(openAiError.get("message").asText().contains("32000"), openAi.toString());

    assertEquals(0, small.getRequestCount());
    for (UsageRecord record : harness.usageOf("short", 2)) {
      assertEquals(400, record.status(), record.toString());
      assertTrue(record.attempts().isEmpty(), record.toString());
    }
  }
}
