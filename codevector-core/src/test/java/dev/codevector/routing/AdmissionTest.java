package dev.codevector.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.CodeVector;
import dev.codevector.limits.Admission;
import dev.codevector.limits.Allowance;
import dev.codevector.limits.Budget;
import dev.codevector.limits.BudgetPeriod;
import dev.codevector.limits.Cap;
import dev.codevector.limits.CapStatus;
import dev.codevector.limits.Demand;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitExceededException;
import dev.codevector.limits.LimitScope;
import dev.codevector.limits.LimitSpec;
import dev.codevector.limits.LimitStatus;
import dev.codevector.limits.Room;
import dev.codevector.limits.Subject;
import dev.codevector.limits.Ticket;
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
import dev.codevector.vault.Kek;
import dev.codevector.wire.Dialect;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The router asks a request's admission once, before any upstream call, with the request's ceiling,
 * and ends the ticket it gets on every path: settled with the answer's tokens and cost, released
 * when there is no answer or the answer is an error.
 */
final class AdmissionTest {
  private static final String MESSAGES_ANSWER =
      "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"up\","
          + "\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"stop_reason\":\"end_turn\","
          + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}";

  /** 44 characters of text ("user" and the content), so 11 tokens, and 2 objects, so 6 more. */
  private static final String MESSAGES =
      "{\"model\":\"claude\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":"
          + "\"abcdefghijklmnopqrstuvwxyz0123456789abcd\"}]}";

  private final Deque<Supplier<UpstreamResponse>> script = new ArrayDeque<>();
  private final RecordingAdmission admission = new RecordingAdmission();
  private int calls;
  private CodeVector codeVector;

  @BeforeEach
  void start() {
    codeVector =
        CodeVector.builder()
            .store(new InMemoryStore())
            .kek(Kek.generate().aead())
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
    ProviderModel cheap = providerModel(provider, "cheap", 8192, "1", "10");
    ProviderModel dear = providerModel(provider, "dear", 4096, "3", "15");
    Model model = codeVector.registry().createModel("claude", "Claude", ModelKind.CHAT);
    codeVector.registry().addBackend(model.id(), BackendSpec.of(cheap.id(), 10));
    codeVector.registry().addBackend(model.id(), BackendSpec.of(dear.id(), 20));
    codeVector.registry().changeStatus(model.id(), ModelStatus.ACTIVE);
  }

  private ProviderModel providerModel(
      Provider provider, String id, int maxOutput, String input, String output) {
    return codeVector
        .registry()
        .addProviderModel(
            provider.id(),
            new ProviderModelSpec(
                id,
                ModelKind.CHAT,
                200_000,
                OptionalInt.of(maxOutput),
                Pricing.of(new BigDecimal(input), new BigDecimal(output))));
  }

  @AfterEach
  void stop() {
    codeVector.close();
  }

  @Test
  void theCeilingIsTheEstimatedInputAndMaxTokensAtTheDearestPrice() {
    route(Dialect.ANTHROPIC_MESSAGES, MESSAGES);

    Demand demand = admission.demands.get(0);
    assertEquals(17, demand.inputTokens());
    assertEquals(100, demand.outputTokens());
    // The dear Backend: 17 x $3 + 100 x $15 per million tokens.
    assertEquals(0, new BigDecimal("0.001551").compareTo(demand.cost()), demand.cost().toString());
  }

  @Test
  void withoutItsOwnMaximumTheCeilingTakesTheLargestMaximumOutputOfTheBackends() {
    route(
        Dialect.OPENAI_CHAT,
        "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertEquals(8192, admission.demands.get(0).outputTokens());
  }

  @Test
  void anAnswerSettlesItsTicketWithItsTokensAndTheServingBackendsPrice() {
    assertEquals(200, route(Dialect.ANTHROPIC_MESSAGES, MESSAGES));

    Recorded ticket = admission.tickets.get(0);
    assertEquals(List.of("settle 4 tokens, $0.000013"), ticket.ends);
  }

  @Test
  void theAnswerTellsTheRoomTheLimitsLeft() {
    Room room =
        new Room(
            Optional.of(new Allowance(60, 59, Instant.parse("2026-01-01T00:01:00Z"))),
            Optional.empty());
    admission.room = room;

    try (RouteResponse response = routeOpen(Dialect.ANTHROPIC_MESSAGES, MESSAGES)) {
      assertSame(room, response.room());
    }
  }

  @Test
  void everyBackendFailingReleasesTheTicket() {
    script.add(() -> new Answer(503, "{}"));
    script.add(() -> new Answer(529, "{}"));

    assertThrows(
        BackendsExhaustedException.class, () -> route(Dialect.ANTHROPIC_MESSAGES, MESSAGES));

    assertEquals(List.of("release"), admission.tickets.get(0).ends);
  }

  @Test
  void anUpstreamRefusingTheRequestReleasesTheTicket() {
    script.add(
        () ->
            new Answer(
                400,
                "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"no\"}}"));

    assertEquals(400, route(Dialect.ANTHROPIC_MESSAGES, MESSAGES));

    assertEquals(List.of("release"), admission.tickets.get(0).ends);
  }

  @Test
  void anUpstreamThrowingReleasesTheTicket() {
    script.add(
        () -> {
          throw new IllegalStateException("unexpected");
        });

    assertThrows(IllegalStateException.class, () -> route(Dialect.ANTHROPIC_MESSAGES, MESSAGES));

    assertEquals(List.of("release"), admission.tickets.get(0).ends);
  }

  @Test
  void aRequestNoBackendCanTranslateReleasesTheTicket() {
    assertThrows(
        InvalidRequestException.class,
        () -> route(Dialect.OPENAI_CHAT, "{\"model\":\"claude\",\"n\":2,\"messages\":[]}"));

    assertEquals(List.of("release"), admission.tickets.get(0).ends);
    assertEquals(0, calls);
  }

  @Test
  void aRefusedRequestReachesNoUpstream() {
    Limit limit =
        Limit.create(
            new LimitSpec(
                new LimitScope.All(),
                Optional.empty(),
                OptionalLong.of(1),
                OptionalLong.empty(),
                Optional.empty()),
            Instant.parse("2026-01-01T00:00:00Z"));
    admission.refusal =
        new LimitExceededException(
            limit,
            "claude",
            Cap.REQUESTS_PER_MINUTE,
            Instant.parse("2026-01-01T00:01:00Z"),
            Duration.ofSeconds(42));

    LimitExceededException e =
        assertThrows(
            LimitExceededException.class, () -> route(Dialect.ANTHROPIC_MESSAGES, MESSAGES));

    assertSame(admission.refusal, e);
    assertEquals(0, calls);
  }

  @Test
  void tokenCountingIsNeverLimited() {
    route(
        Dialect.ANTHROPIC_COUNT_TOKENS,
        "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertTrue(admission.demands.isEmpty());
  }

  @Test
  void anAdmissionThatLimitsNothingIsNotAsked() {
    admission.limitsAnything = false;

    assertEquals(200, route(Dialect.ANTHROPIC_MESSAGES, MESSAGES));

    assertTrue(admission.demands.isEmpty(), "admit was called");
  }

  @Test
  void theLimitsServiceAdmitsExactlyTheRequestsPerMinuteAndCountsWhatTheyUsed() {
    Limit limit =
        codeVector
            .limits()
            .create(
                new LimitSpec(
                    new LimitScope.All(),
                    Optional.empty(),
                    OptionalLong.of(2),
                    OptionalLong.empty(),
                    Optional.empty()));
    Admission limited = codeVector.limits().admission(Subject.anyone());

    assertEquals(200, route(Dialect.ANTHROPIC_MESSAGES, MESSAGES, limited));
    assertEquals(200, route(Dialect.ANTHROPIC_MESSAGES, MESSAGES, limited));
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () -> route(Dialect.ANTHROPIC_MESSAGES, MESSAGES, limited));

    assertEquals(limit.id(), e.limit().id());
    assertEquals(Cap.REQUESTS_PER_MINUTE, e.cap());
    assertTrue(
        e.getMessage()
            .startsWith("limit '" + limit.id() + "' on everyone for every model allows 2"),
        e.getMessage());
    assertEquals(2, calls, "a refused request reached an upstream");
    CapStatus requests = settled(limit).caps().get(0);
    assertEquals(0, BigDecimal.valueOf(2).compareTo(requests.used()));
    assertEquals(0, BigDecimal.ZERO.compareTo(requests.reserved()));
  }

  @Test
  void aRefusalNamesTheModelOfALimitOnOneModelByItsSlug() {
    Model claude = codeVector.registry().findModelBySlug("claude").orElseThrow();
    codeVector
        .limits()
        .create(
            new LimitSpec(
                new LimitScope.All(),
                Optional.of(claude.id()),
                OptionalLong.of(1),
                OptionalLong.empty(),
                Optional.empty()));
    Admission limited = codeVector.limits().admission(Subject.anyone());
    assertEquals(200, route(Dialect.ANTHROPIC_MESSAGES, MESSAGES, limited));

    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () -> route(Dialect.ANTHROPIC_MESSAGES, MESSAGES, limited));

    assertTrue(
        e.getMessage().contains(" on everyone for model 'claude' allows 1 requests"),
        e.getMessage());
  }

  @Test
  void aBudgetReservesTheCeilingAndKeepsWhatTheAnswersReallyCost() {
    // Each request reserves 17 x $3 + 1 x $15 per million tokens, and costs 3 x $1 + 1 x $10.
    String oneToken = MESSAGES.replace("\"max_tokens\":100", "\"max_tokens\":1");
    Limit limit =
        codeVector
            .limits()
            .create(
                new LimitSpec(
                    new LimitScope.All(),
                    Optional.empty(),
                    OptionalLong.empty(),
                    OptionalLong.empty(),
                    Optional.of(new Budget(new BigDecimal("0.0001"), BudgetPeriod.DAY))));
    Admission limited = codeVector.limits().admission(Subject.anyone());

    for (int i = 0; i < 3; i++) {
      assertEquals(200, route(Dialect.ANTHROPIC_MESSAGES, oneToken, limited));
      settled(limit);
    }
    LimitExceededException e =
        assertThrows(
            LimitExceededException.class,
            () -> route(Dialect.ANTHROPIC_MESSAGES, oneToken, limited));

    assertEquals(Cap.BUDGET, e.cap());
    CapStatus budget = settled(limit).caps().get(0);
    assertEquals(0, new BigDecimal("0.000039").compareTo(budget.used()), budget.toString());
    assertEquals(0, BigDecimal.ZERO.compareTo(budget.reserved()), budget.toString());
  }

  /** Polls a limit's status, for at most ten seconds, until no settlement is pending. */
  private LimitStatus settled(Limit limit) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    LimitStatus status = codeVector.limits().status(limit.id());
    while (status.caps().stream().anyMatch(cap -> cap.reserved().signum() > 0)
        && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      status = codeVector.limits().status(limit.id());
    }
    return status;
  }

  private int route(Dialect dialect, String body) {
    return route(dialect, body, admission);
  }

  private int route(Dialect dialect, String body, Admission limits) {
    try (RouteResponse response = routeOpen(dialect, body, limits)) {
      return response.status();
    }
  }

  private RouteResponse routeOpen(Dialect dialect, String body) {
    return routeOpen(dialect, body, admission);
  }

  private RouteResponse routeOpen(Dialect dialect, String body, Admission limits) {
    return codeVector
        .router()
        .route(
            RouteRequest.of(dialect, body.getBytes(StandardCharsets.UTF_8)), model -> true, limits);
  }

  /** An admission that admits every request, or refuses it as told, recording what it is given. */
  private static final class RecordingAdmission implements Admission {
    final List<Demand> demands = new ArrayList<>();
    final List<Recorded> tickets = new ArrayList<>();
    boolean limitsAnything = true;
    Room room = Room.UNLIMITED;
    LimitExceededException refusal;

    @Override
    public boolean limits(Model model) {
      return limitsAnything;
    }

    @Override
    public Ticket admit(Model model, Demand demand) {
      demands.add(demand);
      if (refusal != null) {
        throw refusal;
      }
      Recorded ticket = new Recorded(room);
      tickets.add(ticket);
      return ticket;
    }
  }

  /** A ticket that records how it was ended. */
  private static final class Recorded implements Ticket {
    final List<String> ends = new ArrayList<>();
    private final Room room;

    Recorded(Room room) {
      this.room = room;
    }

    @Override
    public Room room() {
      return room;
    }

    @Override
    public void settle(long tokens, BigDecimal cost) {
      ends.add("settle " + tokens + " tokens, $" + cost.toPlainString());
    }

    @Override
    public void release() {
      ends.add("release");
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
          return Dialects.of(Dialect.ANTHROPIC_MESSAGES, Dialect.ANTHROPIC_COUNT_TOKENS);
        }

        @Override
        public UpstreamResponse call(UpstreamRequest request) {
          calls++;
          Supplier<UpstreamResponse> next = script.poll();
          return next == null ? new Answer(200, MESSAGES_ANSWER) : next.get();
        }
      };
    }
  }

  private record Answer(int status, String text) implements UpstreamResponse {
    @Override
    public Optional<String> header(String name) {
      return Optional.empty();
    }

    @Override
    public InputStream body() {
      return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {}
  }
}
