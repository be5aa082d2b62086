package dev.codevector.routing;

import static dev.codevector.testing.RouterHarness.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codevector.registry.BackendDefaults;
import dev.codevector.registry.BackendId;
import dev.codevector.registry.Model;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.Status;
import dev.codevector.testing.LogCapture;
import dev.codevector.testing.RouterHarness;
import dev.codevector.wire.Dialect;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class FailoverTest {
  private static final String REQUEST = "{\"model\":\"gpt-main\",\"messages\":[]}";
  private static final String ANSWER = "{\"id\":\"chatcmpl-2\",\"choices\":[]}";

  private final MockWebServer primary = new MockWebServer();
  private final MockWebServer standby = new MockWebServer();
  private final List<String> events = new ArrayList<>();
  private final RouterHarness harness =
      new RouterHarness(
          Duration.ofMillis(300),
          new RouterListener() {
            @Override
            public void attemptStarted(String model, BackendId backendId) {
              events.add("started");
            }

            @Override
            public void attemptFailed(String model, Attempt attempt) {
              events.add("failed " + attempt.status());
            }

            @Override
            public void routeCompleted(String model, RouteResponse response) {
              events.add("completed " + response.status());
            }

            @Override
            public void circuitChanged(BackendId backendId, CircuitState state) {
              events.add("circuit " + state);
            }
          });
  private ProviderModel first;
  private ProviderModel second;
  private Model model;

  @BeforeEach
  void start() throws Exception {
    primary.start();
    standby.start();
    first = harness.chatModel(harness.openAiCompatible("primary", primary), "m1");
    second = harness.chatModel(harness.openAiCompatible("standby", standby), "m2");
    model = harness.publish("gpt-main", BackendDefaults.none(), first, second);
  }

  @AfterEach
  void stop() {
    harness.close();
    primary.close();
    standby.close();
  }

  @Test
  void failsOverToNextBackendOn503() {
    primary.enqueue(
        new MockResponse.Builder().code(503).body("{\"error\":{\"message\":\"busy\"}}").build());
    standby.enqueue(new MockResponse.Builder().body(ANSWER).build());

    try (RouteResponse response = harness.route(Dialect.OPENAI_CHAT, REQUEST)) {
      assertEquals(ANSWER, body(response));
      assertEquals(
          List.of(Outcome.FAILOVER, Outcome.SUCCESS),
          response.attempts().stream().map(Attempt::outcome).toList());
      assertEquals("busy", response.attempts().get(0).error().orElseThrow());
    }
    assertEquals(List.of("started", "failed 503", "started", "completed 200"), events);
  }

  @Test
  void failsOverWhenTheConnectionIsRefused() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ProviderModel refusing =
        harness.chatModel(
            harness.provider(
                "refusing",
                dev.codevector.registry.ProviderKind.OPENAI_COMPATIBLE,
                Map.of("baseUrl", "http://127.0.0.1:" + closedPort + "/v1"),
                primary),
            "m0");
    harness.publish("refused-first", BackendDefaults.none(), refusing, second);
    standby.enqueue(new MockResponse.Builder().body(ANSWER).build());

    try (RouteResponse response =
        harness.route(Dialect.OPENAI_CHAT, "{\"model\":\"refused-first\",\"messages\":[]}")) {
      assertEquals(ANSWER, body(response));
      assertEquals(0, response.attempts().get(0).status());
    }
  }

  @Test
  void badRequestIsNotFailedOverAndTheClientGetsTheUpstreamError() {
    String error =
        "{\"error\":{\"message\":\"context too long\",\"type\":\"invalid_request_error\"}}";
    primary.enqueue(new MockResponse.Builder().code(400).body(error).build());

    try (RouteResponse response = harness.route(Dialect.OPENAI_CHAT, REQUEST)) {
      assertEquals(400, response.status());
      assertEquals(error, body(response));
    }
    assertEquals(0, standby.getRequestCount());
  }

  @Test
  void unauthorizedUpstreamFailsOver() {
    primary.enqueue(new MockResponse.Builder().code(401).body("{}").build());
    standby.enqueue(new MockResponse.Builder().body(ANSWER).build());

    try (RouteResponse response = harness.route(Dialect.OPENAI_CHAT, REQUEST)) {
      assertEquals(200, response.status());
    }
  }

  @Test
  void everyBackendFailingGivesTheLastStatus() {
    primary.enqueue(new MockResponse.Builder().code(503).build());
    standby.enqueue(new MockResponse.Builder().code(429).build());

    BackendsExhaustedException e =
        assertThrows(
            BackendsExhaustedException.class, () -> harness.route(Dialect.OPENAI_CHAT, REQUEST));

    assertEquals(429, e.status());
    assertEquals(2, e.attempts().size());
  }

  @Test
  void retryAfterOpensTheCircuitSoTheBackendIsSkippedWithoutACall() {
    primary.enqueue(
        new MockResponse.Builder().code(429).addHeader("retry-after-ms", "60000").build());
    standby.enqueue(new MockResponse.Builder().body(ANSWER).build());
    standby.enqueue(new MockResponse.Builder().body(ANSWER).build());
    harness.route(Dialect.OPENAI_CHAT, REQUEST).close();

    try (RouteResponse response = harness.route(Dialect.OPENAI_CHAT, REQUEST)) {
      assertEquals(1, response.attempts().size());
    }
    assertEquals(1, primary.getRequestCount());
  }

  @Test
  void openCircuitIsProbedAgainAfterTheCooldown() throws Exception {
    for (int i = 0; i < 3; i++) {
      primary.enqueue(new MockResponse.Builder().code(500).build());
      standby.enqueue(new MockResponse.Builder().body(ANSWER).build());
      harness.route(Dialect.OPENAI_CHAT, REQUEST).close();
    }
    standby.enqueue(new MockResponse.Builder().body(ANSWER).build());
    harness.route(Dialect.OPENAI_CHAT, REQUEST).close();
    assertEquals(3, primary.getRequestCount());

    Thread.sleep(400); // the cooldown is real time: Failsafe reads the system clock
    primary.enqueue(new MockResponse.Builder().body(ANSWER).build());

    try (RouteResponse response = harness.route(Dialect.OPENAI_CHAT, REQUEST)) {
      assertEquals(1, response.attempts().size());
    }
    assertEquals(4, primary.getRequestCount());
    assertEquals(
        List.of("circuit OPEN", "circuit HALF_OPEN", "circuit CLOSED"),
        events.stream().filter(e -> e.startsWith("circuit")).toList());
  }

  @Test
  void everyCircuitChangeIsLoggedAnOpeningAsAWarning() throws Exception {
    List<String> logged;
    try (LogCapture log = LogCapture.of("dev.codevector.internal.routing.BackendCircuits")) {
      openCircuitIsProbedAgainAfterTheCooldown();
      logged = log.lines();
    }

    String backend =
        "Backend "
            + model.backends().get(0).id().value()
            + " (model gpt-main, priority "
            + model.backends().get(0).priority()
            + ", Provider primary)";
    assertEquals(
        List.of(
            "WARNING " + backend + " is skipped until its cooldown ends",
            "INFO " + backend + " cooled down: the next request tries it",
            "INFO " + backend + " answered again and is back in its routes"),
        logged);
  }

  @Test
  void disabledProviderIsSkipped() {
    harness.registry.changeProviderStatus(first.providerId(), Status.DISABLED);
    standby.enqueue(new MockResponse.Builder().body(ANSWER).build());

    try (RouteResponse response = harness.route(Dialect.OPENAI_CHAT, REQUEST)) {
      assertEquals(1, response.attempts().size());
    }
    assertEquals(0, primary.getRequestCount());
  }

  @Test
  void modelWhoseBackendsAreAllDisabledHasNoActiveBackend() {
    harness.registry.changeProviderModelStatus(first.id(), Status.DISABLED);
    harness.registry.changeProviderModelStatus(second.id(), Status.DISABLED);

    assertThrows(NoActiveBackendException.class, () -> harness.route(Dialect.OPENAI_CHAT, REQUEST));
  }
}
