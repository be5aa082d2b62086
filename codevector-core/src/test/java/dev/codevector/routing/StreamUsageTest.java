package dev.codevector.routing;

import static dev.codevector.testing.RouterHarness.events;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codevector.registry.BackendDefaults;
import dev.codevector.registry.ProviderKind;
import dev.codevector.testing.RouterHarness;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.SseEvent;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OpenAI Chat streams through passthrough still yield usage for accounting. */
final class StreamUsageTest {
  private static final String CHUNK =
      "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"},"
          + "\"finish_reason\":\"stop\"}],\"usage\":null}\n\n";
  private static final String USAGE =
      "data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":30,"
          + "\"completion_tokens\":5,\"total_tokens\":35}}\n\n";
  private static final String DONE = "data: [DONE]\n\n";

  private final MockWebServer upstream = new MockWebServer();
  private final RouterHarness harness = new RouterHarness();

  @BeforeEach
  void start() throws Exception {
    upstream.start();
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("content-type", "text/event-stream")
            .body(CHUNK + USAGE + DONE)
            .build());
  }

  @AfterEach
  void stop() {
    harness.close();
    upstream.close();
  }

  private void publish(ProviderKind kind) {
    harness.publish(
        "gpt-main",
        BackendDefaults.none(),
        harness.chatModel(harness.provider("p", kind, Map.of(), upstream), "gpt-4o"));
  }

  @Test
  void openAiStreamIsAskedForUsageWhichIsReadButNotShownToTheClient() throws Exception {
    publish(ProviderKind.OPENAI);

    try (RouteResponse response =
        harness.route(
            Dialect.OPENAI_CHAT, "{\"model\":\"gpt-main\",\"stream\":true,\"messages\":[]}")) {
      List<SseEvent> events = events(response);

      assertEquals(
          List.of(CHUNK.substring(6).strip(), "[DONE]"),
          events.stream().map(SseEvent::data).toList());
      assertEquals(new Usage(30, 0, 0, 5), response.usage());
    }
    assertEquals(
        "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[],\"stream_options\":{\"include_usage\":true}}",
        upstream.takeRequest().getBody().utf8());
  }

  @Test
  void clientThatAskedForUsageGetsItsUsageChunkAndAnUnchangedRequest() throws Exception {
    publish(ProviderKind.OPENAI);
    String sent =
        "{\"model\":\"gpt-main\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[]}";

    try (RouteResponse response = harness.route(Dialect.OPENAI_CHAT, sent)) {
      assertEquals(3, events(response).size());
    }
    assertEquals(sent.replace("gpt-main", "gpt-4o"), upstream.takeRequest().getBody().utf8());
  }

  @Test
  void compatibleServersAreNotSentStreamOptions() throws Exception {
    publish(ProviderKind.OPENAI_COMPATIBLE);

    harness
        .route(Dialect.OPENAI_CHAT, "{\"model\":\"gpt-main\",\"stream\":true,\"messages\":[]}")
        .close();

    assertEquals(
        "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[]}",
        upstream.takeRequest().getBody().utf8());
  }
}
