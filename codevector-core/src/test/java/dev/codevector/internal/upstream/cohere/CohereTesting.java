package dev.codevector.internal.upstream.cohere;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.routing.RouteResponse;
import dev.codevector.testing.RouterHarness;
import dev.codevector.wire.SseEvent;
import java.io.UncheckedIOException;
import java.util.List;
import mockwebserver3.MockResponse;

/** Cohere's answers and stream events, and checks of the converted JSON. */
final class CohereTesting {
  private CohereTesting() {}

  /** A JSON answer with a status. */
  static MockResponse answer(int status, String json) {
    return new MockResponse.Builder()
        .code(status)
        .addHeader("content-type", "application/json")
        .body(json)
        .build();
  }

  /** A Cohere stream: each event written as {@code event: <its type>} and its JSON data. */
  static MockResponse stream(String... events) {
    return new MockResponse.Builder()
        .addHeader("content-type", "text/event-stream")
        .body(sse(events))
        .build();
  }

  /** The SSE text of Cohere events, each written on one line as Cohere does. */
  static String sse(String... events) {
    StringBuilder body = new StringBuilder();
    for (String event : events) {
      JsonNode data = json(event);
      body.append("event: ")
          .append(data.path("type").asText())
          .append("\ndata: ")
          .append(data)
          .append("\n\n");
    }
    return body.toString();
  }

  static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Checks JSON equality regardless of key order and of how numbers are written. */
  static void assertJson(String expected, String actual) {
    assertEquals(json(expected), json(actual), actual);
  }

  /**
   * Checks a converted answer or chunk, whose {@code created} time comes from the clock: it must be
   * a plausible epoch second; the rest must equal {@code expected}.
   */
  static void assertDated(String expected, String actual) {
    ObjectNode node = (ObjectNode) json(actual);
    assertTrue(node.path("created").asLong() > 1_700_000_000L, actual);
    node.remove("created");
    assertEquals(json(expected), node, actual);
  }

  /** Checks, and closes, an answer refusing the request with a 400 and this OpenAI error. */
  static void assertRefused(String expectedError, RouteResponse response) {
    try (response) {
      assertEquals(400, response.status());
      assertJson(expectedError, RouterHarness.body(response));
    }
  }

  /** Checks the data of each client event, dated chunks as {@link #assertDated} does. */
  static void assertChunks(List<String> expected, List<SseEvent> events) {
    assertEquals(expected.size(), events.size(), events.toString());
    for (int i = 0; i < expected.size(); i++) {
      String data = events.get(i).data();
      if (data.contains("\"created\"")) {
        assertDated(expected.get(i), data);
      } else if (data.startsWith("{")) {
        assertJson(expected.get(i), data);
      } else {
        assertEquals(expected.get(i), data);
      }
    }
  }
}
