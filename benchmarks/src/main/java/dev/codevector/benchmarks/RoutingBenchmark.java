package dev.codevector.benchmarks;

import dev.codevector.CodeVector;
import dev.codevector.registry.BackendDefaults;
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
import dev.codevector.registry.Registry;
import dev.codevector.routing.RouteRequest;
import dev.codevector.routing.RouteResponse;
import dev.codevector.store.InMemoryStore;
import dev.codevector.vault.Kek;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.SseEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The in-process cost of one routed request, from the client's bytes to the client's answer, with
 * an upstream that answers from memory: request scanning, Model and Backend lookup, credential
 * opening, body rewriting or translation, and reading the answer or stream. Run it with {@code java
 * -jar benchmarks/target/benchmarks.jar}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoutingBenchmark {
  private CodeVector codeVector;
  private RouteRequest chat;
  private RouteRequest chatStream;
  private RouteRequest responses;
  private RouteRequest responsesStream;
  private RouteRequest messagesStream;
  private RouteRequest messagesOnChatStream;
  private RouteRequest chatOnMessages;
  private RouteRequest responsesOnMessages;
  private RouteRequest responsesOnMessagesStream;

  /** Sets up an in-memory registry with a chat-only upstream and the requests to send. */
  @Setup(Level.Trial)
  public void setUp() {
    codeVector =
        CodeVector.builder()
            .store(new InMemoryStore())
            .kek(Kek.generate().aead())
            .upstreams(new MemoryUpstreams(Payloads.answers()))
            .build();
    Registry registry = codeVector.registry();
    Provider local =
        registry.createProvider(
            ProviderSpec.withApiKey(
                "local",
                ProviderKind.OPENAI_COMPATIBLE,
                "sk-local-0123456789abcdef",
                Map.of("baseUrl", "http://127.0.0.1:9/v1")));
    Provider anthropic =
        registry.createProvider(
            ProviderSpec.withApiKey(
                "anthropic", ProviderKind.ANTHROPIC, "local-anthropic-key-0123456789", Map.of()));
    publish(registry, "gpt-main", chatModel(registry, local, "qwen3-coder"));
    publish(registry, "claude-sonnet", chatModel(registry, anthropic, "claude-sonnet-4-5"));
    chat = request(Dialect.OPENAI_CHAT, Payloads.chatRequest("gpt-main", false));
    chatStream = request(Dialect.OPENAI_CHAT, Payloads.chatRequest("gpt-main", true));
    responses = request(Dialect.OPENAI_RESPONSES, Payloads.responsesRequest("gpt-main", false));
    responsesStream =
        request(Dialect.OPENAI_RESPONSES, Payloads.responsesRequest("gpt-main", true));
    messagesStream =
        request(Dialect.ANTHROPIC_MESSAGES, Payloads.messagesRequest("claude-sonnet", true));
    messagesOnChatStream =
        request(Dialect.ANTHROPIC_MESSAGES, Payloads.messagesRequest("gpt-main", true));
    chatOnMessages = request(Dialect.OPENAI_CHAT, Payloads.chatRequest("claude-sonnet", false));
    responsesOnMessages =
        request(Dialect.OPENAI_RESPONSES, Payloads.responsesRequest("claude-sonnet", false));
    responsesOnMessagesStream =
        request(Dialect.OPENAI_RESPONSES, Payloads.responsesRequest("claude-sonnet", true));
  }

  /** Releases the HTTP client. */
  @TearDown(Level.Trial)
  public void tearDown() {
    codeVector.close();
  }

  /**
   * OpenAI Chat client, OpenAI Chat upstream, whole answer: passthrough.
   *
   * @param sink consumes the answer
   */
  @Benchmark
  public void passthroughChat(Blackhole sink) {
    route(chat, sink);
  }

  /**
   * OpenAI Chat client, OpenAI Chat upstream, streamed answer of 8 chunks: passthrough.
   *
   * @param sink consumes the events
   */
  @Benchmark
  public void passthroughChatStream(Blackhole sink) {
    route(chatStream, sink);
  }

  /**
   * Responses client (Codex CLI), OpenAI Chat upstream, whole answer: translated both ways.
   *
   * @param sink consumes the answer
   */
  @Benchmark
  public void translateResponsesToChat(Blackhole sink) {
    route(responses, sink);
  }

  /**
   * Responses client (Codex CLI), OpenAI Chat upstream, streamed answer of 8 chunks: translated
   * event by event.
   *
   * @param sink consumes the events
   */
  @Benchmark
  public void translateResponsesToChatStream(Blackhole sink) {
    route(responsesStream, sink);
  }

  /**
   * Anthropic client (Claude Code), Anthropic upstream, streamed answer of 8 deltas: passthrough.
   *
   * @param sink consumes the events
   */
  @Benchmark
  public void passthroughMessagesStream(Blackhole sink) {
    route(messagesStream, sink);
  }

  /**
   * Anthropic client (Claude Code), OpenAI Chat upstream, streamed answer of 8 chunks: translated
   * event by event.
   *
   * @param sink consumes the events
   */
  @Benchmark
  public void translateMessagesToChatStream(Blackhole sink) {
    route(messagesOnChatStream, sink);
  }

  /**
   * OpenAI Chat client, Anthropic upstream, whole answer: translated both ways.
   *
   * @param sink consumes the answer
   */
  @Benchmark
  public void translateChatToMessages(Blackhole sink) {
    route(chatOnMessages, sink);
  }

  /**
   * Responses client (Codex CLI), Anthropic upstream, whole answer: translated both ways.
   *
   * @param sink consumes the answer
   */
  @Benchmark
  public void translateResponsesToMessages(Blackhole sink) {
    route(responsesOnMessages, sink);
  }

  /**
   * Responses client (Codex CLI), Anthropic upstream, streamed answer of 8 deltas: translated event
   * by event.
   *
   * @param sink consumes the events
   */
  @Benchmark
  public void translateResponsesToMessagesStream(Blackhole sink) {
    route(responsesOnMessagesStream, sink);
  }

  private void route(RouteRequest request, Blackhole sink) {
    try (RouteResponse response = codeVector.router().route(request)) {
      if (response.isStream()) {
        Optional<SseEvent> event;
        while ((event = response.nextEvent()).isPresent()) {
          sink.consume(event.get());
        }
      } else {
        sink.consume(response.body());
      }
    }
  }

  private static RouteRequest request(Dialect dialect, String body) {
    return RouteRequest.of(dialect, body.getBytes(StandardCharsets.UTF_8));
  }

  private static ProviderModel chatModel(Registry registry, Provider provider, String modelId) {
    return registry.addProviderModel(
        provider.id(),
        new ProviderModelSpec(
            modelId,
            ModelKind.CHAT,
            200_000,
            OptionalInt.of(8192),
            Pricing.of(BigDecimal.ONE, BigDecimal.TEN)));
  }

  private static void publish(Registry registry, String slug, ProviderModel target) {
    Model model = registry.createModel(slug, slug, ModelKind.CHAT);
    registry.addBackend(model.id(), new BackendSpec(target.id(), 10, BackendDefaults.none()));
    registry.changeStatus(model.id(), ModelStatus.ACTIVE);
  }
}
