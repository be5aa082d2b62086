package dev.codevector.internal.upstream.cohere;

import static dev.codevector.internal.upstream.cohere.CohereTesting.assertChunks;
import static dev.codevector.internal.upstream.cohere.CohereTesting.assertJson;
import static dev.codevector.internal.upstream.cohere.CohereTesting.sse;
import static dev.codevector.internal.upstream.cohere.CohereTesting.stream;
import static dev.codevector.testing.RouterHarness.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.codevector.routing.RouteResponse;
import dev.codevector.routing.Usage;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.SseEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cohere's chat stream, converted to OpenAI Chat chunks as its events arrive. */
final class CohereStreamTest {
  private static final String ASKING_FOR_USAGE =
      "{\"model\":\"chat\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  private static final String MESSAGE_START =
      """
      {"type":"message-start","id":"c0ffee","delta":{"message":{"role":"assistant",
        "content":[],"tool_plan":"","tool_calls":[],"citations":[]}}}
      """;
  private static final String TEXT_START =
      """
      {"type":"content-start","index":0,"delta":{"message":{"content":{"type":"text","text":""}}}}
      """;
  private static final String HEL =
      """
      {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"Hel"}}}}
      """;
  private static final String LO =
      """
      {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"lo"}}}}
      """;
  private static final String TEXT_END = "{\"type\":\"content-end\",\"index\":0}";
  private static final String COMPLETE =
      """
      {"type":"message-end","delta":{"finish_reason":"COMPLETE",
        "usage":{"billed_units":{"input_tokens":5,"output_tokens":2},
                 "tokens":{"input_tokens":70,"output_tokens":2}}}}
      """;
  private static final String HEADER =
      "\"id\":\"chatcmpl-c0ffee\",\"object\":\"chat.completion.chunk\"," + "\"model\":\"chat\"";

  @RegisterExtension final CohereRoute route = new CohereRoute("command-a-03-2025");

  private final MockWebServer cohere = route.cohere();

  /** A chunk of the one choice; with usage asked for, every chunk but the last has it null. */
  private static String chunk(String delta, String finishReason, boolean usage) {
    return "{"
        + HEADER
        + ",\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"logprobs\":null,\"finish_reason\":"
        + finishReason
        + "}]"
        + (usage ? ",\"usage\":null}" : "}");
  }

  @Test
  void textStreamBecomesChunksThenFinishThenUsageThenDone() throws Exception {
    cohere.enqueue(stream(MESSAGE_START, TEXT_START, HEL, LO, TEXT_END, COMPLETE));

    try (RouteResponse response = route.route(Dialect.OPENAI_CHAT, ASKING_FOR_USAGE)) {
      assertChunks(
          List.of(
              chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null", true),
              chunk("{\"content\":\"Hel\"}", "null", true),
              chunk("{\"content\":\"lo\"}", "null", true),
              chunk("{}", "\"stop\"", true),
              "{"
                  + HEADER
                  + ",\"choices\":[],\"usage\":{\"prompt_tokens\":70,\"completion_tokens\":2,"
                  + "\"total_tokens\":72}}",
              "[DONE]"),
          events(response));
      assertEquals(new Usage(70, 0, 0, 2), response.usage());
    }
    assertEquals("text/event-stream", cohere.takeRequest().getHeaders().get("accept"));
  }

  @Test
  void cohereGetsStreamTrueAndNoStreamOptions() throws Exception {
    cohere.enqueue(stream(MESSAGE_START, COMPLETE));

    try (RouteResponse response = route.route(Dialect.OPENAI_CHAT, ASKING_FOR_USAGE)) {
      events(response);
    }

    assertJson(
        """
        {"model":"command-a-03-2025","messages":[{"role":"user","content":"Hi"}],"stream":true}
        """,
        cohere.takeRequest().getBody().utf8());
  }

  @Test
  void toolCallsAreNumberedFromZeroWithTheirArgumentsAndPlan() {
    cohere.enqueue(
        stream(
            MESSAGE_START,
            """
            {"type":"tool-plan-delta","delta":{"message":{"tool_plan":"I will search."}}}
            """,
            """
            {"type":"tool-call-start","index":0,"delta":{"message":{"tool_calls":
              {"id":"lookup_1","type":"function","function":{"name":"lookup","arguments":""}}}}}
            """,
            """
            {"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":
              {"function":{"arguments":"{\\"q\\":"}}}}}
            """,
            """
            {"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":
              {"function":{"arguments":"\\"dog\\"}"}}}}}
            """,
            "{\"type\":\"tool-call-end\",\"index\":0}",
            """
            {"type":"tool-call-start","index":1,"delta":{"message":{"tool_calls":
              {"id":"now_2","type":"function","function":{"name":"now"}}}}}
            """,
            "{\"type\":\"tool-call-end\",\"index\":1}",
            """
            {"type":"message-end","delta":{"finish_reason":"TOOL_CALL",
              "usage":{"tokens":{"input_tokens":80,"output_tokens":21}}}}
            """));

    try (RouteResponse response =
        route.route(
            Dialect.OPENAI_CHAT,
            "{\"model\":\"chat\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")) {
      assertChunks(
          List.of(
              chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null", true),
              chunk("{\"reasoning_content\":\"I will search.\"}", "null", true),
              chunk(
                  "{\"tool_calls\":[{\"index\":0,\"id\":\"lookup_1\",\"type\":\"function\","
                      + "\"function\":{\"name\":\"lookup\",\"arguments\":\"\"}}]}",
                  "null",
                  true),
              chunk(
                  "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"q\\\":\"}}]}",
                  "null",
                  true),
              chunk(
                  "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"dog\\\"}\"}}]}",
                  "null",
                  true),
              chunk(
                  "{\"tool_calls\":[{\"index\":1,\"id\":\"now_2\",\"type\":\"function\","
                      + "\"function\":{\"name\":\"now\",\"arguments\":\"\"}}]}",
                  "null",
                  true),
              chunk(
                  "{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{}\"}}]}",
                  "null",
                  true),
              chunk("{}", "\"tool_calls\"", true),
              "[DONE]"),
          events(response));
    }
  }

  @Test
  void usageTheRouterAskedForIsRecordedButNotSentToAClientThatDidNot() {
    cohere.enqueue(stream(MESSAGE_START, HEL, COMPLETE));

    try (RouteResponse response =
        route.route(
            Dialect.OPENAI_CHAT,
            "{\"model\":\"chat\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")) {
      List<SseEvent> events = events(response);

      assertEquals(4, events.size(), events.toString());
      assertEquals("[DONE]", events.get(3).data());
      assertEquals(
          "stop", CohereTesting.json(events.get(2).data()).at("/choices/0/finish_reason").asText());
      assertEquals(new Usage(70, 0, 0, 2), response.usage());
    }
  }

  @Test
  void generationErrorMidStreamBecomesAnOpenAiStreamError() {
    cohere.enqueue(
        stream(
            MESSAGE_START,
            HEL,
            """
            {"type":"message-end","delta":{"finish_reason":"ERROR","error":"model overloaded"}}
            """));

    try (RouteResponse response = route.route(Dialect.OPENAI_CHAT, ASKING_FOR_USAGE)) {
      List<SseEvent> events = events(response);

      assertEquals(3, events.size(), events.toString());
      assertJson(
          """
          {"error":{"message":"model overloaded","type":"server_error","param":null,"code":null}}
          """,
          events.get(2).data());
    }
  }

  @Test
  void streamCutOffBeforeMessageEndEndsWithAnError() {
    cohere.enqueue(stream(MESSAGE_START, HEL));

    try (RouteResponse response = route.route(Dialect.OPENAI_CHAT, ASKING_FOR_USAGE)) {
      List<SseEvent> events = events(response);

      assertEquals(3, events.size(), events.toString());
      assertEquals(
          "the upstream stream ended before it finished",
          CohereTesting.json(events.get(2).data()).at("/error/message").asText());
    }
  }

  @Test
  void eachChunkIsReadableBeforeCohereSendsTheNextEvent() {
    CountDownLatch clientSawHel = new CountDownLatch(1);
    cohere.enqueue(
        new MockResponse.Builder()
            .addHeader("content-type", "text/event-stream")
            .body(
                new MockResponseBody() {
                  @Override
                  public long getContentLength() {
                    return -1;
                  }

                  @Override
                  public void writeTo(BufferedSink sink) throws java.io.IOException {
                    sink.writeUtf8(sse(MESSAGE_START, HEL)).flush();
                    try {
                      clientSawHel.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return;
                    }
                    sink.writeUtf8(sse(LO, COMPLETE)).flush();
                  }
                })
            .build());

    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          try (RouteResponse response = route.route(Dialect.OPENAI_CHAT, ASKING_FOR_USAGE)) {
            response.nextEvent().orElseThrow();
            String hel = response.nextEvent().orElseThrow().data();
            clientSawHel.countDown();

            assertEquals("Hel", CohereTesting.json(hel).at("/choices/0/delta/content").asText());
            assertEquals(4, events(response).size());
          }
        });
  }
}
