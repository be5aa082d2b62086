package dev.codevector.internal.upstream.cohere;

import static dev.codevector.internal.upstream.cohere.CohereTesting.answer;
import static dev.codevector.internal.upstream.cohere.CohereTesting.assertJson;
import static dev.codevector.testing.RouterHarness.body;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codevector.routing.Attempt;
import dev.codevector.routing.Outcome;
import dev.codevector.routing.RouteResponse;
import dev.codevector.wire.Dialect;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cohere's errors, converted to OpenAI's, in the failover classes the router acts on. */
final class CohereFailoverTest {
  private static final String REQUEST =
      "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  private static final String ANSWER =
      """
      {"id":"c2","finish_reason":"COMPLETE",
       "message":{"role":"assistant","content":[{"type":"text","text":"From standby"}]},
       "usage":{"tokens":{"input_tokens":3,"output_tokens":2}}}
      """;

  @RegisterExtension
  final CohereRoute route = new CohereRoute("command-a-03-2025", "command-r-plus");

  private final MockWebServer primary = route.cohere(0);
  private final MockWebServer standby = route.cohere(1);

  @ParameterizedTest
  @ValueSource(ints = {429, 500, 503})
  void throttlingAndServerErrorsFailOverToTheNextBackend(int status) {
    primary.enqueue(answer(status, "{\"id\":\"e1\",\"message\":\"try later\"}"));
    standby.enqueue(answer(200, ANSWER));

    try (RouteResponse response = route.route(Dialect.OPENAI_CHAT, REQUEST)) {
      assertEquals(200, response.status());
      assertEquals(
          "From standby",
          CohereTesting.json(body(response)).at("/choices/0/message/content").asText());
      Attempt first = response.attempts().get(0);
      assertEquals(Outcome.FAILOVER, first.outcome());
      assertEquals(status, first.status());
      assertEquals("try later", first.error().orElseThrow());
    }
  }

  @Test
  void cohereStatusesOfItsOwnFailOverAsTheStandardOnesTheyMean() {
    primary.enqueue(answer(498, "{\"message\":\"invalid api token\"}"));
    primary.enqueue(answer(499, "{\"message\":\"request cancelled\"}"));
    standby.enqueue(answer(200, ANSWER));
    standby.enqueue(answer(200, ANSWER));

    List<Integer> statuses =
        List.of(REQUEST, REQUEST).stream()
            .map(
                request -> {
                  try (RouteResponse response = route.route(Dialect.OPENAI_CHAT, request)) {
                    return response.attempts().get(0).status();
                  }
                })
            .toList();

    assertEquals(List.of(401, 503), statuses);
    assertEquals(2, standby.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 404, 422})
  void requestErrorsGoBackToTheClientInOpenAiShapeWithoutFailover(int status) {
    primary.enqueue(
        answer(
            status, "{\"id\":\"e2\",\"message\":\"invalid request: message must not be empty\"}"));

    try (RouteResponse response = route.route(Dialect.OPENAI_CHAT, REQUEST)) {
      assertEquals(status, response.status());
      assertEquals(
          "invalid request: message must not be empty",
          CohereTesting.json(body(response)).at("/error/message").asText());
      assertEquals(Outcome.FAIL, response.attempts().get(0).outcome());
    }
    assertEquals(0, standby.getRequestCount());
  }

  @Test
  void errorWithoutJsonBodyIsNamedByItsStatus() {
    primary.enqueue(new MockResponse.Builder().code(400).body("bad gateway config").build());

    try (RouteResponse response = route.route(Dialect.OPENAI_CHAT, REQUEST)) {
      assertJson(
          """
          {"error":{"message":"Cohere answered 400","type":"invalid_request_error",
           "param":null,"code":null}}
          """,
          body(response));
    }
  }

  @Test
  void retryAfterOfAThrottledCohereReachesTheRouter() {
    primary.enqueue(
        new MockResponse.Builder()
            .code(429)
            .addHeader("retry-after", "120")
            .body("{\"message\":\"slow down\"}")
            .build());
    standby.enqueue(answer(200, ANSWER));
    standby.enqueue(answer(200, ANSWER));
    route.route(Dialect.OPENAI_CHAT, REQUEST).close();

    // The primary's circuit stays open for Retry-After, so the next request skips it.
    try (RouteResponse response = route.route(Dialect.OPENAI_CHAT, REQUEST)) {
      assertEquals(1, response.attempts().size());
    }
    assertEquals(1, primary.getRequestCount());
  }

  @Test
  void generationThatCohereEndsWithAnErrorFailsOver() {
    primary.enqueue(
        answer(
            200,
            """
            {"id":"c1","finish_reason":"ERROR",
             "message":{"role":"assistant","content":[]},"usage":{}}
            """));
    standby.enqueue(answer(200, ANSWER));

    try (RouteResponse response = route.route(Dialect.OPENAI_CHAT, REQUEST)) {
      assertEquals(200, response.status());
      assertEquals(500, response.attempts().get(0).status());
      assertEquals(
          "Cohere ended the generation with an error",
          response.attempts().get(0).error().orElseThrow());
    }
  }

  @Test
  void successfulAnswerThatIsNotJsonFailsOver() {
    primary.enqueue(answer(200, "<html>maintenance</html>"));
    standby.enqueue(answer(200, ANSWER));

    try (RouteResponse response = route.route(Dialect.OPENAI_CHAT, REQUEST)) {
      assertEquals(200, response.status());
      assertEquals(502, response.attempts().get(0).status());
    }
  }
}
