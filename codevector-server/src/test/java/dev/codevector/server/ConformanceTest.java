package dev.codevector.server;

import static dev.codevector.server.ProviderKindCases.kinds;
import static dev.codevector.server.ProviderKindCases.publishAndIssueKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.access.Principal;
import dev.codevector.access.UserId;
import dev.codevector.registry.BackendSpec;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelKind;
import dev.codevector.registry.ModelStatus;
import dev.codevector.registry.ProviderModelId;
import dev.codevector.server.ProviderKindCases.KindCase;
import dev.codevector.testing.BedrockFrames;
import dev.codevector.usage.UsageRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which client dialect reaches which upstream kind with which features, checked through the running
 * server over HTTP, and written to {@code docs/compatibility.md}.
 *
 * <p>Every cell is one client dialect (OpenAI Chat, Anthropic Messages, OpenAI Responses), one
 * upstream kind (Bedrock twice: Claude over InvokeModel, other models over Converse), one feature
 * and one mode (a whole answer or a stream). The upstream is a mock that answers in the kind's own
 * format; each cell checks both what the client got in its dialect and what the upstream received
 * in its own. A cell the product cannot support, or one that fails today, is declared in {@link
 * #DECLARED} with the failure it shows and the reason; any other failure fails the build. When
 * every cell ran, the results become the document.
 */
final class ConformanceTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  /** Where the matrix is written, from the server module's working directory. */
  private static final Path DOCUMENT = Path.of("..", "docs", "compatibility.md");

  private static final String COMMAND =
      "./mvnw -B -pl codevector-server -am verify -Dtest=ConformanceTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false";

  static final String INSTRUCTION = "Answer in one word.";
  static final List<String> TURNS =
      List.of("user: Hi", "assistant: Hello! How can I help?", "user: Say hello.");
  static final String QUESTION = "Weather in Paris?";
  static final String TOOL = "get_weather";
  static final String ARGUMENTS = "{\"city\":\"Paris\"}";
  static final String RESULT = "Sunny, 21 C";
  static final String THOUGHT = "Let me think.";
  static final String PNG =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
  static final String DATA_URL = "data:image/png;base64," + PNG;

  // The upstream's token counts: fresh input, cached input (where the format has it), output.
  static final long FRESH = 11;
  static final long CACHED = 3;
  static final long OUTPUT = 7;

  @TempDir static Path dataDir;

  /** The client dialects, by the endpoint each calls. */
  enum ClientDialect {
    CHAT("OpenAI Chat", "/v1/chat/completions", "call_01A"),
    MESSAGES("Anthropic Messages", "/v1/messages", "toolu_01A"),
    RESPONSES("OpenAI Responses", "/v1/responses", "call_01A");

    final String label;
    final String path;
    final String toolCallId;

    ClientDialect(String label, String path, String toolCallId) {
      this.label = label;
      this.path = path;
      this.toolCallId = toolCallId;
    }
  }

  /** What a cell checks. */
  enum Feature {
    TEXT,
    TOOLS,
    REASONING,
    IMAGE,
    USAGE,
    ERROR;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A whole answer or a stream. */
  enum Mode {
    JSON,
    STREAM
  }

  /** One cell of the matrix. */
  record Cell(ClientDialect dialect, String upstream, Feature feature, Mode mode) {
    @Override
    public String toString() {
      return dialect.label + " -> " + upstream + ", " + feature.label() + ", " + mode;
    }
  }

  /**
   * Cells that do not pass because the product cannot support them by design, with the reason. A
   * declaration explains a failure only when the failure's message shows its symptom, so a declared
   * cell that breaks in another way still fails the build. Empty sets and a null feature match
   * every value.
   */
  record Declared(
      Set<ClientDialect> dialects,
      Set<String> upstreams,
      Feature feature,
      String symptom,
      String reason) {
    /**
     * Whether this explains a cell's failure: the cell matches and the failure shows the symptom.
     */
    boolean explains(Cell cell, Throwable failure) {
      return (dialects.isEmpty() || dialects.contains(cell.dialect()))
          && (upstreams.isEmpty() || upstreams.contains(cell.upstream()))
          && (feature == null || feature == cell.feature())
          && String.valueOf(failure.getMessage()).contains(symptom);
    }
  }

  /** Every cell that does not pass, and why; a cell not listed here must pass. */
  static final List<Declared> DECLARED =
      List.of(
          new Declared(
              Set.of(),
              Set.of("bedrock-converse"),
              Feature.REASONING,
              "Converse takes no reasoning setting",
              "no thinking setting for Converse models; reasoning blocks left out"));

  /**
   * Whether the reasoning setting is forwarded to the upstream: a translated request keeps it for
   * OpenAI, Azure and Gemini, not for other OpenAI-compatible servers, which cannot be known to
   * take it.
   */
  static boolean forwardsReasoningSetting(ClientDialect dialect, String upstream) {
    return dialect == ClientDialect.CHAT
        || !Set.of("groq", "deepseek", "moonshot", "openai-compatible").contains(upstream);
  }

  /** The declarations that explained a cell that did not pass. */
  private static final Set<Declared> EXPLAINED = ConcurrentHashMap.newKeySet();

  /** The result of each cell that ran: empty for a pass, or the declared reason. */
  private static final Map<Cell, Optional<String>> RESULTS = new ConcurrentHashMap<>();

  private static final Map<String, Upstream> UPSTREAMS = new ConcurrentHashMap<>();

  static Stream<Arguments> cells() {
    List<Arguments> cells = new ArrayList<>();
    for (Row row : rows()) {
      for (Feature feature : Feature.values()) {
        for (ClientDialect dialect : ClientDialect.values()) {
          for (Mode mode : Mode.values()) {
            cells.add(Arguments.of(new Cell(dialect, row.name(), feature, mode)));
          }
        }
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cells")
  void clientDialectReachesUpstreamKind(Cell cell) throws Exception {
    Upstream upstream = upstream(cell.upstream());

    try {
      check(cell, upstream);
      RESULTS.put(cell, Optional.empty());
    } catch (AssertionError | Exception e) {
      Optional<Declared> declared = DECLARED.stream().filter(d -> d.explains(cell, e)).findFirst();
      if (declared.isEmpty()) {
        RESULTS.put(cell, Optional.of("FAIL"));
        throw e;
      }
      Declared known = declared.get();
      EXPLAINED.add(known);
      RESULTS.put(cell, Optional.of(known.reason()));
    }
  }

  @AfterAll
  static void writeTheMatrix() throws IOException {
    for (Upstream upstream : UPSTREAMS.values()) {
      upstream.close();
    }
    if (RESULTS.size() == cells().count()) {
      String document = document();
      String committed =
          Files.exists(DOCUMENT) ? Files.readString(DOCUMENT, StandardCharsets.UTF_8) : "";
      Files.writeString(DOCUMENT, document, StandardCharsets.UTF_8);
      assertEquals(
          committed,
          document,
          DOCUMENT + " did not match the suite's results; it has been rewritten: commit it");
      for (Declared declared : DECLARED) {
        assertTrue(
            EXPLAINED.contains(declared),
            "every cell declared as '" + declared.reason() + "' passes; remove the declaration");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The cells

  private static void check(Cell cell, Upstream upstream) throws Exception {
    ClientDialect dialect = cell.dialect();
    boolean stream = cell.mode() == Mode.STREAM;
    NativeFormat format = upstream.row.format(dialect);
    String slug = upstream.slug;
    switch (cell.feature()) {
      case TEXT -> {
        upstream.answer(() -> upstream.row.respond(format.text(), stream, 200));
        Answer answer = call(upstream, dialect, DialectClients.text(dialect, slug), stream);

        answer.assertOk();
        assertEquals("Hello", answer.text, "text");
        answer.assertStop(dialect, false);
        JsonNode sent = upstream.received(dialect, stream);
        assertEquals(INSTRUCTION, format.instruction(sent), "instruction at the upstream");
        assertEquals(TURNS, format.turns(sent), "turns at the upstream");
      }
      case TOOLS -> {
        upstream.answer(() -> upstream.row.respond(format.toolCall(), stream, 200));
        Answer answer = call(upstream, dialect, DialectClients.tools(dialect, slug, false), stream);

        answer.assertOk();
        JsonNode sent = upstream.received(dialect, stream);
        format.checkToolDefinition(sent);
        assertEquals(1, answer.calls.size(), "tool calls: " + answer.calls);
        ToolCall call = answer.calls.get(0);
        answer.assertStop(dialect, true);
        assertEquals(TOOL, call.name(), "tool name");
        assertEquals(MAPPER.readTree(ARGUMENTS), MAPPER.readTree(call.arguments()), "arguments");
        format
            .upstreamToolId()
            .ifPresentOrElse(
                id -> assertEquals(id, call.id(), "tool call id"),
                () -> assertFalse(call.id().isBlank(), "tool call id"));

        upstream.answer(() -> upstream.row.respond(format.text(), stream, 200));
        Answer second = call(upstream, dialect, DialectClients.tools(dialect, slug, true), stream);

        second.assertOk();
        assertEquals("Hello", second.text, "text after the tool result");
        second.assertStop(dialect, false);
        format.checkToolResult(upstream.received(dialect, stream), dialect.toolCallId);
      }
      case REASONING -> {
        upstream.answer(() -> upstream.row.respond(format.reasoning(), stream, 200));
        Answer answer = call(upstream, dialect, DialectClients.reasoning(dialect, slug), stream);

        answer.assertOk();
        JsonNode sent = upstream.received(dialect, stream);
        if (forwardsReasoningSetting(dialect, cell.upstream())) {
          format.checkReasoning(sent);
        }
        assertEquals("Hello", answer.text, "text");
        assertEquals(THOUGHT, answer.reasoning, "reasoning");
      }
      case IMAGE -> {
        upstream.answer(() -> upstream.row.respond(format.text(), stream, 200));
        Answer answer = call(upstream, dialect, DialectClients.image(dialect, slug), stream);

        answer.assertOk();
        assertEquals("Hello", answer.text, "text");
        format.checkImage(upstream.received(dialect, stream));
      }
      case USAGE -> {
        upstream.answer(() -> upstream.row.respond(format.text(), stream, 200));
        Answer answer = call(upstream, dialect, DialectClients.plain(dialect, slug), stream);

        answer.assertOk();
        upstream.received(dialect, stream);
        boolean cached = format.hasCachedTokens();
        long cachedTokens = cached ? CACHED : 0;
        long fresh = cached ? FRESH : FRESH + CACHED;
        assertEquals(
            List.of(
                dialect == ClientDialect.MESSAGES ? fresh : FRESH + CACHED, cachedTokens, OUTPUT),
            Arrays.asList(answer.input, answer.cached, answer.output),
            "client usage (input, cached, output)");
        UsageRecord row = upstream.usageRow(answer.requestId);
        assertEquals(
            List.of(fresh, cachedTokens, OUTPUT),
            List.of(row.inputTokens(), row.cachedInputTokens(), row.outputTokens()),
            "usage row (input, cached, output)");
      }
      case ERROR -> {
        upstream.answer(upstream.row::rateLimited);
        String errorSlug = upstream.errorSlug(dialect, cell.mode());
        Answer answer = call(upstream, dialect, DialectClients.plain(dialect, errorSlug), stream);

        assertEquals(429, answer.status, "status: " + answer.body);
        upstream.received(dialect, stream);
        assertTrue(
            answer.contentType.startsWith("application/json"),
            "content type " + answer.contentType);
        JsonNode error = MAPPER.readTree(answer.body);
        if (dialect == ClientDialect.MESSAGES) {
          assertEquals("error", error.path("type").asText(), answer.body);
          assertEquals("rate_limit_error", error.path("error").path("type").asText(), answer.body);
        } else {
          assertEquals("rate_limit_error", error.path("error").path("type").asText(), answer.body);
        }
        assertFalse(error.path("error").path("message").asText().isBlank(), answer.body);
      }
      default -> throw new IllegalStateException();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The server and the mock upstream of one row

  /** A row of the matrix: an upstream kind and the native formats it speaks. */
  record Row(String name, KindCase kind) {
    /** The format the upstream speaks to a client of the dialect. */
    NativeFormat format(ClientDialect dialect) {
      return switch (name) {
        case "openai" ->
            dialect == ClientDialect.RESPONSES ? NativeFormat.RESPONSES : NativeFormat.CHAT;
        case "azure", "groq", "deepseek", "moonshot", "openai-compatible" -> NativeFormat.CHAT;
        case "anthropic", "vertex-anthropic", "bedrock-claude" -> NativeFormat.MESSAGES;
        case "google", "vertex" -> NativeFormat.GEMINI;
        case "cohere" -> NativeFormat.COHERE;
        case "bedrock-converse" -> NativeFormat.CONVERSE;
        default -> throw new IllegalArgumentException(name);
      };
    }

    /** The path the upstream is called at for a client of the dialect. */
    String path(ClientDialect dialect, boolean stream) {
      if (name.equals("openai") && dialect == ClientDialect.RESPONSES) {
        return "/v1/responses";
      }
      return stream ? kind.streamPath() : kind.path();
    }

    /** Wraps a native answer: JSON, or a stream as SSE or Bedrock's event-stream frames. */
    MockResponse respond(NativeFormat.Body body, boolean stream, int code) {
      if (!stream) {
        return new MockResponse.Builder()
            .code(code)
            .addHeader("content-type", "application/json")
            .body(body.json())
            .build();
      }
      if (name.equals("bedrock-claude")) {
        BedrockFrames frames = new BedrockFrames();
        for (String[] event : NativeFormat.events(body.stream())) {
          frames.chunk(event[1]);
        }
        return frames.response();
      }
      if (name.equals("bedrock-converse")) {
        BedrockFrames frames = new BedrockFrames();
        for (String[] event : NativeFormat.events(body.stream())) {
          frames.event(event[0], event[1]);
        }
        return frames.response();
      }
      return new MockResponse.Builder()
          .addHeader("content-type", "text/event-stream")
          .body(body.stream())
          .build();
    }

    /** A 429 in the kind's own error shape. */
    MockResponse rateLimited() {
      MockResponse.Builder answer =
          new MockResponse.Builder().code(429).addHeader("content-type", "application/json");
      return switch (name) {
        case "anthropic" ->
            answer
                .body(
                    "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
                        + "\"message\":\"Number of request tokens has exceeded your rate limit\"}}")
                .build();
        case "bedrock-claude", "bedrock-converse" ->
            answer
                .addHeader("x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/")
                .body("{\"message\":\"Too many requests, please wait before trying again.\"}")
                .build();
        case "google", "vertex", "vertex-anthropic" ->
            answer
                .body(
                    "{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted\","
                        + "\"status\":\"RESOURCE_EXHAUSTED\"}}")
                .build();
        case "cohere" ->
            answer.body("{\"message\":\"You are using a Trial key, which is limited\"}").build();
        default ->
            answer
                .body(
                    "{\"error\":{\"message\":\"Rate limit reached for requests\","
                        + "\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}")
                .build();
      };
    }
  }

  static List<Row> rows() {
    return kinds()
        .map(
            kind ->
                kind.kind().equals("openai") || kind.kind().equals("azure")
                    ? withModel(kind, "gpt-5-mini")
                    : kind)
        .map(
            kind ->
                new Row(
                    kind.kind().equals("bedrock")
                        ? kind.modelId().startsWith("anthropic.")
                            ? "bedrock-claude"
                            : "bedrock-converse"
                        : kind.kind(),
                    kind))
        .toList();
  }

  /** The same kind on another of its catalog's models, so that reasoning settings apply. */
  private static KindCase withModel(KindCase kind, String model) {
    return new KindCase(
        kind.kind(),
        kind.credentials(),
        kind.config(),
        kind.credential(),
        model,
        kind.client(),
        kind.path().replace(kind.modelId(), model),
        kind.streamPath().replace(kind.modelId(), model),
        kind.answer(),
        kind.stream(),
        kind.otherAnswers());
  }

  private static Upstream upstream(String name) {
    return UPSTREAMS.computeIfAbsent(
        name,
        n -> {
          Row row = rows().stream().filter(r -> r.name().equals(n)).findFirst().orElseThrow();
          try {
            return new Upstream(row, dataDir.resolve(n));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /**
   * The server and a mock of one upstream kind, with a Model on it and a key for it; the mock plays
   * whatever answer the cell sets and records every request.
   */
  static final class Upstream implements AutoCloseable {
    final Row row;
    final MockWebServer provider = new MockWebServer();
    final ServerHarness harness;
    final String slug;
    final String key;
    final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> errorSlugs = new LinkedHashMap<>();
    private volatile Supplier<MockResponse> answer =
        () -> new MockResponse.Builder().code(500).build();

    Upstream(Row row, Path dir) throws Exception {
      this.row = row;
      Files.createDirectories(dir);
      provider.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              MockResponse other = row.kind().otherAnswers().get(request.getUrl().encodedPath());
              if (other != null) {
                return other;
              }
              requests.add(request);
              return answer.get();
            }
          });
      provider.start();
      harness = new ServerHarness(dir);
      slug = "conf-" + row.name();
      key = publishAndIssueKey(harness, row.kind(), provider.url("/"), slug);
      // A Model per error cell, so that no failure counts against another cell's Backend.
      Model main = harness.codeVector.registry().findModelBySlug(slug).orElseThrow();
      ProviderModelId target = main.backends().get(0).providerModelId();
      UserId user = harness.codeVector.access().users().get(0).id();
      for (ClientDialect dialect : ClientDialect.values()) {
        for (Mode mode : Mode.values()) {
          String errorSlug =
              (slug + "-429-" + dialect.name() + "-" + mode.name()).toLowerCase(Locale.ROOT);
          Model model =
              harness.codeVector.registry().createModel(errorSlug, errorSlug, ModelKind.CHAT);
          harness.codeVector.registry().addBackend(model.id(), BackendSpec.of(target, 10));
          harness.codeVector.registry().changeStatus(model.id(), ModelStatus.ACTIVE);
          harness.codeVector.access().grant(model.id(), Principal.ofUser(user));
          errorSlugs.put(dialect + "/" + mode, errorSlug);
        }
      }
    }

    String errorSlug(ClientDialect dialect, Mode mode) {
      return errorSlugs.get(dialect + "/" + mode);
    }

    void answer(Supplier<MockResponse> next) {
      requests.clear();
      answer = next;
    }

    /** The body of the one request the upstream received since the answer was set. */
    JsonNode received(ClientDialect dialect, boolean stream) throws IOException {
      List<RecordedRequest> got;
      synchronized (requests) {
        got = List.copyOf(requests);
      }
      assertFalse(got.isEmpty(), "the upstream received no request");
      RecordedRequest request = got.get(got.size() - 1);
      assertEquals(row.path(dialect, stream), request.getUrl().encodedPath(), "upstream path");
      row.kind().credential().verify(request);
      String body = request.getBody() == null ? "" : request.getBody().utf8();
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("the upstream received no JSON: " + body, e);
      }
    }

    /** The usage row of a request, once the recorder has written it. */
    UsageRecord usageRow(String requestId) throws InterruptedException {
      assertNotNull(requestId, "x-request-id");
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (true) {
        harness.codeVector.usage().flush();
        for (UsageRecord record :
            harness.codeVector.usageRecords(
                Instant.EPOCH, Instant.now().plusSeconds(60), 100_000)) {
          if (record.requestId().equals(requestId)) {
            return record;
          }
        }
        if (System.nanoTime() - deadline > 0) {
          fail("no usage row for request " + requestId);
        }
        Thread.sleep(20);
      }
    }

    @Override
    public void close() {
      harness.close();
      provider.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The client side

  /** A tool call as the client got it. */
  record ToolCall(String id, String name, String arguments) {}

  /** What the client got, read from its dialect into one shape. */
  static final class Answer {
    int status;
    String contentType = "";
    String body = "";
    String requestId;
    String text = "";
    String stop = "";
    String reasoning = "";
    final List<ToolCall> calls = new ArrayList<>();
    Long input;
    Long cached;
    Long output;

    void assertOk() {
      assertEquals(200, status, body);
    }

    /** Checks the stop reason of a finished text answer, or of one that calls tools. */
    void assertStop(ClientDialect dialect, boolean calledTools) {
      String expected =
          switch (dialect) {
            case CHAT -> calledTools ? "tool_calls" : "stop";
            case MESSAGES -> calledTools ? "tool_use" : "end_turn";
            case RESPONSES -> "completed";
          };
      assertEquals(expected, stop, "stop reason");
    }
  }

  private static Answer call(
      Upstream upstream, ClientDialect dialect, ObjectNode request, boolean stream)
      throws IOException {
    if (stream) {
      request.put("stream", true);
      if (dialect == ClientDialect.CHAT) {
        request.putObject("stream_options").put("include_usage", true);
      }
    }
    Request.Builder http =
        new Request.Builder()
            .url(upstream.harness.url(dialect.path))
            .post(RequestBody.create(request.toString(), JSON_TYPE));
    if (dialect == ClientDialect.MESSAGES) {
      http.header("x-api-key", upstream.key).header("anthropic-version", "2023-06-01");
    } else {
      http.header("Authorization", "Bearer " + upstream.key);
    }
    Answer answer = new Answer();
    try (Response response = upstream.harness.http.newCall(http.build()).execute()) {
      answer.status = response.code();
      answer.contentType = Optional.ofNullable(response.header("content-type")).orElse("");
      answer.requestId = response.header("x-request-id");
      answer.body = response.body().string();
    }
    if (answer.status != 200) {
      return answer;
    }
    if (stream) {
      assertTrue(
          answer.contentType.startsWith("text/event-stream"), "content type " + answer.contentType);
      DialectClients.readStream(dialect, NativeFormat.events(answer.body), answer);
    } else {
      DialectClients.read(dialect, MAPPER.readTree(answer.body), answer);
    }
    return answer;
  }

  // ---------------------------------------------------------------------------------------------
  // The document

  private static String document() {
    StringBuilder doc = new StringBuilder();
    doc.append("# Compatibility matrix\n\n")
        .append(
            "Which client dialect reaches which upstream kind with which features, as checked by"
                + " `ConformanceTest` (codevector-server) through the running server over HTTP."
                + " Each upstream is a mock that answers in the kind's own format; each cell checks"
                + " what the client got in its dialect and what the upstream received in its own"
                + " format.\n\n")
        .append("What each feature checks:\n\n")
        .append(
            "- **text**: a system instruction and three turns (user, assistant, user) reach the"
                + " upstream as its instruction and turns; the answer's text arrives whole, with"
                + " the dialect's stop reason.\n")
        .append(
            "- **tools**: a function tool and a tool choice naming it reach the upstream in its"
                + " form; the upstream's tool call reaches the client with its name, arguments and"
                + " id (the upstream's id where it sends one) and a tool-use stop reason; the"
                + " client's call and result, sent"
                + " back in its dialect, reach the upstream as a call and its result.\n")
        .append(
            "- **reasoning**: the client asks for reasoning (`reasoning_effort: high`, thinking"
                + " with `budget_tokens: 4096`, `reasoning.effort: high`); the upstream receives"
                + " the mapped setting (`reasoning_effort`, Anthropic `thinking` with a 4096-token"
                + " budget, Gemini `thinkingConfig` with a 4096-token budget and thoughts included;"
                + " not checked where the product leaves the setting out: Cohere, which takes"
                + " no effort setting, and Groq, DeepSeek, Moonshot and OpenAI-compatible servers"
                + " when the request is translated, as they cannot be known to take it); the"
                + " upstream's reasoning text reaches the client (`reasoning_content`, a `thinking`"
                + " block, a `reasoning` item).\n")
        .append(
            "- **image**: a base64 PNG in the user turn reaches the upstream in its form;"
                + " the answer's text arrives whole.\n")
        .append(
            "- **usage**: the upstream's input, cached-input (where its format has them) and"
                + " output tokens reach the client's usage object and the usage row.\n")
        .append(
            "- **error**: the upstream answers 429 in its own error shape, with no other"
                + " Backend; the client gets a 429 in its dialect's error shape, also when it asked"
                + " for a stream.\n\n")
        .append(
            "A cell reads *JSON / stream* when the two modes differ. ✓ passed; a reason: the"
                + " product does not support it by design; a cell that fails otherwise fails the"
                + " build. The OpenAI and Azure rows use `gpt-5-mini`, a reasoning model; the other"
                + " rows use a model from the kind's catalog (or a hand-added one for"
                + " openai-compatible).\n\n")
        .append("Regenerate with:\n\n```\n")
        .append(COMMAND)
        .append("\n```\n\n")
        .append(summary())
        .append("\n\n| Client | Upstream |");
    for (Feature feature : Feature.values()) {
      doc.append(' ').append(feature.label()).append(" |");
    }
    doc.append("\n|---|---|");
    for (int i = 0; i < Feature.values().length; i++) {
      doc.append("---|");
    }
    doc.append('\n');
    for (ClientDialect dialect : ClientDialect.values()) {
      for (Row row : rows()) {
        doc.append("| ").append(dialect.label).append(" | ").append(row.name()).append(" |");
        for (Feature feature : Feature.values()) {
          String json = mark(new Cell(dialect, row.name(), feature, Mode.JSON));
          String stream = mark(new Cell(dialect, row.name(), feature, Mode.STREAM));
          doc.append(' ').append(json.equals(stream) ? json : json + " / " + stream).append(" |");
        }
        doc.append('\n');
      }
    }
    return doc.toString();
  }

  /** Counts the cells that passed and those the product does not support. */
  private static String summary() {
    long passed = RESULTS.values().stream().filter(Optional::isEmpty).count();
    return RESULTS.size()
        + " cells (client x upstream x feature x mode): "
        + passed
        + " pass, "
        + (RESULTS.size() - passed)
        + " are not supported by design.";
  }

  private static String mark(Cell cell) {
    return RESULTS.get(cell).orElse("✓");
  }
}
