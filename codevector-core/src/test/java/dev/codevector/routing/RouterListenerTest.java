package dev.codevector.routing;

import static dev.codevector.testing.RouterHarness.body;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codevector.registry.BackendDefaults;
import dev.codevector.testing.RouterHarness;
import dev.codevector.wire.Dialect;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A listener made from a lambda hears its one kind of event from a real route. */
final class RouterListenerTest {
  private static final String REQUEST = "{\"model\":\"gpt-main\",\"messages\":[]}";
  private static final String ANSWER = "{\"id\":\"chatcmpl-2\",\"choices\":[]}";

  private final MockWebServer primary = new MockWebServer();
  private final MockWebServer standby = new MockWebServer();
  private final List<String> heard = new CopyOnWriteArrayList<>();
  private RouterHarness harness;

  private void start(RouterListener listener) throws Exception {
    primary.start();
    standby.start();
    harness = new RouterHarness(Duration.ofSeconds(30), listener);
    harness.publish(
        "gpt-main",
        BackendDefaults.none(),
        harness.chatModel(harness.openAiCompatible("primary", primary), "m1"),
        harness.chatModel(harness.openAiCompatible("standby", standby), "m2"));
    primary.enqueue(new MockResponse.Builder().code(503).body("{}").build());
    standby.enqueue(new MockResponse.Builder().body(ANSWER).build());
  }

  @AfterEach
  void stop() {
    harness.close();
    primary.close();
    standby.close();
  }

  @Test
  void aFailedAttemptReachesTheLambda() throws Exception {
    start(
        RouterListener.onAttemptFailed(
            (model, attempt) -> heard.add(model + " " + attempt.status())));

    try (RouteResponse response = harness.route(Dialect.OPENAI_CHAT, REQUEST)) {
      assertEquals(ANSWER, body(response));
    }
    assertEquals(List.of("gpt-main 503"), heard);
  }

  @Test
  void aCompletedRouteReachesTheLambdaOnceClosed() throws Exception {
    start(
        RouterListener.onRouteCompleted(
            (model, response) -> heard.add(model + " " + response.attempts().size())));

    try (RouteResponse response = harness.route(Dialect.OPENAI_CHAT, REQUEST)) {
      assertEquals(ANSWER, body(response));
    }
    assertEquals(List.of("gpt-main 2"), heard);
  }
}
