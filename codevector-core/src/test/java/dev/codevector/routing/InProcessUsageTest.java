package dev.codevector.routing;

import static dev.codevector.testing.RouterHarness.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.access.ApiKeyId;
import dev.codevector.access.UserId;
import dev.codevector.registry.BackendDefaults;
import dev.codevector.registry.Model;
import dev.codevector.registry.ProviderModel;
import dev.codevector.testing.RouterHarness;
import dev.codevector.usage.Client;
import dev.codevector.usage.ClientKind;
import dev.codevector.usage.UsageRecord;
import dev.codevector.wire.Dialect;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A router embedded in an application records each request's usage in its store as the server does:
 * tokens, cost at the serving Provider Model's prices, attempts, timings and origin.
 */
final class InProcessUsageTest {
  private static final String STREAM_REQUEST =
      "{\"model\":\"gpt-main\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String WHOLE_REQUEST =
      "{\"model\":\"gpt-main\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String STREAM =
      "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
          + "\"delta\":{\"content\":\"hi\"},\"finish_reason\":null}]}\n\n"
          + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
          + "\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1000,"
          + "\"completion_tokens\":500,\"total_tokens\":1500}}\n\n"
          + "data: [DONE]\n\n";

  private final MockWebServer primary = new MockWebServer();
  private final MockWebServer standby = new MockWebServer();
  private final List<UsageRecord> heard = new CopyOnWriteArrayList<>();
  private RouterHarness harness;
  private Model model;
  private ProviderModel second;

  private void start(boolean storeUsage) throws Exception {
    primary.start();
    standby.start();
    harness = new RouterHarness(b -> b.usageListener(heard::add).storeUsage(storeUsage));
    ProviderModel first = harness.chatModel(harness.openAiCompatible("primary", primary), "m1");
    second = harness.chatModel(harness.openAiCompatible("standby", standby), "m2");
    model = harness.publish("gpt-main", BackendDefaults.none(), first, second);
  }

  @AfterEach
  void stop() {
    harness.close();
    primary.close();
    standby.close();
  }

  private List<UsageRecord> stored() {
    harness.codeVector.usage().flush();
    return harness.codeVector.usageRecords(
        Instant.now().minusSeconds(600), Instant.now().plusSeconds(60), 100);
  }

  @Test
  void aStreamThatFailedOverIsRecordedWithItsTokensCostAttemptsAndTimings() throws Exception {
    start(true);
    primary.enqueue(new MockResponse.Builder().code(503).body("{}").build());
    standby.enqueue(
        new MockResponse.Builder()
            .addHeader("content-type", "text/event-stream")
            .body(STREAM)
            .build());
    RequestOrigin origin =
        new RequestOrigin(
            "req_inprocess_1",
            Optional.of(UserId.random()),
            Optional.of(ApiKeyId.random()),
            new Client(ClientKind.OPENAI_SDK, Optional.of("1.2.3")));

    RouteResponse response =
        harness
            .codeVector
            .router()
            .route(
                new RouteRequest(
                        Dialect.OPENAI_CHAT,
                        STREAM_REQUEST.getBytes(StandardCharsets.UTF_8),
                        Map.of("x-claude-code-session-id", List.of("session-7")))
                    .withOrigin(origin));
    try (response) {
      assertEquals(second.id(), response.servedBy().orElseThrow().providerModelId());
      assertTrue(response.timings().untilFirstEvent().isEmpty(), "no event read yet");
      while (response.nextEvent().isPresent()) {
        // read to the end
      }
      assertTrue(response.timings().untilFirstEvent().isPresent());
      assertTrue(response.timings().untilClosed().isEmpty(), "not closed yet");
    }
    assertTrue(response.timings().untilClosed().isPresent());

    List<UsageRecord> records = stored();
    assertEquals(1, records.size(), records.toString());
    UsageRecord record = records.get(0);
    assertEquals("req_inprocess_1", record.requestId());
    assertEquals(origin.user(), record.user());
    assertEquals(origin.key(), record.key());
    assertEquals(origin.client(), record.client());
    assertEquals(Optional.of("session-7"), record.sessionId());
    assertEquals("gpt-main", record.model());
    assertEquals(Optional.of("m2"), record.providerModel());
    assertEquals(200, record.status());
    assertEquals(List.of(503, 200), record.attempts().stream().map(a -> a.status()).toList());
    assertEquals(1000, record.inputTokens());
    assertEquals(500, record.outputTokens());
    assertEquals(0, new BigDecimal("0.006").compareTo(record.cost()), record.cost().toString());
    assertTrue(record.timeToFirstToken().isPresent());
    assertTrue(record.latency().compareTo(record.timeToFirstToken().get()) >= 0);
    assertEquals(records, heard, "the listener hears the same record");
  }

  @Test
  void aRequestNoBackendAnsweredIsRecordedWithTheStatusItsCallerIsTold() throws Exception {
    start(true);
    primary.enqueue(new MockResponse.Builder().code(503).body("{}").build());
    standby.enqueue(new MockResponse.Builder().code(502).body("{}").build());

    BackendsExhaustedException e =
        assertThrows(
            BackendsExhaustedException.class,
            () -> harness.route(Dialect.OPENAI_CHAT, WHOLE_REQUEST));

    UsageRecord record = stored().get(0);
    assertEquals(e.status(), record.status());
    assertEquals(2, record.attempts().size());
    assertEquals(ClientKind.OTHER, record.client().kind());
    assertTrue(record.requestId().startsWith("req_"), record.requestId());
    assertEquals(0, record.cost().signum());
  }

  @Test
  void withoutTheStoreOnlyTheListenerHasTheRecords() throws Exception {
    start(false);
    standby.enqueue(new MockResponse.Builder().body("{}").build());
    primary.enqueue(
        new MockResponse.Builder()
            .body(
                "{\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,"
                    + "\"completion_tokens\":2,\"total_tokens\":5}}")
            .build());

    try (RouteResponse response = harness.route(Dialect.OPENAI_CHAT, WHOLE_REQUEST)) {
      body(response);
    }

    assertEquals(List.of(), stored());
    assertEquals(1, heard.size());
    assertEquals(3, heard.get(0).inputTokens());
    assertEquals(model.slug(), heard.get(0).model());
  }
}
