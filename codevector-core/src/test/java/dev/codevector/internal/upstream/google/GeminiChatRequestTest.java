package dev.codevector.internal.upstream.google;

import static dev.codevector.internal.upstream.google.GoogleTestbed.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codevector.routing.InvalidRequestException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class GeminiChatRequestTest {

  @Test
  void parallelToolResultsAnswerInOneUserTurnWithTheirCallsNames() {
    JsonNode gemini =
        convert(
            """
            {"messages":[{"role":"user","content":"Look around"},
              {"role":"assistant","content":"Sure.","tool_calls":[
                {"id":"a","type":"function","function":{"name":"ls","arguments":""}},
                {"id":"b","type":"function","function":{"name":"pwd","arguments":"not json"}}]},
              {"role":"tool","tool_call_id":"a","content":"{\\"files\\":[\\"x\\"]}"},
              {"role":"tool","tool_call_id":"b","content":"[1,2]"}]}
            """);

    assertEquals(
        json(
            """
            [{"role":"user","parts":[{"text":"Look around"}]},
             {"role":"model","parts":[{"text":"Sure."},
               {"functionCall":{"name":"ls","args":{}}},
               {"functionCall":{"name":"pwd","args":{"arguments":"not json"}}}]},
             {"role":"user","parts":[
               {"functionResponse":{"name":"ls","response":{"files":["x"]}}},
               {"functionResponse":{"name":"pwd","response":{"result":[1,2]}}}]}]
            """),
        gemini.path("contents"));
  }

  @Test
  void toolResultThatOnlyStartsLikeJsonStaysText() {
    JsonNode gemini =
        convert(
            """
            {"messages":[{"role":"user","content":"go"},
              {"role":"assistant","tool_calls":[
                {"id":"a","type":"function","function":{"name":"run","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"a","content":"true story"}]}
            """);

    assertEquals(
        json("{\"result\":\"true story\"}"),
        gemini.at("/contents/2/parts/0/functionResponse/response"));
  }

  @Test
  void noReasoningEffortTurnsThinkingOffWithoutAskingForThoughts() {
    JsonNode gemini =
        convert(
            """
            {"reasoning_effort":"none","n":2,"max_tokens":10,"max_completion_tokens":20,
             "stop":["a","b"],"seed":7,"response_format":{"type":"json_object"},
             "messages":[{"role":"user","content":"hi"}]}
            """);

    assertEquals(
        json(
            """
            {"candidateCount":2,"seed":7,"maxOutputTokens":20,"stopSequences":["a","b"],
             "responseMimeType":"application/json","thinkingConfig":{"thinkingBudget":0}}
            """),
        gemini.path("generationConfig"));
  }

  @Test
  void toolChoiceModesMapToFunctionCallingModes() {
    assertEquals("NONE", mode("\"none\""));
    assertEquals("AUTO", mode("\"auto\""));
    assertEquals("ANY", mode("\"required\""));
  }

  @Test
  void unknownReasoningEffortIsRefusedNamingTheParameter() {
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () ->
                convert(
                    "{\"reasoning_effort\":\"extreme\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));

    assertEquals("reasoning_effort", e.param().orElseThrow());
  }

  @Test
  void toolsOtherThanFunctionsAreRefused() {
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () ->
                convert(
                    "{\"tools\":[{\"type\":\"custom\",\"custom\":{\"name\":\"x\"}}],"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));

    assertEquals("tools[0].type", e.param().orElseThrow());
  }

  @Test
  void requestWithOnlyASystemMessageIsRefused() {
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () -> convert("{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"}]}"));

    assertEquals("messages", e.param().orElseThrow());
  }

  @Test
  void thoughtSignatureSurvivesTheToolCallIdRoundTrip() {
    String signature = "c2lnbmF0dXJlLTE+/w==";
    String id = GeminiToolCallIds.create(Optional.of(signature));

    assertTrue(id.matches("call_[0-9a-f]{24}_ts_[A-Za-z0-9_-]+"));
    assertEquals(signature, GeminiToolCallIds.thoughtSignature(id).orElseThrow());
    assertEquals(Optional.empty(), GeminiToolCallIds.thoughtSignature("call_abc123_ts_xyz"));
  }

  private static String mode(String toolChoice) {
    return convert(
            "{\"tool_choice\":"
                + toolChoice
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
        .at("/toolConfig/functionCallingConfig/mode")
        .asText();
  }

  private static JsonNode convert(String chat) {
    return GeminiChatRequest.convert(json(chat));
  }
}
