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
import org.openjdk.jmh.annotations.Param;
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

  /** One case to measure: a client's dialect, the upstream it reaches, whole or streamed. */
  public enum Scenario {
    /** OpenAI Chat client, OpenAI Chat upstream, whole answer: passthrough. */
    PASSTHROUGH_CHAT(Dialect.OPENAI_CHAT, CHAT_MODEL, false),
    /** OpenAI Chat client, OpenAI Chat upstream, streamed answer of 8 chunks: passthrough. */
    PASSTHROUGH_CHAT_STREAM(Dialect.OPENAI_CHAT, CHAT_MODEL, true),
    /** Responses client (Codex CLI), OpenAI Chat upstream, whole answer: translated both ways. */
    RESPONSES_TO_CHAT(Dialect.OPENAI_RESPONSES, CHAT_MODEL, false),
    /**
     * Responses client (Codex CLI), OpenAI Chat upstream, streamed answer of 8 chunks: translated
     * event by event.
     */
    RESPONSES_TO_CHAT_STREAM(Dialect.OPENAI_RESPONSES, CHAT_MODEL, true),
    /**
     * Anthropic client (Claude Code), Anthropic upstream, streamed answer of 8 deltas: passthrough.
     */
    PASSTHROUGH_MESSAGES_STREAM(Dialect.ANTHROPIC_MESSAGES, MESSAGES_MODEL, true),
    /**
     * Anthropic client (Claude Code), OpenAI Chat upstream, streamed answer of 8 chunks: translated
     * event by event.
     */
    MESSAGES_TO_CHAT_STREAM(Dialect.ANTHROPIC_MESSAGES, CHAT_MODEL, true),
    /** OpenAI Chat client, Anthropic upstream, whole answer: translated both ways. */
    CHAT_TO_MESSAGES(Dialect.OPENAI_CHAT, MESSAGES_MODEL, false),
    /** Responses client (Codex CLI), Anthropic upstream, whole answer: translated both ways. */
    RESPONSES_TO_MESSAGES(Dialect.OPENAI_RESPONSES, MESSAGES_MODEL, false),
    /**
     * Responses client (Codex CLI), Anthropic upstream, streamed answer of 8 deltas: translated
     * event by event.
     */
    RESPONSES_TO_MESSAGES_STREAM(Dialect.OPENAI_RESPONSES, MESSAGES_MODEL, true);

    private final RouteRequest request;

    Scenario(Dialect dialect, String model, boolean stream) {
      String body =
          switch (dialect) {
            case OPENAI_CHAT -> Payloads.chatRequest(model, stream);
            case OPENAI_RESPONSES -> Payloads.responsesRequest(model, stream);
            case ANTHROPIC_MESSAGES -> Payloads.messagesRequest(model, stream);
            default -> throw new IllegalArgumentException("no payload in " + dialect);
          };
      this.request = RouteRequest.of(dialect, body.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The Model served by an OpenAI Chat upstream. */
  private static final String CHAT_MODEL = "gpt-main";

  /** The Model served by an Anthropic upstream. */
  private static final String MESSAGES_MODEL = "claude-sonnet";

  /** The case measured; every one by default. */
  @Param public Scenario scenario;

  private CodeVector codeVector;

  /** Sets up an in-memory registry with an OpenAI-compatible and an Anthropic upstream. */
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
    publish(registry, CHAT_MODEL, chatModel(registry, local, "qwen3-coder"));
    publish(registry, MESSAGES_MODEL, chatModel(registry, anthropic, "claude-sonnet-4-5"));
  }

  /** Releases the HTTP client. */
  @TearDown(Level.Trial)
  public void tearDown() {
    codeVector.close();
  }

  /**
   * Routes the scenario's request and reads its answer or stream to the end.
   *
   * @param sink consumes the answer or the events
   */
  @Benchmark
  public void route(Blackhole sink) {
    try (RouteResponse response = codeVector.router().route(scenario.request)) {
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
