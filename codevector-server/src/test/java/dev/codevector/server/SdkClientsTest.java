package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.ToolUseBlock;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import dev.codevector.access.IssuedKey;
import dev.codevector.access.Principal;
import dev.codevector.access.User;
import dev.codevector.registry.BackendSpec;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelKind;
import dev.codevector.registry.ModelStatus;
import dev.codevector.registry.Pricing;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelSpec;
import dev.codevector.registry.ProviderSpec;
import dev.codevector.vault.Secret;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official OpenAI and Anthropic Java SDKs, pointed at the server, as real clients are. */
final class SdkClientsTest {
  static final String CHAT_ANSWER =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
          + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello\"},"
          + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,"
          + "\"total_tokens\":6}}";
  static final String CHAT_STREAM =
      "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
          + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"},"
          + "\"finish_reason\":null}]}\n\n"
          + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
          + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}\n\n"
          + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
          + "\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}\n\n"
          + "data: [DONE]\n\n";
  static final String MESSAGE_ANSWER =
      "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude\","
          + "\"content\":[{\"type\":\"text\",\"text\":\"Hello\"}],\"stop_reason\":\"end_turn\","
          + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}";
  static final String MESSAGE_STREAM =
      "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
          + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude\",\"content\":[],"
          + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\n"
          + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
          + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
          + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
          + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}\n\n"
          + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
          + "\"delta\":{\"type\":\"text_delta\",\"text\":\"lo\"}}\n\n"
          + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
          + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
          + "\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":2}}\n\n"
          + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

  @TempDir Path dataDir;
  private final MockWebServer openAiUpstream = new MockWebServer();
  private final MockWebServer anthropicUpstream = new MockWebServer();
  private ServerHarness harness;
  private OpenAIClient openAi;
  private AnthropicClient anthropic;

  @BeforeEach
  void start() throws Exception {
    openAiUpstream.start();
    anthropicUpstream.start();
    harness = new ServerHarness(dataDir);
    Provider openAiProvider =
        provider("openai", ProviderKind.OPENAI, openAiUpstream.url("/v1").toString());
    Provider compatible =
        provider("local", ProviderKind.OPENAI_COMPATIBLE, openAiUpstream.url("/v1").toString());
    Provider claude =
        provider("anthropic", ProviderKind.ANTHROPIC, anthropicUpstream.url("/").toString());
    User user = harness.codeVector.access().createUser("dev", Optional.empty());
    publish(user, "gpt-main", openAiProvider, "gpt-4o", ModelKind.CHAT);
    publish(user, "chat-only", compatible, "qwen3-coder", ModelKind.CHAT);
    publish(user, "claude-sonnet", claude, "claude-sonnet-4-5", ModelKind.CHAT);
    publish(user, "embed", openAiProvider, "text-embedding-3-small", ModelKind.EMBEDDING);
    IssuedKey key =
        harness.codeVector.access().issueKey(user.id(), Optional.empty(), Optional.empty());
    TestSecrets.register(key.plaintext().reveal());
    openAi =
        OpenAIOkHttpClient.builder()
            .baseUrl(harness.url("/v1"))
            .apiKey(key.plaintext().reveal())
            .maxRetries(0)
            .build();
    anthropic =
        AnthropicOkHttpClient.builder()
            .baseUrl(harness.url(""))
            .apiKey(key.plaintext().reveal())
            .maxRetries(0)
            .build();
  }

  @AfterEach
  void stop() {
    openAi.close();
    anthropic.close();
    harness.close();
    openAiUpstream.close();
    anthropicUpstream.close();
  }

  private Provider provider(String name, ProviderKind kind, String baseUrl) {
    return harness
        .codeVector
        .registry()
        .createProvider(
            new ProviderSpec(
                name,
                kind,
                Map.of("baseUrl", baseUrl, "firstByteTimeoutSeconds", "10"),
                Map.of(
                    "apiKey",
                    Secret.of(TestSecrets.register("sk-" + name + "-upstream-0123456789")))));
  }

  private void publish(User user, String slug, Provider provider, String modelId, ModelKind kind) {
    ProviderModel target =
        harness
            .codeVector
            .registry()
            .addProviderModel(
                provider.id(),
                new ProviderModelSpec(
                    modelId,
                    kind,
                    128_000,
                    kind == ModelKind.CHAT ? OptionalInt.of(4096) : OptionalInt.empty(),
                    Pricing.of(BigDecimal.ONE, BigDecimal.ONE)));
    Model model = harness.codeVector.registry().createModel(slug, slug, kind);
    harness.codeVector.registry().addBackend(model.id(), BackendSpec.of(target.id(), 10));
    harness.codeVector.registry().changeStatus(model.id(), ModelStatus.ACTIVE);
    harness.codeVector.access().grant(model.id(), Principal.ofUser(user.id()));
  }

  static MockResponse json(String body) {
    return new MockResponse.Builder()
        .addHeader("content-type", "application/json")
        .body(body)
        .build();
  }

  static MockResponse sse(String body) {
    return new MockResponse.Builder()
        .addHeader("content-type", "text/event-stream")
        .body(body)
        .build();
  }

  private static ChatCompletionCreateParams chat(String model) {
    return ChatCompletionCreateParams.builder().model(model).addUserMessage("Hi").build();
  }

  private static MessageCreateParams message(String model) {
    return MessageCreateParams.builder().model(model).maxTokens(100).addUserMessage("Hi").build();
  }

  @Test
  void openAiSdkChatPassesThrough() {
    openAiUpstream.enqueue(json(CHAT_ANSWER));

    ChatCompletion completion = openAi.chat().completions().create(chat("gpt-main"));

    assertEquals("Hello", completion.choices().get(0).message().content().orElseThrow());
  }

  @Test
  void openAiSdkChatStreamPassesThrough() {
    openAiUpstream.enqueue(sse(CHAT_STREAM));

    String text;
    try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream =
        openAi.chat().completions().createStreaming(chat("gpt-main"))) {
      text =
          stream.stream()
              .flatMap(chunk -> chunk.choices().stream())
              .map(choice -> choice.delta().content().orElse(""))
              .collect(Collectors.joining());
    }

    assertEquals("Hello", text);
  }

  @Test
  void openAiSdkReceivesAToolCall() {
    openAiUpstream.enqueue(
        json(
            "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,"
                + "\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":"
                + "\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}}]},"
                + "\"finish_reason\":\"tool_calls\"}]}"));
    ChatCompletionCreateParams params =
        chat("gpt-main").toBuilder()
            .addTool(
                ChatCompletionFunctionTool.builder()
                    .function(
                        FunctionDefinition.builder()
                            .name("get_weather")
                            .parameters(
                                FunctionParameters.builder()
                                    .putAdditionalProperty("type", JsonValue.from("object"))
                                    .build())
                            .build())
                    .build())
            .build();

    ChatCompletion completion = openAi.chat().completions().create(params);

    ChatCompletionMessageFunctionToolCall call =
        completion.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
    assertEquals("call_1", call.id());
    assertEquals("get_weather", call.function().name());
    assertEquals("{\"city\":\"Oslo\"}", call.function().arguments());
  }

  @Test
  void anthropicSdkMessagePassesThrough() {
    anthropicUpstream.enqueue(json(MESSAGE_ANSWER));

    Message answer = anthropic.messages().create(message("claude-sonnet"));

    assertEquals("Hello", answer.content().get(0).text().orElseThrow().text());
  }

  @Test
  void anthropicSdkStreamPassesThrough() {
    anthropicUpstream.enqueue(sse(MESSAGE_STREAM));

    assertEquals("Hello", streamedText(message("claude-sonnet")));
  }

  @Test
  void anthropicSdkOnAChatUpstreamGetsATranslatedStream() {
    openAiUpstream.enqueue(sse(CHAT_STREAM));

    assertEquals("Hello", streamedText(message("chat-only")));
  }

  @Test
  void anthropicSdkOnAChatUpstreamReceivesAToolUse() {
    openAiUpstream.enqueue(
        json(
            "{\"id\":\"chatcmpl-3\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,"
                + "\"tool_calls\":[{\"id\":\"call_9\",\"type\":\"function\",\"function\":{\"name\":"
                + "\"lookup\",\"arguments\":\"{\\\"q\\\":\\\"dog\\\"}\"}}]},\"finish_reason\":\"tool_calls\"}],"
                + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8}}"));

    Message answer = anthropic.messages().create(message("chat-only"));

    ToolUseBlock toolUse = answer.content().get(0).toolUse().orElseThrow();
    assertEquals("call_9", toolUse.id());
    assertEquals("lookup", toolUse.name());
    assertEquals("tool_use", answer.stopReason().orElseThrow().asString());
  }

  @Test
  void openAiSdkOnAnAnthropicUpstreamGetsATranslatedAnswer() {
    anthropicUpstream.enqueue(json(MESSAGE_ANSWER));

    ChatCompletion completion = openAi.chat().completions().create(chat("claude-sonnet"));

    assertEquals("Hello", completion.choices().get(0).message().content().orElseThrow());
    assertEquals("claude-sonnet", completion.model());
  }

  @Test
  void openAiSdkEmbeddingsPassThrough() {
    openAiUpstream.enqueue(
        json(
            "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                + "\"embedding\":[0.1,0.2]}],\"model\":\"text-embedding-3-small\","
                + "\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}"));

    CreateEmbeddingResponse embedding =
        openAi
            .embeddings()
            .create(EmbeddingCreateParams.builder().model("embed").input("hi").build());

    assertEquals(2, embedding.data().get(0).embedding().size());
  }

  @Test
  void openAiSdkResponsesOnAChatOnlyUpstreamIsTranslated() {
    openAiUpstream.enqueue(json(CHAT_ANSWER));

    Response response =
        openAi
            .responses()
            .create(ResponseCreateParams.builder().model("chat-only").input("Hi").build());

    String text =
        response.output().stream()
            .flatMap(item -> item.message().stream())
            .flatMap(message -> message.content().stream())
            .map(content -> content.outputText().map(t -> t.text()).orElse(""))
            .collect(Collectors.joining());
    assertEquals("Hello", text);
  }

  private String streamedText(MessageCreateParams params) {
    try (StreamResponse<RawMessageStreamEvent> stream =
        anthropic.messages().createStreaming(params)) {
      return stream.stream()
          .flatMap(event -> event.contentBlockDelta().stream())
          .map(delta -> delta.delta().text().map(t -> t.text()).orElse(""))
          .collect(Collectors.joining());
    }
  }

  @Test
  void sdkErrorForAnUnknownModelIsNotFound() {
    com.openai.errors.NotFoundException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            com.openai.errors.NotFoundException.class,
            () -> openAi.chat().completions().create(chat("nope")));

    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }
}
