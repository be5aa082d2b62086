package dev.codevector.routing;

import static dev.codevector.testing.RouterHarness.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.registry.BackendDefaults;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderModel;
import dev.codevector.testing.RouterHarness;
import dev.codevector.testing.ScriptedUpstream;
import dev.codevector.testing.ScriptedUpstream.Step;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.SseEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class TimeoutsTest {
  private static final String REQUEST = "{\"model\":\"chat\",\"stream\":true,\"messages\":[]}";
  private static final String FIRST = "data: {\"n\":0}\n\n";
  private static final String STREAM = FIRST + "data: {\"n\":1}\n\ndata: [DONE]\n\n";

  private final MockWebServer slow = new MockWebServer();
  private final MockWebServer standby = new MockWebServer();
  private final RouterHarness harness = new RouterHarness();

  @BeforeEach
  void start() throws Exception {
    slow.start();
    standby.start();
    ProviderModel impatient =
        harness.chatModel(
            harness.provider(
                "impatient",
                ProviderKind.OPENAI_COMPATIBLE,
                Map.of("firstByteTimeoutSeconds", "1", "idleTimeoutSeconds", "1"),
                slow),
            "m1");
    ProviderModel backup =
        harness.chatModel(
            harness.provider(
                "standby",
                ProviderKind.OPENAI_COMPATIBLE,
                Map.of("firstByteTimeoutSeconds", "5"),
                standby),
            "m2");
    harness.publish("chat", BackendDefaults.none(), impatient, backup);
  }

  @AfterEach
  void stop() {
    harness.close();
    slow.close();
    standby.close();
  }

  private static MockResponse.Builder sse() {
    return new MockResponse.Builder().addHeader("content-type", "text/event-stream");
  }

  @Test
  void upstreamSlowerThanItsFirstByteTimeoutIsFailedOver() {
    slow.enqueue(sse().body(STREAM).headersDelay(3, TimeUnit.SECONDS).build());
    standby.enqueue(sse().body(STREAM).build());

    try (RouteResponse response = harness.route(Dialect.OPENAI_CHAT, REQUEST)) {
      assertEquals(3, events(response).size());
      Attempt first = response.attempts().get(0);
      assertEquals(Outcome.FAILOVER, first.outcome());
      assertEquals(504, first.status());
      assertEquals(
          Optional.of("the upstream sent no answer within its first-byte timeout"), first.error());
    }
  }

  @Test
  void streamIdleLongerThanItsIdleTimeoutEndsWithAnErrorEvent() throws Exception {
    try (ScriptedUpstream stalling =
        new ScriptedUpstream(List.of(new Step(0, FIRST), new Step(3_000, "data: [DONE]\n\n")))) {
      harness.publish(
          "stalling",
          BackendDefaults.none(),
          harness.chatModel(
              harness.provider(
                  "stalling",
                  ProviderKind.OPENAI_COMPATIBLE,
                  Map.of("baseUrl", stalling.baseUrl(), "idleTimeoutSeconds", "1"),
                  null),
              "m3"));

      try (RouteResponse response =
          harness.route(
              Dialect.OPENAI_CHAT, "{\"model\":\"stalling\",\"stream\":true,\"messages\":[]}")) {
        List<SseEvent> events = events(response);

        assertEquals("{\"n\":0}", events.get(0).data());
        assertEquals(2, events.size());
        assertTrue(events.get(1).data().startsWith("{\"error\""), events.get(1).data());
      }
    }
  }
}
