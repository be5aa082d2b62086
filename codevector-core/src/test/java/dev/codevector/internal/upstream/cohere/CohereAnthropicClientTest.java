package dev.codevector.internal.upstream.cohere;

import static dev.codevector.internal.upstream.cohere.CohereTesting.answer;
import static dev.codevector.internal.upstream.cohere.CohereTesting.assertJson;
import static dev.codevector.internal.upstream.cohere.CohereTesting.stream;
import static dev.codevector.testing.RouterHarness.body;
import static dev.codevector.testing.RouterHarness.events;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codevector.routing.RouteResponse;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.SseEvent;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Anthropic Messages clients on a Cohere backend: the router translates Messages to OpenAI Chat and
 * the adapter converts Chat to Cohere, a tool round trip included.
 */
final class CohereAnthropicClientTest {
  private static final String TOOL_ROUND_TRIP =
      """
      {"model":"chat","max_tokens":1024,"system":"You are terse.","stream":%s,
       "tools":[{"name":"get_weather","description":"Weather by city","input_schema":
         {"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],
       "messages":[
        {"role":"user","content":"Weather in Oslo?"},
        {"role":"assistant","content":[{"type":"text","text":"Checking."},
          {"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Oslo"}}]},
        {"role":"user","content":[
          {"type":"tool_result","tool_use_id":"toolu_01","content":"-3 C, snow"},
          {"type":"text","text":"And in Bergen?"}]}]}
      """;

  @RegisterExtension final CohereRoute route = new CohereRoute("command-a-03-2025");

  private final MockWebServer cohere = route.cohere();

  @Test
  void toolRoundTripReachesCohereAsItsToolMessages() throws Exception {
    cohere.enqueue(
        answer(
            200,
            """
            {"id":"c1","finish_reason":"COMPLETE",
             "message":{"role":"assistant","content":[{"type":"text","text":"Rain."}]},
             "usage":{"tokens":{"input_tokens":9,"output_tokens":1}}}
            """));

    route.route(Dialect.ANTHROPIC_MESSAGES, String.format(TOOL_ROUND_TRIP, false)).close();

    assertJson(
        """
        {"model":"command-a-03-2025","messages":[
          {"role":"system","content":"You are terse."},
          {"role":"user","content":"Weather in Oslo?"},
          {"role":"assistant","content":"Checking.","tool_calls":[{"id":"toolu_01",
            "type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]},
          {"role":"tool","tool_call_id":"toolu_01","content":"-3 C, snow"},
          {"role":"user","content":"And in Bergen?"}],
         "tools":[{"type":"function","function":{"name":"get_weather",
           "description":"Weather by city","parameters":{"type":"object",
             "properties":{"city":{"type":"string"}},"required":["city"]}}}],
         "max_tokens":1024}
        """,
        cohere.takeRequest().getBody().utf8());
  }

  @Test
  void cohereToolCallComesBackAsAnthropicToolUse() {
    cohere.enqueue(
        answer(
            200,
            """
            {"id":"c2","finish_reason":"TOOL_CALL",
             "message":{"role":"assistant","tool_plan":"I will look up Bergen.",
               "tool_calls":[{"id":"get_weather_7","type":"function",
                 "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Bergen\\"}"}}]},
             "usage":{"tokens":{"input_tokens":120,"output_tokens":17}}}
            """));

    try (RouteResponse response =
        route.route(Dialect.ANTHROPIC_MESSAGES, String.format(TOOL_ROUND_TRIP, false))) {
      assertEquals(200, response.status());
      assertJson(
          """
          {"id":"msg_chatcmpl-c2","type":"message","role":"assistant","model":"chat",
           "content":[{"type":"tool_use","id":"get_weather_7","name":"get_weather",
             "input":{"city":"Bergen"}}],
           "stop_reason":"tool_use","stop_sequence":null,
           "usage":{"input_tokens":120,"cache_creation_input_tokens":0,
             "cache_read_input_tokens":0,"output_tokens":17}}
          """,
          body(response));
    }
  }

  @Test
  void cohereToolCallStreamComesBackAsAnthropicEvents() {
    cohere.enqueue(
        stream(
            "{\"type\":\"message-start\",\"id\":\"c3\",\"delta\":{\"message\":{\"role\":\"assistant\"}}}",
            """
            {"type":"tool-plan-delta","delta":{"message":{"tool_plan":"Looking up Bergen."}}}
            """,
            """
            {"type":"tool-call-start","index":0,"delta":{"message":{"tool_calls":
              {"id":"get_weather_8","type":"function","function":{"name":"get_weather",
                "arguments":""}}}}}
            """,
            """
            {"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":
              {"function":{"arguments":"{\\"city\\":\\"Bergen\\"}"}}}}}
            """,
            "{\"type\":\"tool-call-end\",\"index\":0}",
            """
            {"type":"message-end","delta":{"finish_reason":"TOOL_CALL",
              "usage":{"tokens":{"input_tokens":120,"output_tokens":17}}}}
            """));

    try (RouteResponse response =
        route.route(Dialect.ANTHROPIC_MESSAGES, String.format(TOOL_ROUND_TRIP, true))) {
      List<SseEvent> events = events(response);

      assertEquals(6, events.size(), events.toString());
      for (SseEvent event : events) {
        assertEquals(
            CohereTesting.json(event.data()).path("type").asText(), event.name().orElseThrow());
      }
      assertEquals("message_start", events.get(0).name().orElseThrow());
      assertEquals("content_block_stop", events.get(3).name().orElseThrow());
      assertEquals("message_stop", events.get(5).name().orElseThrow());
      assertJson(
          """
          {"type":"content_block_start","index":0,"content_block":{"type":"tool_use",
            "id":"get_weather_8","name":"get_weather","input":{}}}
          """,
          events.get(1).data());
      assertJson(
          """
          {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta",
            "partial_json":"{\\"city\\":\\"Bergen\\"}"}}
          """,
          events.get(2).data());
      assertJson(
          """
          {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},
           "usage":{"input_tokens":120,"cache_creation_input_tokens":0,
             "cache_read_input_tokens":0,"output_tokens":17}}
          """,
          events.get(4).data());
    }
  }

  @Test
  void cohereRequestErrorReachesTheClientAsAnAnthropicError() {
    cohere.enqueue(answer(400, "{\"message\":\"invalid request: unknown field 'foo'\"}"));

    try (RouteResponse response =
        route.route(Dialect.ANTHROPIC_MESSAGES, String.format(TOOL_ROUND_TRIP, false))) {
      assertEquals(400, response.status());
      assertJson(
          """
          {"type":"error","error":{"type":"invalid_request_error",
           "message":"invalid request: unknown field 'foo'"}}
          """,
          body(response));
    }
  }
}
