package dev.codevector.internal.translate;

import static dev.codevector.internal.translate.ResponsesToChatTesting.CODEX_TOOL_NAMES;
import static dev.codevector.internal.translate.ResponsesToChatTesting.codexRequest;
import static dev.codevector.internal.translate.ResponsesToChatTesting.compatible;
import static dev.codevector.internal.translate.ResponsesToChatTesting.json;
import static dev.codevector.internal.translate.ResponsesToChatTesting.openAi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.routing.InvalidRequestException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class ResponsesToChatRequestTest {

  private static final String BASIC = "codex_exec_basic.json";
  private static final String ROUND_TRIP = "codex_exec_tool-exec_command-roundtrip.json";

  private static final Set<String> CHAT_FIELDS =
      Set.of(
          "model",
          "messages",
          "tools",
          "tool_choice",
          "parallel_tool_calls",
          "max_completion_tokens",
          "max_tokens",
          "temperature",
          "top_p",
          "reasoning_effort",
          "response_format",
          "user",
          "stream",
          "stream_options");

  @Test
  void codexRequestsKeepOnlyChatFields() {
    List<ObjectNode> requests =
        List.of(codexRequest(BASIC, 0), codexRequest(ROUND_TRIP, 0), codexRequest(ROUND_TRIP, 1));

    for (ObjectNode request : requests) {
      ObjectNode chat = openAi().request(request);

      for (Map.Entry<String, JsonNode> field : chat.properties()) {
        assertTrue(CHAT_FIELDS.contains(field.getKey()), field.getKey());
      }
      assertEquals("upstream-model", chat.path("model").asText());
    }
  }

  @Test
  void codexDeveloperMessagesComeFirstAsSystemMessages() {
    ObjectNode request = codexRequest(BASIC, 0);

    JsonNode messages = openAi().request(request).path("messages");

    assertEquals(List.of("system", "system", "user", "user"), roles(messages));
    assertEquals(
        request.at("/input/1/content/0/text").asText()
            + "\n\n"
            + request.at("/input/1/content/1/text").asText(),
        messages.at("/1/content").asText());
    assertEquals("say hi", messages.at("/3/content").asText());
  }

  @Test
  void codexToolsBecomeFunctionToolsOnly() {
    ObjectNode chat = openAi().request(codexRequest(BASIC, 0));

    List<String> names = new ArrayList<>();
    for (JsonNode tool : chat.path("tools")) {
      assertEquals("function", tool.path("type").asText());
      assertTrue(tool.at("/function/parameters").isObject());
      names.add(tool.at("/function/name").asText());
    }
    assertEquals(CODEX_TOOL_NAMES, names);
  }

  @Test
  void codexToolSettingsAreKeptWhileToolsRemain() {
    ObjectNode chat = openAi().request(codexRequest(BASIC, 0));

    assertEquals("auto", chat.path("tool_choice").asText());
    assertTrue(chat.path("parallel_tool_calls").asBoolean());
  }

  @Test
  void codexStreamingRequestAsksForStreamUsage() {
    ObjectNode chat = openAi().request(codexRequest(BASIC, 0));

    assertTrue(chat.path("stream").asBoolean());
    assertTrue(chat.at("/stream_options/include_usage").asBoolean());
  }

  @Test
  void codexFunctionCallIsAnsweredByToolMessageRightAfterIt() {
    ObjectNode chat = openAi().request(codexRequest(ROUND_TRIP, 1));

    JsonNode messages = chat.path("messages");
    assertEquals(List.of("system", "system", "user", "user", "assistant", "tool"), roles(messages));
    JsonNode assistant = messages.get(4);
    assertTrue(assistant.path("content").isNull());
    assertEquals(1, assistant.path("tool_calls").size());
    JsonNode call = assistant.path("tool_calls").get(0);
    assertEquals("call_42774f14d2dd4ec1a591c535", call.path("id").asText());
    assertEquals("function", call.path("type").asText());
    assertEquals("exec_command", call.at("/function/name").asText());
    assertEquals("{\"cmd\": \"echo codevector-tool-ok\"}", call.at("/function/arguments").asText());
    assertEquals("call_42774f14d2dd4ec1a591c535", messages.at("/5/tool_call_id").asText());
    assertTrue(messages.at("/5/content").asText().endsWith("codevector-tool-ok\n"));
  }

  @Test
  void everyToolCallInCodexHistoryIsAnsweredRightAfterItsAssistantMessage() {
    List<ObjectNode> requests =
        List.of(codexRequest(BASIC, 0), codexRequest(ROUND_TRIP, 0), codexRequest(ROUND_TRIP, 1));

    for (ObjectNode request : requests) {
      JsonNode messages = openAi().request(request).path("messages");

      for (int i = 0; i < messages.size(); i++) {
        JsonNode calls = messages.get(i).path("tool_calls");
        Set<String> answered = new HashSet<>();
        for (int j = i + 1; j <= i + calls.size(); j++) {
          assertEquals("tool", messages.get(j).path("role").asText());
          answered.add(messages.get(j).path("tool_call_id").asText());
        }
        for (JsonNode call : calls) {
          assertTrue(answered.contains(call.path("id").asText()));
        }
      }
    }
  }

  @Test
  void instructionsBecomeTheLeadingSystemMessage() {
    ObjectNode request = json("{\"instructions\":\"Be terse.\",\"input\":\"hi\"}");

    JsonNode messages = openAi().request(request).path("messages");

    assertEquals(json("{\"role\":\"system\",\"content\":\"Be terse.\"}"), messages.get(0));
    assertEquals(json("{\"role\":\"user\",\"content\":\"hi\"}"), messages.get(1));
  }

  @Test
  void toolCallsJoinTheAssistantTextBeforeThem() {
    ObjectNode request =
        json(
            """
            {"input":[
              {"type":"message","role":"user","content":"list and count"},
              {"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"opaque"},
              {"type":"message","role":"assistant",
               "content":[{"type":"output_text","text":"Running both.","annotations":[]}]},
              {"type":"function_call","call_id":"call_a","name":"ls","arguments":"{}"},
              {"type":"function_call","call_id":"call_b","name":"wc","arguments":""},
              {"type":"function_call_output","call_id":"call_a","output":"a.txt"},
              {"type":"function_call_output","call_id":"call_b",
               "output":[{"type":"input_text","text":"1"},{"type":"input_text","text":"2"}]}
            ]}
            """);

    JsonNode messages = openAi().request(request).path("messages");

    assertEquals(
        json("""
            {"messages":[
              {"role":"user","content":"list and count"},
              {"role":"assistant","content":"Running both.","tool_calls":[
                {"id":"call_a","type":"function","function":{"name":"ls","arguments":"{}"}},
                {"id":"call_b","type":"function","function":{"name":"wc","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"call_a","content":"a.txt"},
              {"role":"tool","tool_call_id":"call_b","content":"1\\n\\n2"}
            ]}
            """)
            .get("messages"),
        messages);
  }

  @Test
  void toolOutputImagesFollowTheToolMessagesAsUserMessage() {
    ObjectNode request =
        json(
            """
            {"input":[
              {"type":"function_call","call_id":"call_1","name":"view_image","arguments":"{}"},
              {"type":"function_call","call_id":"call_2","name":"view_image","arguments":"{}"},
              {"type":"function_call_output","call_id":"call_1","output":[
                {"type":"input_text","text":"the image:"},
                {"type":"input_image","image_url":"data:image/png;base64,AAAA"}]},
              {"type":"function_call_output","call_id":"call_2","output":"none"},
              {"type":"message","role":"user","content":"describe it"}
            ]}
            """);

    JsonNode messages = openAi().request(request).path("messages");

    assertEquals(List.of("assistant", "tool", "tool", "user", "user"), roles(messages));
    assertEquals("the image:", messages.at("/1/content").asText());
    assertEquals(
        json(
            """
            {"role":"user","content":[
              {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]}
            """),
        messages.get(3));
  }

  @Test
  void userImagesBecomeImageUrlParts() {
    ObjectNode request =
        json(
            """
            {"input":[{"type":"message","role":"user","content":[
              {"type":"input_text","text":"what is this?"},
              {"type":"input_image","image_url":"https://example.com/cat.png","detail":"low"}]}]}
            """);

    JsonNode messages = openAi().request(request).path("messages");

    assertEquals(
        json(
            """
            {"role":"user","content":[
              {"type":"text","text":"what is this?"},
              {"type":"image_url","image_url":{"url":"https://example.com/cat.png","detail":"low"}}]}
            """),
        messages.get(0));
  }

  @Test
  void imageByFileIdIsRefused() {
    ObjectNode request =
        json(
            """
            {"input":[{"type":"message","role":"user","content":[
              {"type":"input_image","file_id":"file-1"}]}]}
            """);

    String param = refusedParam(request);

    assertEquals("input[0].content[0]", param);
  }

  @Test
  void itemReferenceIsRefused() {
    ObjectNode request = json("{\"input\":[{\"type\":\"item_reference\",\"id\":\"msg_1\"}]}");

    String param = refusedParam(request);

    assertEquals("input[0]", param);
  }

  @Test
  void toolOutputWithoutItsCallIsDropped() {
    ObjectNode request =
        json(
            """
            {"input":[
              {"type":"function_call_output","call_id":"call_gone","output":"stale"},
              {"type":"message","role":"user","content":"go on"}
            ]}
            """);

    JsonNode messages = openAi().request(request).path("messages");

    assertEquals(List.of("user"), roles(messages));
  }

  @Test
  void customToolBecomesFunctionWithOneStringInput() {
    ObjectNode request =
        json(
            """
            {"input":"patch it","tools":[{"type":"custom","name":"apply_patch",
              "description":"Edit files.",
              "format":{"type":"grammar","syntax":"lark","definition":"start: \\"*** Begin\\""}}]}
            """);

    JsonNode tool = openAi().request(request).path("tools").get(0);

    assertEquals(
        json(
            """
            {"type":"function","function":{"name":"apply_patch","description":"Edit files.",
              "parameters":{"type":"object","properties":{"input":{"type":"string",
                "description":"The tool's raw input, which must match this lark grammar:\\nstart: \\"*** Begin\\""}},
              "required":["input"],"additionalProperties":false}}}
            """),
        tool);
  }

  @Test
  void customToolCallInHistoryIsSentWithWrappedInput() {
    ObjectNode request =
        json(
            """
            {"input":[
              {"type":"custom_tool_call","call_id":"call_p","name":"apply_patch",
               "input":"*** Begin Patch\\n*** End Patch"},
              {"type":"custom_tool_call_output","call_id":"call_p","output":"Done!"}
            ]}
            """);

    JsonNode messages = openAi().request(request).path("messages");

    JsonNode call = messages.at("/0/tool_calls/0");
    assertEquals("apply_patch", call.at("/function/name").asText());
    assertEquals(
        json("{\"input\":\"*** Begin Patch\\n*** End Patch\"}"),
        json(call.at("/function/arguments").asText()));
    assertEquals(
        json("{\"role\":\"tool\",\"tool_call_id\":\"call_p\",\"content\":\"Done!\"}"),
        messages.get(1));
  }

  @Test
  void namespacedToolTakesAQualifiedNameWhenItsNameIsTaken() {
    ObjectNode request =
        json(
            """
            {"input":"hi","tools":[
              {"type":"function","name":"search","parameters":{"type":"object"}},
              {"type":"namespace","name":"docs","description":"Docs tools.","tools":[
                {"type":"function","name":"search","parameters":{"type":"object"}},
                {"type":"function","name":"open","parameters":{"type":"object"}}]}
            ]}
            """);

    JsonNode tools = openAi().request(request).path("tools");

    assertEquals("search", tools.at("/0/function/name").asText());
    assertEquals("docs__search", tools.at("/1/function/name").asText());
    assertEquals("open", tools.at("/2/function/name").asText());
  }

  @Test
  void namespacedCallInHistoryUsesTheFlattenedName() {
    ObjectNode request =
        json(
            """
            {"tools":[
              {"type":"function","name":"search","parameters":{"type":"object"}},
              {"type":"namespace","name":"docs","tools":[
                {"type":"function","name":"search","parameters":{"type":"object"}}]}],
             "input":[
              {"type":"function_call","call_id":"call_1","namespace":"docs","name":"search",
               "arguments":"{}"},
              {"type":"function_call_output","call_id":"call_1","output":"found"}]}
            """);

    JsonNode messages = openAi().request(request).path("messages");

    assertEquals("docs__search", messages.at("/0/tool_calls/0/function/name").asText());
  }

  @Test
  void hostedToolsAreDroppedWithTheirToolSettings() {
    ObjectNode request =
        json(
            """
            {"input":"hi","tools":[{"type":"web_search"}],"tool_choice":"required",
             "parallel_tool_calls":true}
            """);

    ObjectNode chat = openAi().request(request);

    assertFalse(chat.has("tools"));
    assertFalse(chat.has("tool_choice"));
    assertFalse(chat.has("parallel_tool_calls"));
  }

  @Test
  void forcedFunctionBecomesChatToolChoice() {
    ObjectNode request =
        json(
            """
            {"input":"hi","tools":[{"type":"function","name":"ls"}],
             "tool_choice":{"type":"function","name":"ls"}}
            """);

    ObjectNode chat = openAi().request(request);

    assertEquals(
        json("{\"type\":\"function\",\"function\":{\"name\":\"ls\"}}"), chat.path("tool_choice"));
  }

  @Test
  void maxOutputTokensBecomesMaxCompletionTokensForOpenAi() {
    ObjectNode request = json("{\"input\":\"hi\",\"max_output_tokens\":512}");

    ObjectNode chat = openAi().request(request);

    assertEquals(512, chat.path("max_completion_tokens").asInt());
    assertFalse(chat.has("max_tokens"));
  }

  @Test
  void maxOutputTokensBecomesMaxTokensForCompatibleUpstreams() {
    ObjectNode request = json("{\"input\":\"hi\",\"max_output_tokens\":512}");

    ObjectNode chat = compatible().request(request);

    assertEquals(512, chat.path("max_tokens").asInt());
    assertFalse(chat.has("max_completion_tokens"));
  }

  @Test
  void reasoningEffortIsSentToOpenAi() {
    ObjectNode request =
        json("{\"input\":\"hi\",\"reasoning\":{\"effort\":\"high\",\"summary\":\"auto\"}}");

    ObjectNode chat = openAi().request(request);

    assertEquals("high", chat.path("reasoning_effort").asText());
  }

  @Test
  void reasoningEffortIsNotSentToCompatibleUpstreams() {
    ObjectNode request = json("{\"input\":\"hi\",\"reasoning\":{\"effort\":\"high\"}}");

    ObjectNode chat = compatible().request(request);

    assertFalse(chat.has("reasoning_effort"));
  }

  @Test
  void samplingSettingsAreCopied() {
    ObjectNode request = json("{\"input\":\"hi\",\"temperature\":0.25,\"top_p\":0.9}");

    ObjectNode chat = openAi().request(request);

    assertEquals("0.25", chat.path("temperature").asText());
    assertEquals("0.9", chat.path("top_p").asText());
  }

  @Test
  void jsonSchemaTextFormatBecomesResponseFormat() {
    ObjectNode request =
        json(
            """
            {"input":"hi","text":{"verbosity":"low","format":{"type":"json_schema","name":"answer",
              "schema":{"type":"object"},"strict":true}}}
            """);

    ObjectNode chat = openAi().request(request);

    assertEquals(
        json(
            """
            {"type":"json_schema","json_schema":{"name":"structured_output","schema":{"type":"object"},
              "strict":true}}
            """),
        chat.path("response_format"));
  }

  @Test
  void safetyIdentifierBecomesUser() {
    ObjectNode request = json("{\"input\":\"hi\",\"user\":\"old\",\"safety_identifier\":\"u-42\"}");

    ObjectNode chat = openAi().request(request);

    assertEquals("u-42", chat.path("user").asText());
  }

  @Test
  void requestWithoutInputIsRefused() {
    ObjectNode request = json("{\"store\":false}");

    String param = refusedParam(request);

    assertEquals("input", param);
  }

  @Test
  void clientRequestIsNotModified() {
    ObjectNode request = codexRequest(ROUND_TRIP, 1);
    ObjectNode copy = request.deepCopy();

    openAi().request(request);

    assertEquals(copy, request);
  }

  @Test
  void previousResponseIdIsRefused() {
    ObjectNode request = json("{\"input\":\"go on\",\"previous_response_id\":\"resp_1\"}");

    String param = refusedParam(request);

    assertEquals("previous_response_id", param);
  }

  private static String refusedParam(ObjectNode request) {
    return assertThrows(InvalidRequestException.class, () -> openAi().request(request))
        .param()
        .orElseThrow();
  }

  private static List<String> roles(JsonNode messages) {
    List<String> roles = new ArrayList<>();
    for (JsonNode message : messages) {
      roles.add(message.path("role").asText());
    }
    return roles;
  }
}
