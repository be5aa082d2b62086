package dev.codevector.internal.upstream.cohere;

import static dev.codevector.internal.upstream.cohere.CohereTesting.answer;
import static dev.codevector.internal.upstream.cohere.CohereTesting.assertDated;
import static dev.codevector.internal.upstream.cohere.CohereTesting.assertJson;
import static dev.codevector.internal.upstream.cohere.CohereTesting.assertRefused;
import static dev.codevector.testing.RouterHarness.body;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codevector.routing.RouteResponse;
import dev.codevector.routing.Usage;
import dev.codevector.wire.Dialect;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** OpenAI Chat requests to a Cohere backend: the v2 chat request Cohere gets, and the answer. */
final class CohereChatTest {
  private static final String TEXT_ANSWER =
      """
      {"id":"c0ffee","finish_reason":"COMPLETE",
       "message":{"role":"assistant","content":[{"type":"text","text":"Hello"}]},
       "usage":{"billed_units":{"input_tokens":5,"output_tokens":1},
                "tokens":{"input_tokens":70,"output_tokens":1}}}
      """;

  @RegisterExtension final CohereRoute route = new CohereRoute("command-a-03-2025");

  private final MockWebServer cohere = route.cohere();

  private String answerTo(String request) {
    try (RouteResponse response = route.route(Dialect.OPENAI_CHAT, request)) {
      return body(response);
    }
  }

  @Test
  void chatRequestIsPostedToV2ChatWithTheKeyAsBearerToken() throws Exception {
    cohere.enqueue(answer(200, TEXT_ANSWER));

    answerTo("{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    RecordedRequest received = cohere.takeRequest();
    assertEquals("POST", received.getMethod());
    assertEquals("/v2/chat", received.getUrl().encodedPath());
    assertEquals("Bearer key-cohere-0-0123456789", received.getHeaders().get("Authorization"));
    assertEquals("application/json", received.getHeaders().get("accept"));
    assertJson(
        """
        {"model":"command-a-03-2025","messages":[{"role":"user","content":"Hi"}]}
        """,
        received.getBody().utf8());
  }

  @Test
  void messagesToolsAndSamplingBecomeCohereFields() throws Exception {
    cohere.enqueue(answer(200, TEXT_ANSWER));

    answerTo(
        """
        {"model":"chat","messages":[
          {"role":"system","content":"Be terse."},
          {"role":"developer","content":[{"type":"text","text":"Use metric units."}]},
          {"role":"user","name":"ada","content":[{"type":"text","text":"What is this?"},
            {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBO","detail":"low"}}]},
          {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
            "function":{"name":"lookup","arguments":"{\\"q\\":\\"cat\\"}"}}]},
          {"role":"tool","tool_call_id":"call_1","content":"a tabby cat"},
          {"role":"assistant","content":""},
          {"role":"assistant","content":[{"type":"text","text":"A cat."}]},
          {"role":"user","content":"Thanks"}],
         "tools":[{"type":"function","function":{"name":"lookup","description":"search",
           "parameters":{"type":"object","properties":{"q":{"type":"string"}}},"strict":true}}],
         "tool_choice":"required","max_completion_tokens":512,"max_tokens":99,"temperature":0.2,
         "top_p":1,"stop":"END","seed":7,"frequency_penalty":0.1,"presence_penalty":0.3,
         "response_format":{"type":"json_schema","json_schema":{"name":"answer",
           "schema":{"type":"object","properties":{"a":{"type":"string"}}}}},
         "parallel_tool_calls":false,"user":"u-1","logprobs":false,"reasoning_effort":"low"}
        """);

    assertJson(
        """
        {"model":"command-a-03-2025","messages":[
          {"role":"system","content":"Be terse."},
          {"role":"system","content":[{"type":"text","text":"Use metric units."}]},
          {"role":"user","content":[{"type":"text","text":"What is this?"},
            {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBO","detail":"low"}}]},
          {"role":"assistant","tool_calls":[{"id":"call_1","type":"function",
            "function":{"name":"lookup","arguments":"{\\"q\\":\\"cat\\"}"}}]},
          {"role":"tool","tool_call_id":"call_1","content":"a tabby cat"},
          {"role":"assistant","content":[{"type":"text","text":"A cat."}]},
          {"role":"user","content":"Thanks"}],
         "tools":[{"type":"function","function":{"name":"lookup","description":"search",
           "parameters":{"type":"object","properties":{"q":{"type":"string"}}}}}],
         "strict_tools":true,"tool_choice":"REQUIRED","max_tokens":512,"temperature":0.2,
         "p":0.99,"stop_sequences":["END"],"seed":7,"frequency_penalty":0.1,"presence_penalty":0.3,
         "response_format":{"type":"json_object",
           "json_schema":{"type":"object","properties":{"a":{"type":"string"}}}}}
        """,
        cohere.takeRequest().getBody().utf8());
  }

  @Test
  void namedToolChoiceRequiresACallOfThatToolAlone() throws Exception {
    cohere.enqueue(answer(200, TEXT_ANSWER));

    answerTo(
        """
        {"model":"chat","messages":[{"role":"user","content":"Hi"}],
         "tools":[{"type":"function","function":{"name":"a"}},
                  {"type":"function","function":{"name":"b","strict":true}}],
         "tool_choice":{"type":"function","function":{"name":"b"}},"top_p":0.001,
         "stop":["x","y"],"response_format":{"type":"json_object"}}
        """);

    assertJson(
        """
        {"model":"command-a-03-2025","messages":[{"role":"user","content":"Hi"}],
         "tools":[{"type":"function","function":{"name":"b"}}],"strict_tools":true,
         "tool_choice":"REQUIRED","p":0.01,"stop_sequences":["x","y"],
         "response_format":{"type":"json_object"}}
        """,
        cohere.takeRequest().getBody().utf8());
  }

  @Test
  void toolChoiceNoneAndAutoAreCohereNoneAndItsDefault() throws Exception {
    cohere.enqueue(answer(200, TEXT_ANSWER));
    cohere.enqueue(answer(200, TEXT_ANSWER));
    String request =
        "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"a\"}}],"
            + "\"tool_choice\":\"%s\"}";

    answerTo(String.format(request, "none"));
    answerTo(String.format(request, "auto"));

    String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"a\"}}]";
    String expected =
        "{\"model\":\"command-a-03-2025\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
            + tools;
    assertJson(expected + ",\"tool_choice\":\"NONE\"}", cohere.takeRequest().getBody().utf8());
    assertJson(expected + "}", cohere.takeRequest().getBody().utf8());
  }

  @Test
  void answerBecomesChatCompletionWithToolCallsPlanAndUsage() {
    cohere.enqueue(
        answer(
            200,
            """
            {"id":"c0ffee","finish_reason":"TOOL_CALL",
             "message":{"role":"assistant","tool_plan":"I will look it up.",
               "content":[{"type":"text","text":"Checking"},{"type":"text","text":" now"}],
               "tool_calls":[{"id":"lookup_1","type":"function",
                 "function":{"name":"lookup","arguments":"{\\"q\\":\\"dog\\"}"}},
                 {"id":"lookup_2","type":"function","function":{"name":"now","arguments":""}}],
               "citations":[]},
             "usage":{"billed_units":{"input_tokens":5,"output_tokens":9},
                      "tokens":{"input_tokens":812,"output_tokens":19}}}
            """));

    String answer =
        answerTo("{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    assertDated(
        """
        {"id":"chatcmpl-c0ffee","object":"chat.completion","model":"chat",
         "choices":[{"index":0,"logprobs":null,"finish_reason":"tool_calls",
           "message":{"role":"assistant","content":"Checking now",
             "reasoning_content":"I will look it up.",
             "tool_calls":[{"id":"lookup_1","type":"function",
               "function":{"name":"lookup","arguments":"{\\"q\\":\\"dog\\"}"}},
               {"id":"lookup_2","type":"function","function":{"name":"now","arguments":"{}"}}]}}],
         "usage":{"prompt_tokens":812,"completion_tokens":19,"total_tokens":831}}
        """,
        answer);
  }

  @Test
  void finishReasonsMapToOpenAiOnes() {
    String[][] cases = {{"COMPLETE", "stop"}, {"STOP_SEQUENCE", "stop"}, {"MAX_TOKENS", "length"}};
    for (String[] mapping : cases) {
      cohere.enqueue(answer(200, TEXT_ANSWER.replace("COMPLETE", mapping[0])));

      String answer =
          answerTo("{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

      assertEquals(
          mapping[1],
          CohereTesting.json(answer).path("choices").path(0).path("finish_reason").asText(),
          mapping[0]);
    }
  }

  @Test
  void usageFallsBackToBilledUnitsAndIsRecorded() {
    cohere.enqueue(
        answer(
            200,
            """
            {"id":"c1","finish_reason":"COMPLETE",
             "message":{"role":"assistant","content":[{"type":"thinking","thinking":"Hm."}]},
             "usage":{"billed_units":{"input_tokens":5,"output_tokens":3}}}
            """));

    try (RouteResponse response =
        route.route(
            Dialect.OPENAI_CHAT,
            "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")) {
      assertDated(
          """
          {"id":"chatcmpl-c1","object":"chat.completion","model":"chat",
           "choices":[{"index":0,"logprobs":null,"finish_reason":"stop",
             "message":{"role":"assistant","content":null,"reasoning_content":"Hm."}}],
           "usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8}}
          """,
          body(response));
      assertEquals(new Usage(5, 0, 0, 3), response.usage());
    }
  }

  @Test
  void requestForTwoChoicesIsRefusedWithoutCallingCohere() {
    RouteResponse response =
        route.route(
            Dialect.OPENAI_CHAT,
            "{\"model\":\"chat\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    assertRefused(
        """
        {"error":{"message":"Cohere gives one choice per request; n must be 1",
         "type":"invalid_request_error","param":"n","code":null}}
        """,
        response);
    assertEquals(0, cohere.getRequestCount());
  }

  @Test
  void contentPartsCohereCannotTakeAreRefused() {
    RouteResponse response =
        route.route(
            Dialect.OPENAI_CHAT,
            """
            {"model":"chat","messages":[{"role":"user","content":[
              {"type":"input_audio","input_audio":{"data":"UklG","format":"wav"}}]}]}
            """);

    assertRefused(
        """
        {"error":{"message":"Cohere takes text and image_url content parts here, not 'input_audio'",
         "type":"invalid_request_error","param":"messages[0].content[0]","code":null}}
        """,
        response);
  }

  @Test
  void toolsOtherThanFunctionsAreRefused() {
    RouteResponse response =
        route.route(
            Dialect.OPENAI_CHAT,
            """
            {"model":"chat","messages":[{"role":"user","content":"Hi"}],
             "tools":[{"type":"custom","custom":{"name":"apply_patch"}}]}
            """);

    assertRefused(
        """
        {"error":{"message":"Cohere takes function tools only",
         "type":"invalid_request_error","param":"tools[0].type","code":null}}
        """,
        response);
  }
}
