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
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.catalog.Catalog;
import dev.codevector.registry.ProviderKind;
import dev.codevector.testing.AwsSigV4;
import dev.codevector.testing.BedrockFrames;
import dev.codevector.testing.ServiceAccountKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * The provider kinds as tests drive them end to end: for each kind, the Provider's credentials and
 * configuration pointing at a mock of the provider, the check that a request carries them, the
 * paths of the model's calls and answers in the kind's native format; and the admin API steps that
 * publish a Model on the kind and issue a key for it.
 */
final class ProviderKindCases {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final String AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
  private static final String AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final String AWS_REGION = "eu-west-3";
  private static final ServiceAccountKey SERVICE_ACCOUNT = registered(new ServiceAccountKey());
  private static final String VERTEX_ACCESS_TOKEN = "ya29.e2e-access-token";

  private static final String GEMINI_ANSWER =
      "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hello\"}]},"
          + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":5,"
          + "\"candidatesTokenCount\":1,\"totalTokenCount\":6},\"responseId\":\"g1\"}";
  private static final String GEMINI_STREAM =
      "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hel\"}]},"
          + "\"index\":0}],\"responseId\":\"g2\"}\r\n\r\n"
          + "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"lo\"}]},"
          + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":5,"
          + "\"candidatesTokenCount\":2,\"totalTokenCount\":7}}\r\n\r\n";
  private static final String CONVERSE_ANSWER =
      "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"Hello\"}]}},"
          + "\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":5,\"outputTokens\":1,"
          + "\"totalTokens\":6},\"metrics\":{\"latencyMs\":100}}";

  /** The SDK family that calls models of a kind. */
  enum Client {
    /** The OpenAI Java SDK, Chat Completions. */
    OPENAI,
    /** The Anthropic Java SDK, Messages. */
    ANTHROPIC
  }

  /** Checks that a request the mock received carries the Provider's credential. */
  @FunctionalInterface
  interface CredentialCheck {
    void verify(RecordedRequest request);
  }

  /** The header in which a kind with an API key presents it to the provider. */
  enum KeyHeader {
    BEARER("Authorization", "Bearer "),
    X_API_KEY("x-api-key", ""),
    API_KEY("api-key", ""),
    X_GOOG_API_KEY("x-goog-api-key", "");

    private final String name;
    private final String prefix;

    KeyHeader(String name, String prefix) {
      this.name = name;
      this.prefix = prefix;
    }

    CredentialCheck carrying(String key) {
      return request -> assertEquals(prefix + key, request.getHeaders().get(name), name);
    }
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
   * @param credential the check that a request to the model carries the credentials
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
      CredentialCheck credential,
      String modelId,
      Client client,
      String path,
      String streamPath,
      MockResponse answer,
      MockResponse stream,
      Map<String, MockResponse> otherAnswers) {

    @Override
    public String toString() {
      return kind + " " + modelId;
    }

    /**
     * A kind with an API key and a base URL under the mock's root, streaming at the same path when
     * the body asks for a stream.
     */
    static KindCase atBaseUrl(
        String kind,
        String basePath,
        KeyHeader keyHeader,
        String modelId,
        Client client,
        String path,
        MockResponse answer,
        MockResponse stream) {
      String key = TestSecrets.register("sk-e2e-" + kind + "-0123456789");
      return new KindCase(
          kind,
          url -> Map.of("apiKey", key),
          url -> Map.of("baseUrl", url.resolve(basePath).toString()),
          keyHeader.carrying(key),
          modelId,
          client,
          path,
          path,
          answer,
          stream,
          Map.of());
    }

    /**
     * Amazon Bedrock at the mock, with AWS access keys, so that every call is SigV4-signed; the
     * model's actions are {@code /model/<id>/<action>} with the id's colon escaped.
     */
    static KindCase bedrock(
        String modelId,
        Client client,
        String action,
        String streamAction,
        MockResponse answer,
        MockResponse stream) {
      String model = "/model/" + modelId.replace(":", "%3A") + "/";
      return new KindCase(
          "bedrock",
          url -> Map.of("accessKeyId", AWS_ACCESS_KEY_ID, "secretAccessKey", AWS_SECRET_ACCESS_KEY),
          url -> Map.of("region", AWS_REGION, "endpoint", url.toString()),
          request ->
              AwsSigV4.assertSigned(
                  request, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION, "bedrock"),
          modelId,
          client,
          model + action,
          model + streamAction,
          answer,
          stream,
          Map.of());
    }

    /**
     * A Vertex AI kind at the mock, with a service account whose token endpoint ({@code /token}) is
     * the mock too; the model's methods are {@code
     * /v1/projects/<project>/locations/<region>/publishers/<publisher>/models/<id>:<method>}.
     */
    static KindCase vertex(
        String kind,
        String publisher,
        String modelId,
        Client client,
        String method,
        String streamMethod,
        MockResponse answer,
        MockResponse stream) {
      String model =
          "/v1/projects/acme-e2e-1/locations/europe-west4/publishers/"
              + publisher
              + "/models/"
              + modelId
              + ":";
      return new KindCase(
          kind,
          url -> Map.of("serviceAccountJson", SERVICE_ACCOUNT.json(url.resolve("/token"))),
          url ->
              Map.of("project", "acme-e2e-1", "region", "europe-west4", "endpoint", url.toString()),
          KeyHeader.BEARER.carrying(VERTEX_ACCESS_TOKEN),
          modelId,
          client,
          model + method,
          model + streamMethod,
          answer,
          stream,
          Map.of("/token", ServiceAccountKey.token(VERTEX_ACCESS_TOKEN, 3600)));
    }

    /** The same kind, streaming at another path than the one it answers whole at. */
    KindCase streamedAt(String streamPath) {
      return new KindCase(
          kind,
          credentials,
          config,
          credential,
          modelId,
          client,
          path,
          streamPath,
          answer,
          stream,
          otherAnswers);
    }

    /** Whether a request the mock received asks for a stream. */
    boolean isStream(RecordedRequest request) {
      if (!path.equals(streamPath)) {
        return request.getUrl().encodedPath().equals(streamPath);
      }
      return request.getBody() != null && request.getBody().utf8().contains("\"stream\":true");
    }
  }

  /** Every kind, one case each, and Bedrock's two APIs. */
  static Stream<KindCase> kinds() {
    return Stream.of(
        KindCase.atBaseUrl(
            "openai",
            "/v1",
            KeyHeader.BEARER,
            "gpt-4o",
            Client.OPENAI,
            "/v1/chat/completions",
            json(CHAT_ANSWER),
            sse(CHAT_STREAM)),
        KindCase.atBaseUrl(
            "azure",
            "/",
            KeyHeader.API_KEY,
            "gpt-4o-mini",
            Client.OPENAI,
            "/openai/deployments/gpt-4o-mini/chat/completions",
            json(CHAT_ANSWER),
            sse(CHAT_STREAM)),
        KindCase.atBaseUrl(
            "groq",
            "/openai/v1",
            KeyHeader.BEARER,
            "llama-3.3-70b-versatile",
            Client.OPENAI,
            "/openai/v1/chat/completions",
            json(CHAT_ANSWER),
            sse(CHAT_STREAM)),
        KindCase.atBaseUrl(
            "deepseek",
            "/",
            KeyHeader.BEARER,
            "deepseek-chat",
            Client.OPENAI,
            "/chat/completions",
            json(CHAT_ANSWER),
            sse(CHAT_STREAM)),
        KindCase.atBaseUrl(
            "moonshot",
            "/v1",
            KeyHeader.BEARER,
            "kimi-k2.5",
            Client.OPENAI,
            "/v1/chat/completions",
            json(CHAT_ANSWER),
            sse(CHAT_STREAM)),
        KindCase.atBaseUrl(
            "openai-compatible",
            "/v1",
            KeyHeader.BEARER,
            "local-chat",
            Client.OPENAI,
            "/v1/chat/completions",
            json(CHAT_ANSWER),
            sse(CHAT_STREAM)),
        KindCase.atBaseUrl(
            "anthropic",
            "/",
            KeyHeader.X_API_KEY,
            "claude-haiku-4-5",
            Client.ANTHROPIC,
            "/v1/messages",
            json(MESSAGE_ANSWER),
            sse(MESSAGE_STREAM)),
        KindCase.atBaseUrl(
            "cohere",
            "/",
            KeyHeader.BEARER,
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
                    + "{\"input_tokens\":5,\"output_tokens\":2}}}}\n\n")),
        KindCase.atBaseUrl(
                "google",
                "/",
                KeyHeader.X_GOOG_API_KEY,
                "gemini-2.5-flash",
                Client.OPENAI,
                "/v1beta/models/gemini-2.5-flash:generateContent",
                json(GEMINI_ANSWER),
                sse(GEMINI_STREAM))
            .streamedAt("/v1beta/models/gemini-2.5-flash:streamGenerateContent"),
        KindCase.vertex(
            "vertex",
            "google",
            "gemini-2.5-flash",
            Client.OPENAI,
            "generateContent",
            "streamGenerateContent",
            json(GEMINI_ANSWER),
            sse(GEMINI_STREAM)),
        KindCase.vertex(
            "vertex-anthropic",
            "anthropic",
            "claude-haiku-4-5@20251001",
            Client.ANTHROPIC,
            "rawPredict",
            "streamRawPredict",
            json(MESSAGE_ANSWER),
            sse(MESSAGE_STREAM)),
        KindCase.bedrock(
            "anthropic.claude-haiku-4-5-20251001-v1:0",
            Client.ANTHROPIC,
            "invoke",
            "invoke-with-response-stream",
            json(MESSAGE_ANSWER),
            invokeStream()),
        KindCase.bedrock(
            "amazon.nova-lite-v1:0",
            Client.OPENAI,
            "converse",
            "converse-stream",
            json(CONVERSE_ANSWER),
            converseStream()));
  }

  /** Anthropic's streamed answer as Bedrock's InvokeModel streams it: one chunk frame an event. */
  static MockResponse invokeStream() {
    BedrockFrames frames = new BedrockFrames();
    for (String event : MESSAGE_STREAM.split("\n\n")) {
      frames.chunk(event.substring(event.indexOf("data: ") + "data: ".length()));
    }
    return frames.response();
  }

  /** A streamed answer as Bedrock's Converse streams it. */
  static MockResponse converseStream() {
    return new BedrockFrames()
        .event("messageStart", "{\"role\":\"assistant\"}")
        .event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hel\"}}")
        .event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"lo\"}}")
        .event("contentBlockStop", "{\"contentBlockIndex\":0}")
        .event("messageStop", "{\"stopReason\":\"end_turn\"}")
        .event(
            "metadata",
            "{\"usage\":{\"inputTokens\":5,\"outputTokens\":2,\"totalTokens\":7},"
                + "\"metrics\":{\"latencyMs\":100}}")
        .response();
  }

  /**
   * Registers the service account's private key with {@link TestSecrets}, line by line as its PEM
   * carries it, leaving out the first lines, which every RSA key of its size shares.
   */
  static ServiceAccountKey registered(ServiceAccountKey account) {
    try {
      String pem =
          MAPPER
              .readTree(account.json(HttpUrl.get("http://127.0.0.1/token")))
              .get("private_key")
              .asText();
      pem.lines().skip(3).filter(line -> line.length() == 64).forEach(TestSecrets::register);
      return account;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Through the admin API: adds the Provider, imports its catalog (or, for a kind without one, adds
   * the model by hand), publishes a Model on the case's model, and issues a key granted it.
   *
   * @return the key
   */
  static String publishAndIssueKey(ServerHarness harness, KindCase kind, HttpUrl root, String slug)
      throws Exception {
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

  /**
   * Returns the request the provider received at the path since the last call; fails, naming the
   * paths it did receive, if there is none.
   */
  static RecordedRequest received(MockWebServer provider, String path) throws InterruptedException {
    List<String> paths = new ArrayList<>();
    RecordedRequest found = null;
    RecordedRequest request;
    while ((request = provider.takeRequest(0, TimeUnit.SECONDS)) != null) {
      paths.add(request.getUrl().encodedPath());
      if (request.getUrl().encodedPath().equals(path)) {
        found = request;
      }
    }
    if (found == null) {
      fail("no request at " + path + ", only at " + paths);
    }
    return found;
  }

  private ProviderKindCases() {}
}
