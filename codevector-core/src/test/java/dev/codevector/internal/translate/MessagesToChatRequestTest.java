package dev.codevector.internal.translate;

import static dev.codevector.internal.translate.TranslateTesting.assertJson;
import static dev.codevector.internal.translate.TranslateTesting.json;
import static dev.codevector.internal.translate.TranslateTesting.messagesToChat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.registry.ProviderKind;
import dev.codevector.routing.InvalidRequestException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

final class MessagesToChatRequestTest {
  private static final String LONG_NAME =
      "mcp__some_very_long_server_name__and_an_even_longer_tool_name_for_testing";

  private final Translation toOpenAi = messagesToChat(ProviderKind.OPENAI, "gpt-5");
  private final Translation toGroq = messagesToChat(ProviderKind.GROQ, "llama-3.3-70b");

  private static ObjectNode request(String fields) {
    return json(
        "{\"model\":\"smart\",\"max_tokens\":100,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
            + (fields.isEmpty() ? "" : "," + fields)
            + "}");
  }

  @Test
  void modelIsTheUpstreamModel() {
    ObjectNode request = request("");

    ObjectNode upstream = toOpenAi.request(request);

    assertEquals("gpt-5", upstream.get("model").asText());
  }

  @Test
  void systemBlocksBecomeOneLeadingSystemMessage() {
    ObjectNode request =
        request(
            "\"system\":[{\"type\":\"text\",\"text\":\"one\"},"
                + "{\"type\":\"text\",\"text\":\"two\",\"cache_control\":{\"type\":\"ephemeral\"}}]");

    ObjectNode upstream = toOpenAi.request(request);

    assertJson(
        "[{\"role\":\"system\",\"content\":\"one\\n\\ntwo\"},{\"role\":\"user\",\"content\":\"hi\"}]",
        upstream.get("messages"));
  }

  @Test
  void systemMessageInsideMessagesJoinsTheSystemMessageInOrder() {
    ObjectNode request =
        json(
            """
            {"max_tokens":10,"system":"first",
             "messages":[{"role":"user","content":"hi"},
                         {"role":"system","content":[{"type":"text","text":"second"}]},
                         {"role":"assistant","content":"hello"}]}
            """);

    ObjectNode upstream = toOpenAi.request(request);

    assertJson(
        """
        [{"role":"system","content":"first\\n\\nsecond"},{"role":"user","content":"hi"},
         {"role":"assistant","content":"hello"}]
        """,
        upstream.get("messages"));
  }

  @Test
  void maxTokensBecomesMaxCompletionTokensForOpenAi() {
    ObjectNode request = request("");

    ObjectNode upstream = toOpenAi.request(request);

    assertEquals(100, upstream.get("max_completion_tokens").asInt());
    assertFalse(upstream.has("max_tokens"));
  }

  @Test
  void maxTokensStaysMaxTokensForCompatibleServers() {
    ObjectNode request = request("");

    ObjectNode upstream = toGroq.request(request);

    assertEquals(100, upstream.get("max_tokens").asInt());
    assertFalse(upstream.has("max_completion_tokens"));
  }

  @Test
  void temperatureAndTopPAreCopied() {
    ObjectNode request = request("\"temperature\":0.7,\"top_p\":0.9");

    ObjectNode upstream = toOpenAi.request(request);

    assertEquals("0.7", upstream.get("temperature").asText());
    assertEquals("0.9", upstream.get("top_p").asText());
  }

  @Test
  void topKIsDropped() {
    ObjectNode request = request("\"top_k\":40");

    ObjectNode upstream = toOpenAi.request(request);

    assertFalse(upstream.has("top_k"));
  }

  @Test
  void stopSequencesBecomeStopKeepingTheFirstFour() {
    ObjectNode request = request("\"stop_sequences\":[\"a\",\"b\",\"c\",\"d\",\"e\"]");

    ObjectNode upstream = toOpenAi.request(request);

    assertJson("[\"a\",\"b\",\"c\",\"d\"]", upstream.get("stop"));
  }

  @Test
  void shortUserIdIsCopiedToUser() {
    ObjectNode request = request("\"metadata\":{\"user_id\":\"user-42\"}");

    ObjectNode upstream = toOpenAi.request(request);

    assertEquals("user-42", upstream.get("user").asText());
  }

  @Test
  void userIdLongerThan64CharactersIsSentAsItsSha256() {
    String longId = "u".repeat(65);
    ObjectNode request = request("\"metadata\":{\"user_id\":\"" + longId + "\"}");

    ObjectNode upstream = toOpenAi.request(request);

    assertEquals(Digests.sha256Hex(longId), upstream.get("user").asText());
  }

  @Test
  void streamAsksTheUpstreamForUsage() {
    ObjectNode request = request("\"stream\":true");

    ObjectNode upstream = toOpenAi.request(request);

    assertTrue(upstream.get("stream").asBoolean());
    assertJson("{\"include_usage\":true}", upstream.get("stream_options"));
  }

  @Test
  void toolsBecomeFunctionTools() {
    ObjectNode request =
        request(
            """
            "tools":[{"name":"lookup","description":"search","cache_control":{"type":"ephemeral"},
                      "input_schema":{"type":"object","properties":{"q":{"type":"string"}}}}]
            """);

    ObjectNode upstream = toOpenAi.request(request);

    assertJson(
        """
        [{"type":"function","function":{"name":"lookup","description":"search",
          "parameters":{"type":"object","properties":{"q":{"type":"string"}}}}}]
        """,
        upstream.get("tools"));
  }

  @Test
  void serverToolsAreDropped() {
    ObjectNode request =
        request(
            """
            "tools":[{"type":"web_search_20250305","name":"web_search"},
                     {"type":"custom","name":"lookup","input_schema":{"type":"object"}}]
            """);

    ObjectNode upstream = toOpenAi.request(request);

    assertJson(
        "[{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"parameters\":{\"type\":\"object\"}}}]",
        upstream.get("tools"));
  }

  @Test
  void toolNameLongerThan64CharactersIsShortenedEverywhere() {
    ObjectNode request =
        json(
            """
            {"max_tokens":10,
             "tools":[{"name":"%1$s","input_schema":{"type":"object"}}],
             "tool_choice":{"type":"tool","name":"%1$s"},
             "messages":[{"role":"user","content":"go"},
               {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"%1$s","input":{}}]},
               {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"ok"}]}]}
            """
                .formatted(LONG_NAME));
    String expected =
        LONG_NAME.substring(0, 55) + "_" + Digests.sha256Hex(LONG_NAME).substring(0, 8);

    ObjectNode upstream = toOpenAi.request(request);

    assertEquals(64, expected.length());
    assertEquals(expected, upstream.at("/tools/0/function/name").asText());
    assertEquals(expected, upstream.at("/tool_choice/function/name").asText());
    assertEquals(expected, upstream.at("/messages/1/tool_calls/0/function/name").asText());
  }

  @ParameterizedTest
  @CsvSource({"auto, \"auto\"", "any, \"required\"", "none, \"none\""})
  void toolChoiceMapsToOpenAisChoice(String anthropic, String openAi) {
    ObjectNode request =
        request(
            "\"tools\":[{\"name\":\"a\",\"input_schema\":{\"type\":\"object\"}}],"
                + "\"tool_choice\":{\"type\":\""
                + anthropic
                + "\"}");

    ObjectNode upstream = toOpenAi.request(request);

    assertJson(openAi, upstream.get("tool_choice"));
  }

  @Test
  void namedToolChoiceBecomesFunctionChoice() {
    ObjectNode request =
        request(
            "\"tools\":[{\"name\":\"a\",\"input_schema\":{\"type\":\"object\"}}],"
                + "\"tool_choice\":{\"type\":\"tool\",\"name\":\"a\"}");

    ObjectNode upstream = toOpenAi.request(request);

    assertJson(
        "{\"type\":\"function\",\"function\":{\"name\":\"a\"}}", upstream.get("tool_choice"));
  }

  @Test
  void disabledParallelToolUseBecomesParallelToolCallsFalse() {
    ObjectNode request =
        request(
            "\"tools\":[{\"name\":\"a\",\"input_schema\":{\"type\":\"object\"}}],"
                + "\"tool_choice\":{\"type\":\"auto\",\"disable_parallel_tool_use\":true}");

    ObjectNode upstream = toOpenAi.request(request);

    assertFalse(upstream.get("parallel_tool_calls").asBoolean(true));
  }

  @Test
  void toolChoiceAndParallelToolCallsAreLeftOutWithoutTools() {
    ObjectNode request =
        request(
            "\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}],"
                + "\"tool_choice\":{\"type\":\"any\",\"disable_parallel_tool_use\":true}");

    ObjectNode upstream = toOpenAi.request(request);

    assertFalse(upstream.has("tools"));
    assertFalse(upstream.has("tool_choice"));
    assertFalse(upstream.has("parallel_tool_calls"));
  }

  @ParameterizedTest
  @CsvSource({
    "1024, low",
    "2047, low",
    "2048, medium",
    "4095, medium",
    "4096, high",
    "31999, high"
  })
  void enabledThinkingBecomesAReasoningEffortBucketForOpenAi(int budget, String effort) {
    ObjectNode request =
        request("\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":" + budget + "}");

    ObjectNode upstream = toOpenAi.request(request);

    assertEquals(effort, upstream.get("reasoning_effort").asText());
  }

  @Test
  void adaptiveThinkingTakesTheEffortOfOutputConfig() {
    ObjectNode request =
        request("\"thinking\":{\"type\":\"adaptive\"},\"output_config\":{\"effort\":\"low\"}");

    ObjectNode upstream = toOpenAi.request(request);

    assertEquals("low", upstream.get("reasoning_effort").asText());
    assertFalse(upstream.has("output_config"));
  }

  @Test
  void thinkingIsDroppedForCompatibleServers() {
    ObjectNode request = request("\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":4096}");

    ObjectNode upstream = toGroq.request(request);

    assertFalse(upstream.has("reasoning_effort"));
    assertFalse(upstream.has("thinking"));
  }

  @ParameterizedTest
  @EnumSource(
      value = ProviderKind.class,
      names = {"GOOGLE", "VERTEX"})
  void thinkingReachesGeminiAsAReasoningEffortItsAdapterMaps(ProviderKind kind) {
    Translation toGemini = messagesToChat(kind, "gemini-2.5-pro");
    ObjectNode request = request("\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":4096}");

    ObjectNode upstream = toGemini.request(request);

    assertEquals("high", upstream.get("reasoning_effort").asText());
  }

  @Test
  void thinkingIsDroppedForNonReasoningOpenAiModels() {
    Translation toGpt4 = messagesToChat(ProviderKind.AZURE, "gpt-4.1");
    ObjectNode request = request("\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":4096}");

    ObjectNode upstream = toGpt4.request(request);

    assertFalse(upstream.has("reasoning_effort"));
  }

  @Test
  void jsonSchemaOutputFormatBecomesStrictResponseFormat() {
    ObjectNode request =
        request(
            """
            "output_config":{"format":{"type":"json_schema","schema":{"type":"object",
              "properties":{"a":{"type":"string"}},"required":["a"],"additionalProperties":false}}}
            """);

    ObjectNode upstream = toOpenAi.request(request);

    assertJson(
        """
        {"type":"json_schema","json_schema":{"name":"structured_output","strict":true,
          "schema":{"type":"object","properties":{"a":{"type":"string"}},"required":["a"],
                    "additionalProperties":false}}}
        """,
        upstream.get("response_format"));
  }

  @Test
  void jsonSchemaWithOptionalPropertiesIsNotStrict() {
    ObjectNode request =
        request(
            """
            "output_config":{"format":{"type":"json_schema","schema":{"type":"object",
              "properties":{"a":{"type":"string"}},"additionalProperties":false}}}
            """);

    ObjectNode upstream = toOpenAi.request(request);

    assertFalse(upstream.at("/response_format/json_schema/strict").asBoolean(true));
  }

  @Test
  void anthropicOnlyFieldsAreDropped() {
    ObjectNode request =
        request(
            """
            "context_management":{"edits":[]},"container":"c","service_tier":"auto",
            "metadata":{"user_id":"u"},"top_k":3
            """);

    ObjectNode upstream = toOpenAi.request(request);

    assertJson(
        """
        {"model":"gpt-5","max_completion_tokens":100,"user":"u",
         "messages":[{"role":"user","content":"hi"}]}
        """,
        upstream);
  }

  @Test
  void imagesBecomeImageUrlParts() {
    ObjectNode request =
        json(
            """
            {"max_tokens":10,"messages":[{"role":"user","content":[
              {"type":"text","text":"what?"},
              {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBOR"}},
              {"type":"image","source":{"type":"url","url":"https://example.com/a.jpg"}}]}]}
            """);

    ObjectNode upstream = toOpenAi.request(request);

    assertJson(
        """
        [{"role":"user","content":[{"type":"text","text":"what?"},
          {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBOR"}},
          {"type":"image_url","image_url":{"url":"https://example.com/a.jpg"}}]}]
        """,
        upstream.get("messages"));
  }

  @Test
  void pdfDocumentBecomesAFilePart() {
    ObjectNode request =
        json(
            """
            {"max_tokens":10,"messages":[{"role":"user","content":[
              {"type":"document","source":{"type":"base64","media_type":"application/pdf",
                                           "data":"JVBER"}}]}]}
            """);

    ObjectNode upstream = toOpenAi.request(request);

    assertJson(
        """
        [{"role":"user","content":[{"type":"file","file":{"filename":"document.pdf",
          "file_data":"data:application/pdf;base64,JVBER"}}]}]
        """,
        upstream.get("messages"));
  }

  @Test
  void documentByUrlIsRefused() {
    ObjectNode request =
        json(
            """
            {"max_tokens":10,"messages":[{"role":"user","content":[
              {"type":"document","source":{"type":"url","url":"https://example.com/a.pdf"}}]}]}
            """);

    InvalidRequestException refused =
        assertThrows(InvalidRequestException.class, () -> toOpenAi.request(request));

    assertEquals(Optional.of("messages[0].content[0].source"), refused.param());
  }

  @Test
  void toolUseBecomesToolCallsWithJsonStringArguments() {
    ObjectNode request =
        json(
            """
            {"max_tokens":10,"messages":[{"role":"user","content":"go"},
              {"role":"assistant","content":[
                {"type":"thinking","thinking":"hmm","signature":"sig"},
                {"type":"text","text":"Let me check."},
                {"type":"tool_use","id":"toolu_1","name":"lookup","input":{"q":"dog"}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1",
                                         "content":"a dog"}]}]}
            """);

    ObjectNode upstream = toOpenAi.request(request);

    assertJson(
        """
        [{"role":"user","content":"go"},
         {"role":"assistant","content":"Let me check.","tool_calls":[{"id":"toolu_1",
           "type":"function","function":{"name":"lookup","arguments":"{\\"q\\":\\"dog\\"}"}}]},
         {"role":"tool","tool_call_id":"toolu_1","content":"a dog"}]
        """,
        upstream.get("messages"));
  }

  @Test
  void assistantTurnWithOnlyToolUseHasNullContent() {
    ObjectNode request =
        json(
            """
            {"max_tokens":10,"messages":[{"role":"user","content":"go"},
              {"role":"assistant","content":[{"type":"tool_use","id":"t","name":"a","input":{}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":"x"}]}]}
            """);

    ObjectNode upstream = toOpenAi.request(request);

    assertTrue(upstream.at("/messages/1/content").isNull());
  }

  @Test
  void toolResultsComeFirstAsToolMessagesThenTheUserText() {
    ObjectNode request =
        json(
            """
            {"max_tokens":10,"messages":[{"role":"user","content":"go"},
              {"role":"assistant","content":[{"type":"tool_use","id":"a","name":"x","input":{}},
                                             {"type":"tool_use","id":"b","name":"x","input":{}}]},
              {"role":"user","content":[
                {"type":"tool_result","tool_use_id":"a","content":[{"type":"text","text":"A"}]},
                {"type":"tool_result","tool_use_id":"b","content":"B"},
                {"type":"text","text":"now summarize"}]}]}
            """);

    ObjectNode upstream = toOpenAi.request(request);

    assertJson(
        """
        [{"role":"tool","tool_call_id":"a","content":"A"},
         {"role":"tool","tool_call_id":"b","content":"B"},
         {"role":"user","content":"now summarize"}]
        """,
        messagesFrom(upstream, 2));
  }

  @Test
  void errorToolResultIsPrefixed() {
    ObjectNode request =
        json(
            """
            {"max_tokens":10,"messages":[{"role":"user","content":"go"},
              {"role":"assistant","content":[{"type":"tool_use","id":"a","name":"x","input":{}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"a",
                                         "content":"not found","is_error":true}]}]}
            """);

    ObjectNode upstream = toOpenAi.request(request);

    assertEquals("Error: not found", upstream.at("/messages/2/content").asText());
  }

  @Test
  void imageInAToolResultMovesToTheFollowingUserMessage() {
    ObjectNode request =
        json(
            """
            {"max_tokens":10,"messages":[{"role":"user","content":"go"},
              {"role":"assistant","content":[{"type":"tool_use","id":"a","name":"x","input":{}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"a","content":[
                {"type":"text","text":"screenshot"},
                {"type":"image","source":{"type":"base64","media_type":"image/png","data":"P"}}]}]}]}
            """);

    ObjectNode upstream = toOpenAi.request(request);

    assertJson(
        """
        [{"role":"tool","tool_call_id":"a","content":"screenshot"},
         {"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,P"}}]}]
        """,
        messagesFrom(upstream, 2));
  }

  @Test
  void claudeCodeRequestBecomesAValidChatRequest() {
    ObjectNode request = TranslateTesting.fixtureBody("claude-code_print_basic.json", 0);

    ObjectNode upstream = toOpenAi.request(request);

    JsonNode messages = upstream.get("messages");
    assertEquals("system", messages.get(0).get("role").asText());
    assertTrue(messages.get(0).get("content").asText().startsWith("x-anthropic-billing-header"));
    assertEquals(2, messages.size());
    assertEquals("user", messages.get(1).get("role").asText());
    assertTrue(messages.get(1).get("content").asText().endsWith("say hi"));
    assertEquals(request.get("tools").size(), upstream.get("tools").size());
    upstream.get("tools").forEach(tool -> assertEquals("function", tool.get("type").asText()));
    assertFalse(JsonText.write(upstream).contains("cache_control"));
    assertFalse(JsonText.write(upstream).contains("defer_loading"));
    assertEquals("high", upstream.get("reasoning_effort").asText());
    assertEquals(64, upstream.get("user").asText().length());
    assertFalse(upstream.has("context_management"));
  }

  @Test
  void claudeCodeToolRoundTripKeepsEveryToolCallPairedWithItsResult() {
    ObjectNode request =
        TranslateTesting.fixtureBody("claude-code_print_tool-bash-roundtrip.json", 1);

    ObjectNode upstream = toOpenAi.request(request);

    assertJson(
        """
        [{"role":"assistant","content":"I'll use the Bash tool.","tool_calls":[
           {"id":"toolu_b725b267e6324e498415acdf","type":"function","function":{"name":"Bash",
            "arguments":"{\\"command\\":\\"echo codevector-tool-ok\\",\\"description\\":\\"Run a marker command\\"}"}}]},
         {"role":"tool","tool_call_id":"toolu_b725b267e6324e498415acdf",
          "content":"codevector-tool-ok"}]
        """,
        messagesFrom(upstream, 2));
    assertEquals("system", upstream.at("/messages/0/role").asText());
    assertEquals("user", upstream.at("/messages/1/role").asText());
    assertFalse(JsonText.write(upstream).contains("thinking"));
  }

  /** Returns the upstream messages from the given position on. */
  private static ArrayNode messagesFrom(ObjectNode upstream, int from) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    JsonNode messages = upstream.get("messages");
    for (int i = from; i < messages.size(); i++) {
      out.add(messages.get(i));
    }
    return out;
  }
}
