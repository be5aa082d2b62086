package dev.codevector.server;

import static dev.codevector.server.SdkClientsTest.CHAT_ANSWER;
import static dev.codevector.server.SdkClientsTest.CHAT_STREAM;
import static dev.codevector.server.SdkClientsTest.MESSAGE_ANSWER;
import static dev.codevector.server.SdkClientsTest.MESSAGE_STREAM;
import static dev.codevector.server.SdkClientsTest.json;
import static dev.codevector.server.SdkClientsTest.sse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.codevector.catalog.Catalog;
import dev.codevector.registry.ProviderKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every provider kind that has an adapter, end to end through the running server and its admin API
 * over HTTP: a Provider of the kind pointing at a mock of the provider, its models imported from
 * the catalog, a Model published on one of them, a user with a grant and a key, then a non-streamed
 * and a streamed request from the official SDK of the kind's client family, which the mock answers
 * in the provider's own format.
 *
 * <p>Each kind is one {@link KindCase} in {@link #kinds()}; a kind whose adapter lands later is
 * added there as one more case.
 */
final class ProviderKindsEndToEndTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dataDir;

  /** The SDK family that calls models of a kind. */
  enum Client {
    /** The OpenAI Java SDK, Chat Completions. */
    OPENAI,
    /** The Anthropic Java SDK, Messages. */
    ANTHROPIC
  }

  /**
   * One provider kind as the test drives it. Every mock answers with the text {@code Hello}: whole
   * when not streamed, in the deltas {@code Hel} and {@code lo} when streamed.
   *
   * @param kind the kind's wire name
   * @param credentials the Provider's credentials, for the mock's root URL (a kind whose adapter
   *     fetches tokens can point its credential there)
   * @param config the Provider's configuration for the mock's root URL: the base URL, or the
   *     endpoint-override field the kind declares
   * @param modelId the upstream model to publish: one of the kind's catalog, or, for a kind without
   *     a catalog, a Provider Model added by hand
   * @param client the SDK that calls it
   * @param path the path the mock expects a non-streamed request at
   * @param streamPath the path the mock expects a streamed request at
   * @param answer the mock's non-streamed answer, in the kind's native format
   * @param stream the mock's streamed answer, in the kind's native format
   * @param otherAnswers answers for any other path the adapter calls, such as a token endpoint
   */
  record KindCase(
      String kind,
      Function<HttpUrl, Map<String, String>> credentials,
      Function<HttpUrl, Map<String, String>> config,
      String modelId,
      Client client,
      String path,
      String streamPath,
      MockResponse answer,
      MockResponse stream,
      Map<String, MockResponse> otherAnswers) {

    @Override
    public String toString() {
      return kind;
    }

    /** A kind answering on one path, with an API key, a base URL under the mock's root. */
    static KindCase atBaseUrl(
        String kind,
        String basePath,
        String modelId,
        Client client,
        String path,
        MockResponse answer,
        MockResponse stream) {
      return new KindCase(
          kind,
          url -> Map.of("apiKey", "sk-e2e-" + kind + "-0123456789"),
          url -> Map.of("baseUrl", url.resolve(basePath).toString()),
          modelId,
          client,
          path,
          path,
          answer,
          stream,
          Map.of());
    }

    /** Whether a request the mock received asks for a stream. */
    boolean isStream(RecordedRequest request) {
      if (!path.equals(streamPath)) {
        return request.getUrl().encodedPath().equals(streamPath);
      }
      return request.getBody() != null && request.getBody().utf8().contains("\"stream\":true");
    }
  }

  /** The kinds with an adapter, one case each. */
  static Stream<KindCase> kinds() {
    return Stream.of(
        KindCase.atBaseUrl(
            "openai",
            "/v1",
            "gpt-4o",
            Client.OPENAI,
            "/v1/chat/completions",
            json(CHAT_ANSWER),
            sse(CHAT_STREAM)),
        KindCase.atBaseUrl(
            "azure",
            "/",
            "gpt-4o-mini",
            Client.OPENAI,
            "/openai/deployments/gpt-4o-mini/chat/completions",
            json(CHAT_ANSWER),
            sse(CHAT_STREAM)),
        KindCase.atBaseUrl(
            "groq",
            "/openai/v1",
            "llama-3.3-70b-versatile",
            Client.OPENAI,
            "/openai/v1/chat/completions",
            json(CHAT_ANSWER),
            sse(CHAT_STREAM)),
        KindCase.atBaseUrl(
            "deepseek",
            "/",
            "deepseek-chat",
            Client.OPENAI,
            "/chat/completions",
            json(CHAT_ANSWER),
            sse(CHAT_STREAM)),
        KindCase.atBaseUrl(
            "moonshot",
            "/v1",
            "kimi-k2.5",
            Client.OPENAI,
            "/v1/chat/completions",
            json(CHAT_ANSWER),
            sse(CHAT_STREAM)),
        KindCase.atBaseUrl(
            "openai-compatible",
            "/v1",
            "local-chat",
            Client.OPENAI,
            "/v1/chat/completions",
            json(CHAT_ANSWER),
            sse(CHAT_STREAM)),
        KindCase.atBaseUrl(
            "anthropic",
            "/",
            "claude-haiku-4-5",
            Client.ANTHROPIC,
            "/v1/messages",
            json(MESSAGE_ANSWER),
            sse(MESSAGE_STREAM)),
        KindCase.atBaseUrl(
            "cohere",
            "/",
            "command-a-03-2025",
            Client.OPENAI,
            "/v2/chat",
            json(
                "{\"id\":\"c1\",\"finish_reason\":\"COMPLETE\",\"message\":{\"role\":\"assistant\","
                    + "\"content\":[{\"type\":\"text\",\"text\":\"Hello\"}]},"
                    + "\"usage\":{\"tokens\":{\"input_tokens\":5,\"output_tokens\":1}}}"),
            sse(
                "event: message-start\ndata: {\"type\":\"message-start\",\"id\":\"c2\","
                    + "\"delta\":{\"message\":{\"role\":\"assistant\"}}}\n\n"
                    + "event: content-delta\ndata: {\"type\":\"content-delta\",\"index\":0,"
                    + "\"delta\":{\"message\":{\"content\":{\"text\":\"Hel\"}}}}\n\n"
                    + "event: content-delta\ndata: {\"type\":\"content-delta\",\"index\":0,"
                    + "\"delta\":{\"message\":{\"content\":{\"text\":\"lo\"}}}}\n\n"
                    + "event: message-end\ndata: {\"type\":\"message-end\",\"delta\":"
                    + "{\"finish_reason\":\"COMPLETE\",\"usage\":{\"tokens\":"
                    + "{\"input_tokens\":5,\"output_tokens\":2}}}}\n\n")));
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void sdkGetsTheProvidersAnswerThroughAnImportedCatalogModel(KindCase kind) throws Exception {
    try (MockWebServer provider = new MockWebServer();
        ServerHarness harness = new ServerHarness(dataDir)) {
      provider.setDispatcher(dispatcher(kind));
      provider.start();
      String slug = "e2e-" + kind.kind();
      String key = publishAndIssueKey(harness, kind, provider.url("/"), slug);

      String answer = call(harness, kind.client(), key, slug, false);
      List<String> answeredAt = paths(provider);
      String streamed = call(harness, kind.client(), key, slug, true);
      List<String> streamedAt = paths(provider);

      assertEquals("Hello", answer);
      assertEquals("Hello", streamed);
      assertTrue(answeredAt.contains(kind.path()), answeredAt.toString());
      assertTrue(streamedAt.contains(kind.streamPath()), streamedAt.toString());
    }
  }

  /** Answers the kind's paths in its format, and anything else with a 404. */
  private static Dispatcher dispatcher(KindCase kind) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        MockResponse other = kind.otherAnswers().get(path);
        if (other != null) {
          return other;
        }
        if (!path.equals(kind.path()) && !path.equals(kind.streamPath())) {
          return new MockResponse.Builder().code(404).body("no such path " + path).build();
        }
        return kind.isStream(request) ? kind.stream() : kind.answer();
      }
    };
  }

  /**
   * Through the admin API: adds the Provider, imports its catalog (or, for a kind without one, adds
   * the model by hand), publishes a Model on the case's model, and issues a key granted it.
   *
   * @return the key
   */
  private static String publishAndIssueKey(
      ServerHarness harness, KindCase kind, HttpUrl root, String slug) throws Exception {
    ObjectNode provider = MAPPER.createObjectNode().put("kind", kind.kind()).put("name", slug);
    provider.set("credentials", MAPPER.valueToTree(kind.credentials().apply(root)));
    provider.set("config", MAPPER.valueToTree(kind.config().apply(root)));
    String providerId =
        harness.admin("POST", "/providers", provider.toString()).expect(201).get("id").asText();
    String models = "/providers/" + providerId + "/models";
    boolean inCatalog = Catalog.bundled().forKind(ProviderKind.of(kind.kind())).isPresent();
    if (inCatalog) {
      JsonNode imported =
          harness.admin("POST", "/providers/" + providerId + "/catalog-import", null).expect(200);
      assertTrue(imported.get("imported").asInt() > 0, imported.toString());
    } else {
      harness
          .admin(
              "POST",
              models,
              "{\"modelId\":\""
                  + kind.modelId()
                  + "\",\"kind\":\"chat\",\"contextWindow\":128000,"
                  + "\"pricing\":{\"inputPerMTok\":1,\"outputPerMTok\":2}}")
          .expect(201);
    }
    String providerModelId = null;
    for (JsonNode model : harness.admin("GET", models, null).expect(200).get("data")) {
      if (model.get("modelId").asText().equals(kind.modelId())) {
        providerModelId = model.get("id").asText();
      }
    }
    assertNotNull(providerModelId, kind.modelId() + " is not among the Provider's models");

    harness
        .admin(
            "POST",
            "/models",
            "{\"slug\":\"" + slug + "\",\"displayName\":\"" + slug + "\",\"kind\":\"chat\"}")
        .expect(201);
    harness
        .admin(
            "POST",
            "/models/" + slug + "/backends",
            "{\"providerModelId\":\"" + providerModelId + "\",\"priority\":10}")
        .expect(201);
    harness.admin("POST", "/models/" + slug + "/publish", null).expect(200);
    String userId =
        harness.admin("POST", "/users", "{\"name\":\"Ada\"}").expect(201).get("id").asText();
    harness
        .admin("POST", "/grants", "{\"model\":\"" + slug + "\",\"userId\":\"" + userId + "\"}")
        .expect(201);
    return harness
        .admin("POST", "/users/" + userId + "/keys", "{\"name\":\"sdk\"}")
        .expect(201)
        .get("key")
        .asText();
  }

  /** Asks the Model to say something with the client's SDK; returns the answer's text. */
  private static String call(
      ServerHarness harness, Client client, String key, String slug, boolean stream) {
    return client == Client.ANTHROPIC
        ? askAnthropic(harness, key, slug, stream)
        : askOpenAi(harness, key, slug, stream);
  }

  private static String askOpenAi(ServerHarness harness, String key, String slug, boolean stream) {
    OpenAIClient openAi =
        OpenAIOkHttpClient.builder().baseUrl(harness.url("/v1")).apiKey(key).maxRetries(0).build();
    ChatCompletionCreateParams params =
        ChatCompletionCreateParams.builder().model(slug).addUserMessage("Hi").build();
    try {
      if (!stream) {
        return openAi
            .chat()
            .completions()
            .create(params)
            .choices()
            .get(0)
            .message()
            .content()
            .orElseThrow();
      }
      try (com.openai.core.http.StreamResponse<ChatCompletionChunk> chunks =
          openAi.chat().completions().createStreaming(params)) {
        return chunks.stream()
            .flatMap(chunk -> chunk.choices().stream())
            .map(choice -> choice.delta().content().orElse(""))
            .collect(Collectors.joining());
      }
    } finally {
      openAi.close();
    }
  }

  private static String askAnthropic(
      ServerHarness harness, String key, String slug, boolean stream) {
    AnthropicClient anthropic =
        AnthropicOkHttpClient.builder().baseUrl(harness.url("")).apiKey(key).maxRetries(0).build();
    MessageCreateParams params =
        MessageCreateParams.builder().model(slug).maxTokens(100).addUserMessage("Hi").build();
    try {
      if (!stream) {
        return anthropic.messages().create(params).content().stream()
            .flatMap(block -> block.text().stream())
            .map(text -> text.text())
            .collect(Collectors.joining());
      }
      try (StreamResponse<RawMessageStreamEvent> events =
          anthropic.messages().createStreaming(params)) {
        return events.stream()
            .flatMap(event -> event.contentBlockDelta().stream())
            .map(delta -> delta.delta().text().map(text -> text.text()).orElse(""))
            .collect(Collectors.joining());
      }
    } finally {
      anthropic.close();
    }
  }

  /** The paths of the requests the provider received since the last call. */
  private static List<String> paths(MockWebServer provider) throws InterruptedException {
    List<String> paths = new ArrayList<>();
    RecordedRequest request;
    while ((request = provider.takeRequest(0, TimeUnit.SECONDS)) != null) {
      paths.add(request.getUrl().encodedPath());
    }
    return paths;
  }
}
