package dev.codevector.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codevector.CodeVector;
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
import dev.codevector.spi.Dialects;
import dev.codevector.spi.Upstream;
import dev.codevector.spi.UpstreamFactory;
import dev.codevector.spi.UpstreamRequest;
import dev.codevector.spi.UpstreamResponse;
import dev.codevector.store.InMemoryStore;
import dev.codevector.testing.FakeClock;
import dev.codevector.vault.Kek;
import dev.codevector.wire.Dialect;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every attempt gives its circuit permit back: after a Backend's cooldown, attempts that end in a
 * client's error or an exception neither count against it nor keep it from being probed.
 */
final class CircuitPermitTest {
  private static final String MESSAGES_ANSWER =
      "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"up\","
          + "\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"stop_reason\":\"end_turn\","
          + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}";
  private static final String GOOD =
      "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  private final FakeClock clock = new FakeClock();
  private final Deque<Step> script = new ArrayDeque<>();
  private int calls;
  private CodeVector codeVector;

  @BeforeEach
  void start() {
    codeVector =
        CodeVector.builder()
            .store(new InMemoryStore())
            .kek(Kek.generate().aead())
            .clock(clock)
            .upstreams(new ScriptedFactory())
            .build();
    Provider provider =
        codeVector
            .registry()
            .createProvider(
                ProviderSpec.withApiKey(
                    "anthropic",
                    ProviderKind.ANTHROPIC,
                    "sk-ant-upstream-0123456789",
                    Map.of("baseUrl", "http://127.0.0.1:9")));
    ProviderModel target =
        codeVector
            .registry()
            .addProviderModel(
                provider.id(),
                new ProviderModelSpec(
                    "up",
                    ModelKind.CHAT,
                    200_000,
                    OptionalInt.of(8192),
                    Pricing.of(BigDecimal.ONE, BigDecimal.TEN)));
    Model model = codeVector.registry().createModel("claude", "Claude", ModelKind.CHAT);
    codeVector.registry().addBackend(model.id(), BackendSpec.of(target.id(), 10));
    codeVector.registry().changeStatus(model.id(), ModelStatus.ACTIVE);
  }

  @AfterEach
  void stop() {
    codeVector.close();
  }

  @Test
  void retryAfterSetsTheCooldown() {
    openForTwoSeconds();

    clock.advance(Duration.ofMillis(1_900));
    assertThrows(NoActiveBackendException.class, this::routeGood);
    clock.advance(Duration.ofMillis(100));

    assertEquals(200, routeGood());
  }

  @Test
  void translationRefusingTheRequestDoesNotHoldTheCircuit() {
    openForTwoSeconds();
    clock.advance(Duration.ofSeconds(2));

    for (int i = 0; i < 3; i++) {
      assertThrows(
          InvalidRequestException.class,
          () -> route("{\"model\":\"claude\",\"n\":2,\"messages\":[]}"));
    }

    assertEquals(200, routeGood());
    assertEquals(200, routeGood());
    assertEquals(3, calls);
  }

  @Test
  void anUpstreamThrowingDoesNotHoldTheCircuit() {
    openForTwoSeconds();
    clock.advance(Duration.ofSeconds(2));
    for (int i = 0; i < 3; i++) {
      script.add(
          request -> {
            throw new IllegalStateException("unexpected");
          });
      assertThrows(IllegalStateException.class, this::routeGood);
    }

    assertEquals(200, routeGood());
    assertEquals(200, routeGood());
    assertEquals(6, calls);
  }

  @Test
  void aCancelledProbeDoesNotHoldTheCircuit() {
    openForTwoSeconds();
    clock.advance(Duration.ofSeconds(2));
    for (int i = 0; i < 3; i++) {
      script.add(
          request -> {
            request.cancellation().cancel();
            throw new IOException("Canceled");
          });
      assertThrows(
          RouteCancelledException.class,
          () ->
              codeVector
                  .router()
                  .route(
                      new RouteRequest(
                          Dialect.OPENAI_CHAT,
                          GOOD.getBytes(StandardCharsets.UTF_8),
                          Map.of(),
                          Cancellation.create()),
                      model -> true));
    }

    assertEquals(200, routeGood());
    assertEquals(200, routeGood());
    assertEquals(6, calls);
  }

  @Test
  void aRedirectIsAFailureAndIsNotFollowed() {
    script.add(request -> new Answer(307, "", Map.of("location", "http://10.0.0.1/x?token=t")));

    BackendsExhaustedException e = assertThrows(BackendsExhaustedException.class, this::routeGood);

    Attempt attempt = e.attempts().get(0);
    assertEquals(Outcome.FAILOVER, attempt.outcome());
    assertEquals(
        Optional.of(
            "the upstream answered 307 redirecting to host 10.0.0.1; redirects are not followed"),
        attempt.error());
  }

  private void openForTwoSeconds() {
    script.add(request -> new Answer(503, "{}", Map.of("retry-after", "2")));
    assertThrows(BackendsExhaustedException.class, this::routeGood);
  }

  private int routeGood() {
    return route(GOOD);
  }

  private int route(String body) {
    try (RouteResponse response =
        codeVector
            .router()
            .route(
                RouteRequest.of(Dialect.OPENAI_CHAT, body.getBytes(StandardCharsets.UTF_8)),
                model -> true)) {
      return response.status();
    }
  }

  /** Anthropic upstreams that play the script, then answer every call with a message. */
  private final class ScriptedFactory implements UpstreamFactory {
    @Override
    public Set<ProviderKind> kinds() {
      return Set.of(ProviderKind.ANTHROPIC);
    }

    @Override
    public Upstream create(Provider provider) {
      return new Upstream() {
        @Override
        public Dialects dialects(String model) {
          return Dialects.of(Dialect.ANTHROPIC_MESSAGES);
        }

        @Override
        public UpstreamResponse call(UpstreamRequest request) throws IOException {
          calls++;
          Step next = script.poll();
          return next == null ? new Answer(200, MESSAGES_ANSWER, Map.of()) : next.answer(request);
        }
      };
    }
  }

  /** What the upstream does with one call. */
  private interface Step {
    UpstreamResponse answer(UpstreamRequest request) throws IOException;
  }

  private record Answer(int status, String text, Map<String, String> headers)
      implements UpstreamResponse {
    @Override
    public Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name));
    }

    @Override
    public InputStream body() {
      return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {}
  }
}
