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
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
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

  /** OpenAI's answer to a request longer than the model's window. */
  private static final String OPENAI_TOO_LONG =
      "{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens. However,"
          + " your messages resulted in 131072 tokens. Please reduce the length of the"
          + " messages.\",\"type\":\"invalid_request_error\",\"param\":\"messages\","
          + "\"code\":\"context_length_exceeded\"}}";

  /** Anthropic's answer to a request longer than the model's window. */
  private static final String ANTHROPIC_TOO_LONG =
      "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
          + "\"message\":\"prompt is too long: 250123 tokens > 200000 maximum\"}}";

  @TempDir Path dataDir;
  private final MockWebServer small = new MockWebServer();
  private final MockWebServer middle = new MockWebServer();
  private final MockWebServer large = new MockWebServer();
  private ServerHarness harness;

  @BeforeEach
  void start() throws Exception {
    small.start();
    middle.start();
    large.start();
    harness = new ServerHarness(dataDir);
  }

  @AfterEach
  void stop() {
    harness.close();
    small.close();
    middle.close();
    large.close();
  }

  /** A Model with one Backend per upstream, whose windows are the ones given, in order. */
  private Model model(String slug, List<MockWebServer> upstreams, int... windows) {
    return model(slug, ProviderKind.OPENAI_COMPATIBLE, "/v1", upstreams, windows);
  }

  private Model model(
      String slug, ProviderKind kind, String path, List<MockWebServer> upstreams, int... windows) {
    Model model =
        harness.publish(slug, kind, Map.of(), upstreams.stream().map(u -> u.url(path)).toList());
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

  /** The error bodies an Anthropic and an OpenAI client got. */
  private record Refusals(JsonNode anthropic, JsonNode openAi) {}

  /**
   * Sends the prompt as an Anthropic Messages request (with {@code max_tokens} 1000 and the extra
   * fields) and as an OpenAI Chat request; both must be answered 400.
   */
  private Refusals askInBothDialects(String key, String slug, String prompt, String messagesExtra)
      throws Exception {
    try (Response messages =
            harness.post(
                "/v1/messages",
                key,
                chat(slug, prompt, ",\"max_tokens\":1000" + messagesExtra),
                Map.of("anthropic-version", "2023-06-01"));
        Response completions =
            harness.post("/v1/chat/completions", key, chat(slug, prompt, ""), Map.of())) {
      assertEquals(400, messages.code());
      assertEquals(400, completions.code());
      return new Refusals(
          JSON.readTree(messages.body().string()), JSON.readTree(completions.body().string()));
    }
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

    Refusals refusals = askInBothDialects(key, "short", LONG_PROMPT, "");
    JsonNode anthropic = refusals.anthropic();
    JsonNode openAi = refusals.openAi();

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

  @Test
  void anUpstreamThatRefusesThePromptAsTooLongFailsOverToALargerWindowOnly() throws Exception {
    Model model = model("refusals", List.of(small, middle, large), 128_000, 64_000, 200_000);
    String key = harness.keyFor("ada", model).plaintext().reveal();
    small.enqueue(new MockResponse.Builder().code(400).body(OPENAI_TOO_LONG).build());
    large.enqueue(new MockResponse.Builder().body(COMPLETION).build());

    try (Response response =
        harness.post("/v1/chat/completions", key, chat("refusals", "hi", ""), Map.of())) {
      assertEquals(200, response.code());
      assertEquals("upstream-refusals-2", response.header("x-codevector-upstream-model"));
    }
    assertEquals(1, small.getRequestCount());
    assertEquals(
        0, middle.getRequestCount(), "a window no larger than one that refused is skipped");
    assertEquals(1, large.getRequestCount());
    UsageRecord record = harness.usageOf("refusals");
    assertEquals(200, record.status(), record.toString());
    assertEquals(2, record.attempts().size(), record.toString());
    assertEquals(400, record.attempts().get(0).status(), record.toString());

    // The refusal was the request's size, not the Backend's fault: the next request goes there.
    small.enqueue(new MockResponse.Builder().body(COMPLETION).build());
    try (Response response =
        harness.post("/v1/chat/completions", key, chat("refusals", "hi", ""), Map.of())) {
      assertEquals(200, response.code());
      assertEquals("upstream-refusals", response.header("x-codevector-upstream-model"));
    }
  }

  @Test
  void whenEveryUpstreamRefusesThePromptEachDialectGetsItsOwnContextLengthError() throws Exception {
    Model model = model("claude-refuses", ProviderKind.ANTHROPIC, "/", List.of(small), 200_000);
    String key = harness.keyFor("ada", model).plaintext().reveal();
    small.enqueue(new MockResponse.Builder().code(400).body(ANTHROPIC_TOO_LONG).build());
    small.enqueue(new MockResponse.Builder().code(400).body(ANTHROPIC_TOO_LONG).build());

    Refusals refusals = askInBothDialects(key, "claude-refuses", "hi", ",\"stream\":true");
    JsonNode anthropic = refusals.anthropic();
    JsonNode openAi = refusals.openAi();
    assertEquals(
        "prompt is too long: 250123 tokens > 200000 maximum",
        anthropic.path("error").path("message").asText(),
        anthropic.toString());
    assertEquals("invalid_request_error", anthropic.path("error").path("type").asText());
    JsonNode openAiError = openAi.get("error");
    assertEquals("context_length_exceeded", openAiError.get("code").asText(), openAi.toString());
    assertTrue(openAiError.get("message").asText().contains("200000"), openAi.toString());
    assertTrue(openAiError.get("message").asText().contains("250123"), openAi.toString());

    assertEquals(2, small.getRequestCount());
    for (UsageRecord record : harness.usageOf("claude-refuses", 2)) {
      assertEquals(400, record.status(), record.toString());
      assertEquals(1, record.attempts().size(), record.toString());
    }
  }

  @Test
  void anotherClientErrorOfTheUpstreamIsNotFailedOver() throws Exception {
    Model model = model("other-400", List.of(small, large), 128_000, 200_000);
    String key = harness.keyFor("ada", model).plaintext().reveal();
    String invalid =
        "{\"error\":{\"message\":\"Invalid value for 'temperature'.\","
            + "\"type\":\"invalid_request_error\",\"param\":\"temperature\",\"code\":null}}";
    small.enqueue(new MockResponse.Builder().code(400).body(invalid).build());

    try (Response response =
        harness.post("/v1/chat/completions", key, chat("other-400", "hi", ""), Map.of())) {
      assertEquals(400, response.code());
      assertEquals(invalid, response.body().string());
    }
    assertEquals(0, large.getRequestCount());
  }

  /**
   * An OpenAI-compatible upstream that holds requests to its own context window, as real ones do: a
   * body of more tokens than the window (at four bytes a token) is refused with OpenAI's
   * context-length error, naming both figures.
   */
  private static final class WindowedUpstream extends Dispatcher {
    private final int window;

    WindowedUpstream(int window) {
      this.window = window;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      long tokens = request.getBody().size() / 4;
      if (tokens <= window) {
        return new MockResponse.Builder().body(COMPLETION).build();
      }
      return new MockResponse.Builder()
          .code(400)
          .body(
              "{\"error\":{\"message\":\"This model's maximum context length is "
                  + window
                  + " tokens. However, your messages resulted in "
                  + tokens
                  + " tokens. Please reduce the length of the messages.\","
                  + "\"type\":\"invalid_request_error\",\"param\":\"messages\","
                  + "\"code\":\"context_length_exceeded\"}}")
          .build();
    }
  }

  @Test
  void upstreamsHoldingTheirOwnWindowsPassALongPromptOnToTheOneThatFitsIt() throws Exception {
    // Both are configured with 200K; the first upstream really holds 32K.
    Model model = model("enforced", List.of(small, large), 200_000, 200_000);
    String key = harness.keyFor("ada", model).plaintext().reveal();
    small.setDispatcher(new WindowedUpstream(32_000));
    large.setDispatcher(new WindowedUpstream(200_000));

    try (Response response =
        harness.post("/v1/chat/completions", key, chat("enforced", LONG_PROMPT, ""), Map.of())) {
      assertEquals(200, response.code());
      assertEquals("upstream-enforced-1", response.header("x-codevector-upstream-model"));
    }
    assertEquals(1, small.getRequestCount());
    assertEquals(1, large.getRequestCount());
  }
}
