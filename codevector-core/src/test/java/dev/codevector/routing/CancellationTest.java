package dev.codevector.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.registry.BackendDefaults;
import dev.codevector.registry.BackendId;
import dev.codevector.registry.ProviderKind;
import dev.codevector.testing.RouterHarness;
import dev.codevector.testing.ScriptedUpstream;
import dev.codevector.testing.ScriptedUpstream.Step;
import dev.codevector.wire.Dialect;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class CancellationTest {
  private static final String STREAM = "{\"model\":\"chat\",\"stream\":true,\"messages\":[]}";
  private static final String WHOLE = "{\"model\":\"chat\",\"messages\":[]}";

  private final List<String> judged = new CopyOnWriteArrayList<>();
  private final RouterHarness harness =
      new RouterHarness(
          Duration.ofSeconds(30),
          new RouterListener() {
            @Override
            public void attemptFailed(String model, Attempt attempt) {
              judged.add("failed " + attempt.status());
            }

            @Override
            public void circuitChanged(BackendId backendId, CircuitState state) {
              judged.add("circuit " + state);
            }
          });
  private ScriptedUpstream upstream;

  @AfterEach
  void stop() throws Exception {
    harness.close();
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void closingAStreamMidwayCancelsTheUpstreamCall() throws Exception {
    upstream =
        new ScriptedUpstream(
            IntStream.range(0, 1_000)
                .mapToObj(n -> new Step(20, "data: {\"n\":" + n + "}\n\n"))
                .toList());
    publish();
    RouteResponse response = harness.route(Dialect.OPENAI_CHAT, STREAM);
    assertEquals("{\"n\":0}", response.nextEvent().orElseThrow().data());

    response.close();

    assertTrue(upstream.clientLeft().await(10, TimeUnit.SECONDS));
  }

  @Test
  void cancellingBeforeTheAnswerCancelsTheUpstreamCallAndThrows() throws Exception {
    RouteCancelledException cancelled = cancelBeforeTheAnswer();

    assertTrue(upstream.clientLeft().await(1, TimeUnit.SECONDS));
    assertEquals("chat", cancelled.model());
    assertEquals(499, cancelled.attempts().get(0).status());
  }

  @Test
  void aCancelledAttemptNeitherFailsOverNorJudgesItsBackend() throws Exception {
    cancelBeforeTheAnswer();

    assertEquals(List.of(), judged);
  }

  @Test
  void cancellingAStreamEndsItWithoutATerminalEventAndKeepsItsUsage() throws Exception {
    upstream =
        new ScriptedUpstream(
            List.of(
                new Step(
                    0,
                    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}],"
                        + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":1}}\n\n"),
                new Step(20_000, "data: [DONE]\n\n")));
    publish();
    Cancellation cancellation = Cancellation.create();
    RouteResponse response = route(STREAM, cancellation);
    response.nextEvent().orElseThrow();

    cancellation.cancel();

    assertTimeoutPreemptively(
        Duration.ofSeconds(1), () -> assertTrue(response.nextEvent().isEmpty()));
    assertTrue(upstream.clientLeft().await(1, TimeUnit.SECONDS));
    assertEquals(7, response.usage().inputTokens());
    response.close();
  }

  @Test
  void aCancellationGivenBeforeRegisteringRunsTheActionAtOnce() {
    Cancellation cancellation = Cancellation.create();
    cancellation.cancel();
    List<String> ran = new CopyOnWriteArrayList<>();

    cancellation.onCancel(() -> ran.add("stopped")).close();

    assertEquals(List.of("stopped"), ran);
  }

  /**
   * Routes a whole request to an upstream that never answers, cancels it once the upstream has it,
   * and returns what the route threw within a second.
   */
  private RouteCancelledException cancelBeforeTheAnswer() throws Exception {
    upstream = ScriptedUpstream.neverAnswering();
    publish();
    Cancellation cancellation = Cancellation.create();
    CompletableFuture<RouteResponse> routed =
        CompletableFuture.supplyAsync(() -> route(WHOLE, cancellation));
    assertTrue(upstream.requested().await(10, TimeUnit.SECONDS));

    cancellation.cancel();

    ExecutionException thrown =
        assertThrows(ExecutionException.class, () -> routed.get(1, TimeUnit.SECONDS));
    return (RouteCancelledException) thrown.getCause();
  }

  private void publish() {
    harness.publish(
        "chat",
        BackendDefaults.none(),
        harness.chatModel(
            harness.provider(
                "slow",
                ProviderKind.OPENAI_COMPATIBLE,
                Map.of("baseUrl", upstream.baseUrl()),
                null),
            "m"));
  }

  private RouteResponse route(String json, Cancellation cancellation) {
    return harness
        .codeVector
        .router()
        .route(
            new RouteRequest(
                Dialect.OPENAI_CHAT,
                json.getBytes(StandardCharsets.UTF_8),
                Map.of(),
                cancellation));
  }
}
