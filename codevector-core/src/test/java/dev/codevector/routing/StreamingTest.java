package dev.codevector.routing;

import static dev.codevector.testing.RouterHarness.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.registry.BackendDefaults;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderModel;
import dev.codevector.testing.LogCapture;
import dev.codevector.testing.RouterHarness;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.SseEvent;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class StreamingTest {
  private static final String REQUEST =
      "{\"model\":\"claude-sonnet\",\"max_tokens\":100,\"stream\":true,\"messages\":[]}";
  private static final String MESSAGE_START =
      "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"usage\":"
          + "{\"input_tokens\":42,\"cache_read_input_tokens\":100,\"cache_creation_input_tokens\":7,"
          + "\"output_tokens\":1}}}";
  private static final String STREAM =
      "event: message_start\ndata: "
          + MESSAGE_START
          + "\n\n"
          + ": keep-alive comment\n\n"
          + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
          + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
          + "event: vendor_extension\ndata: {\"type\":\"vendor_extension\",\"x\":1}\n\n"
          + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
          + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n"
          + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
          + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
          + "\"end_turn\"},\"usage\":{\"output_tokens\":31}}\n\n"
          + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

  private final MockWebServer primary = new MockWebServer();
  private final MockWebServer standby = new MockWebServer();
  private final RouterHarness harness = new RouterHarness();

  @BeforeEach
  void start() throws Exception {
    primary.start();
    standby.start();
    ProviderModel first =
        harness.chatModel(
            harness.provider("anthropic-a", ProviderKind.ANTHROPIC, Map.of(), primary), "claude-a");
    ProviderModel second =
        harness.chatModel(
            harness.provider("anthropic-b", ProviderKind.ANTHROPIC, Map.of(), standby), "claude-b");
    harness.publish("claude-sonnet", BackendDefaults.none(), first, second);
  }

  @AfterEach
  void stop() {
    harness.close();
    primary.close();
    standby.close();
  }

  private static MockResponse sse(String body) {
    return new MockResponse.Builder()
        .addHeader("content-type", "text/event-stream")
        .body(body)
        .build();
  }

  @Test
  void streamPassesThroughEveryEventIncludingUnknownOnes() {
    primary.enqueue(sse(STREAM));

    try (RouteResponse response = harness.route(Dialect.ANTHROPIC_MESSAGES, REQUEST)) {
      List<SseEvent> events = events(response);

      assertEquals(
          List.of(
              "message_start",
              "content_block_start",
              "vendor_extension",
              "content_block_delta",
              "content_block_stop",
              "message_delta",
              "message_stop"),
          events.stream().map(e -> e.name().orElseThrow()).toList());
      assertEquals(MESSAGE_START, events.get(0).data());
      assertEquals(new Usage(42, 100, 7, 31), response.usage());
    }
  }

  @Test
  void errorEventBeforeAnythingWasForwardedFailsOver() {
    primary.enqueue(
        sse(
            "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                + "\"message\":\"Overloaded\"}}\n\n"));
    standby.enqueue(sse(STREAM));

    try (RouteResponse response = harness.route(Dialect.ANTHROPIC_MESSAGES, REQUEST)) {
      assertEquals(7, events(response).size());
      assertEquals("Overloaded", response.attempts().get(0).error().orElseThrow());
    }
  }

  @Test
  void failureAfterTheFirstEventEndsTheStreamWithAnErrorEvent() {
    String firstEvent = "event: message_start\ndata: " + MESSAGE_START + "\n\n";
    primary.enqueue(
        new MockResponse.Builder()
            .addHeader("content-type", "text/event-stream")
            .body(firstEvent)
            .setHeader("content-length", firstEvent.length() + 500)
            .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
            .build());

    try (LogCapture log = LogCapture.of("dev.codevector.internal.routing.StreamResponse");
        RouteResponse response = harness.route(Dialect.ANTHROPIC_MESSAGES, REQUEST)) {
      List<SseEvent> events = events(response);

      assertEquals(2, events.size());
      assertEquals("message_start", events.get(0).name().orElseThrow());
      assertEquals("error", events.get(1).name().orElseThrow());
      assertTrue(events.get(1).data().contains("\"api_error\""));
      assertEquals(1, log.lines().size(), log.lines().toString());
      assertTrue(
          log.lines()
              .get(0)
              .startsWith(
                  "WARNING the stream of model claude-sonnet from Backend "
                      + response.attempts().get(0).backendId().value()
                      + " broke off: "),
          log.lines().toString());
    }
    assertEquals(0, standby.getRequestCount());
  }

  @Test
  void streamThatEndsWithoutItsFinalEventEndsWithAnErrorEvent() {
    primary.enqueue(sse("event: message_start\ndata: " + MESSAGE_START + "\n\n"));

    try (RouteResponse response = harness.route(Dialect.ANTHROPIC_MESSAGES, REQUEST)) {
      List<SseEvent> events = events(response);

      assertEquals("error", events.get(events.size() - 1).name().orElseThrow());
    }
  }

  @Test
  void anthropicProtocolHeadersAndKeyReachTheUpstream() throws Exception {
    primary.enqueue(sse(STREAM));
    RouteRequest request =
        new RouteRequest(
            Dialect.ANTHROPIC_MESSAGES,
            REQUEST.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            Map.of(
                "Anthropic-Beta", List.of("interleaved-thinking-2025-05-14,context-1m"),
                "anthropic-version", List.of("2023-06-01")));

    harness.codeVector.router().route(request).close();

    var received = primary.takeRequest();
    assertEquals("/v1/messages", received.getUrl().encodedPath());
    assertEquals("key-anthropic-a-0123456789", received.getHeaders().get("x-api-key"));
    assertEquals(
        "interleaved-thinking-2025-05-14,context-1m", received.getHeaders().get("anthropic-beta"));
    assertEquals("2023-06-01", received.getHeaders().get("anthropic-version"));
    assertTrue(received.getBody().utf8().contains("\"model\":\"claude-a\""));
  }
}
