package dev.codevector.server;

import static dev.codevector.server.ProviderKindCases.kinds;
import static dev.codevector.server.ProviderKindCases.publishAndIssueKey;
import static dev.codevector.server.ProviderKindCases.received;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.codevector.server.ProviderKindCases.Client;
import dev.codevector.server.ProviderKindCases.KindCase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every provider kind, end to end through the running server and its admin API over HTTP: a
 * Provider of the kind pointing at a mock of the provider, its models imported from the catalog, a
 * Model published on one of them, a user with a grant and a key, then a non-streamed and a streamed
 * request from the official SDK of the kind's client family, which the mock answers in the
 * provider's own format after checking that the request carries the Provider's credential.
 *
 * <p>Each kind is at least one {@link KindCase} in {@link ProviderKindCases#kinds()}; Bedrock has
 * two, as it serves Claude models over InvokeModel and other models over Converse.
 */
final class ProviderKindsEndToEndTest {

  /** The configuration fields every kind ends with, as the console describes them. */
  private static final List<String> TIMEOUT_FIELDS =
      List.of(
          "connectTimeoutSeconds (seconds, optional)",
          "firstByteTimeoutSeconds (seconds, optional)",
          "idleTimeoutSeconds (seconds, optional)",
          "totalTimeoutSeconds (seconds, optional)");

  @TempDir Path dataDir;

  @ParameterizedTest
  @MethodSource("dev.codevector.server.ProviderKindCases#kinds")
  void sdkGetsTheProvidersAnswerThroughAnImportedCatalogModel(KindCase kind) throws Exception {
    try (MockWebServer provider = new MockWebServer();
        ServerHarness harness = new ServerHarness(dataDir)) {
      provider.setDispatcher(dispatcher(kind));
      provider.start();
      String slug = "e2e-" + kind.kind();
      String key = publishAndIssueKey(harness, kind, provider.url("/"), slug);

      String answer = call(harness, kind.client(), key, slug, false);
      RecordedRequest answeredBy = received(provider, kind.path());
      String streamed = call(harness, kind.client(), key, slug, true);
      RecordedRequest streamedBy = received(provider, kind.streamPath());

      assertEquals("Hello", answer);
      assertEquals("Hello", streamed);
      kind.credential().verify(answeredBy);
      kind.credential().verify(streamedBy);
    }
  }

  @Test
  void providerKindsListEveryKindWithTheFieldsTheConsoleFormRenders() throws Exception {
    Map<String, JsonNode> listed = new LinkedHashMap<>();
    try (ServerHarness harness = new ServerHarness(dataDir)) {
      for (JsonNode kind : harness.admin("GET", "/provider-kinds", null).expect(200).get("data")) {
        listed.put(kind.get("id").asText(), kind);
      }
    }

    assertEquals(
        List.of(
            "openai",
            "anthropic",
            "azure",
            "bedrock",
            "google",
            "vertex",
            "vertex-anthropic",
            "groq",
            "cohere",
            "deepseek",
            "moonshot",
            "openai-compatible"),
        List.copyOf(listed.keySet()));
    assertEquals(listed.keySet(), kinds().map(KindCase::kind).collect(Collectors.toSet()));
    assertEquals(
        List.of(
            "accessKeyId (token, optional, secret)",
            "secretAccessKey (token, optional, secret)",
            "sessionToken (token, optional, secret)",
            "apiKey (token, optional, secret)"),
        fields(listed.get("bedrock"), "credentialFields"));
    assertEquals(
        withTimeouts("region (region, required)", "endpoint (url, optional)"),
        fields(listed.get("bedrock"), "configFields"));
    for (String vertex : List.of("vertex", "vertex-anthropic")) {
      assertEquals(
          List.of("serviceAccountJson (document, required, secret)"),
          fields(listed.get(vertex), "credentialFields"));
      assertEquals(
          withTimeouts(
              "project (project, required)",
              "region (region, required)",
              "endpoint (url, optional)"),
          fields(listed.get(vertex), "configFields"));
    }
  }

  /**
   * Describes a kind's fields as the console form renders them: each field's name, format, whether
   * it is required, and whether it is a secret; fails on a field without a label.
   */
  private static List<String> fields(JsonNode kind, String group) {
    List<String> fields = new ArrayList<>();
    for (JsonNode field : kind.get(group)) {
      String name = field.get("name").asText();
      assertFalse(field.path("label").asText().isBlank(), name + " has no label");
      fields.add(
          name
              + " ("
              + field.get("format").asText()
              + (field.get("required").asBoolean() ? ", required" : ", optional")
              + (field.get("secret").asBoolean() ? ", secret)" : ")"));
    }
    return fields;
  }

  private static List<String> withTimeouts(String... kindFields) {
    List<String> fields = new ArrayList<>(List.of(kindFields));
    fields.addAll(TIMEOUT_FIELDS);
    return fields;
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
}
