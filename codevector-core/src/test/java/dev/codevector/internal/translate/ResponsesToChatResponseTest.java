package dev.codevector.internal.translate;

import static dev.codevector.internal.translate.ResponsesToChatTesting.CREATED_AT;
import static dev.codevector.internal.translate.ResponsesToChatTesting.LS_REQUEST;
import static dev.codevector.internal.translate.ResponsesToChatTesting.afterRequest;
import static dev.codevector.internal.translate.ResponsesToChatTesting.codexRequest;
import static dev.codevector.internal.translate.ResponsesToChatTesting.completedMessage;
import static dev.codevector.internal.translate.ResponsesToChatTesting.json;
import static dev.codevector.internal.translate.ResponsesToChatTesting.openAi;
import static dev.codevector.internal.translate.ResponsesToChatTesting.withoutId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

final class ResponsesToChatResponseTest {

  private static final String ROUND_TRIP = "codex_exec_tool-exec_command-roundtrip.json";

  @Test
  void textCompletionBecomesCompletedResponseWithOneMessage() {
    Translation translation = afterRequest("{\"input\":\"say hi\"}");

    ObjectNode response = translation.response(completion("\"Hi!\"", "null", "stop"));

    assertTrue(response.path("id").asText().startsWith("resp_"));
    assertEquals("response", response.path("object").asText());
    assertEquals(CREATED_AT, response.path("created_at").asLong());
    assertEquals("completed", response.path("status").asText());
    assertEquals("codex-model", response.path("model").asText());
    assertTrue(response.path("error").isNull());
    assertTrue(response.path("incomplete_details").isNull());
    assertEquals(1, response.path("output").size());
    assertTrue(response.at("/output/0/id").asText().startsWith("msg_"));
    assertEquals(completedMessage("Hi!"), withoutId(response.at("/output/0")));
  }

  @Test
  void usageBecomesResponsesUsage() {
    Translation translation = afterRequest("{\"input\":\"say hi\"}");

    ObjectNode response = translation.response(completion("\"Hi!\"", "null", "stop"));

    assertEquals(
        json(
            """
            {"input_tokens":812,"input_tokens_details":{"cached_tokens":768},
             "output_tokens":19,"output_tokens_details":{"reasoning_tokens":7},"total_tokens":831}
            """),
        json(response.path("usage").toString()));
  }

  @Test
  void lengthFinishLeavesResponseIncompleteForMaxOutputTokens() {
    Translation translation = afterRequest("{\"input\":\"say hi\"}");

    ObjectNode response = translation.response(completion("\"Hi, and th\"", "null", "length"));

    assertEquals("incomplete", response.path("status").asText());
    assertEquals("max_output_tokens", response.at("/incomplete_details/reason").asText());
    assertEquals("Hi, and th", response.at("/output/0/content/0/text").asText());
  }

  @Test
  void contentFilterFinishLeavesResponseIncompleteForContentFilter() {
    Translation translation = afterRequest("{\"input\":\"say hi\"}");

    ObjectNode response = translation.response(completion("null", "null", "content_filter"));

    assertEquals("incomplete", response.path("status").asText());
    assertEquals("content_filter", response.at("/incomplete_details/reason").asText());
    assertEquals(0, response.path("output").size());
  }

  @Test
  void toolCallCompletionRoundTripsThroughCodexHistory() {
    Translation first = openAi();
    first.request(codexRequest(ROUND_TRIP, 0));
    String toolCalls =
        """
        [{"id":"call_42774f14d2dd4ec1a591c535","type":"function","function":{
          "name":"exec_command","arguments":"{\\"cmd\\": \\"echo codevector-tool-ok\\"}"}}]
        """;
    JsonNode call = first.response(completion("null", toolCalls, "tool_calls")).at("/output/0");

    JsonNode messages = openAi().request(codexRequest(ROUND_TRIP, 1)).path("messages");

    assertTrue(call.path("id").asText().startsWith("fc_"));
    assertEquals(
        json(
            """
            {"type":"function_call","status":"completed","call_id":"call_42774f14d2dd4ec1a591c535",
             "name":"exec_command","arguments":"{\\"cmd\\": \\"echo codevector-tool-ok\\"}"}
            """),
        withoutId(call));
    JsonNode assistant = messages.get(messages.size() - 2);
    assertEquals(call.path("call_id"), assistant.at("/tool_calls/0/id"));
    assertEquals(call.path("arguments"), assistant.at("/tool_calls/0/function/arguments"));
    JsonNode toolMessage = messages.get(messages.size() - 1);
    assertEquals("tool", toolMessage.path("role").asText());
    assertEquals(call.path("call_id"), toolMessage.path("tool_call_id"));
  }

  @Test
  void textAndParallelToolCallsBecomeItemsInOrder() {
    Translation translation = afterRequest(LS_REQUEST);
    String toolCalls =
        """
        [{"id":"call_1","type":"function","function":{"name":"ls","arguments":"{\\"p\\":1}"}},
         {"id":"call_2","type":"function","function":{"name":"ls","arguments":"{\\"p\\":2}"}}]
        """;

    ObjectNode response = translation.response(completion("\"Listing.\"", toolCalls, "tool_calls"));

    JsonNode output = response.path("output");
    assertEquals("message", output.at("/0/type").asText());
    assertEquals("call_1", output.at("/1/call_id").asText());
    assertEquals("call_2", output.at("/2/call_id").asText());
    assertNotEquals(output.at("/1/id"), output.at("/2/id"));
  }

  @Test
  void callWithoutArgumentsGetsAnEmptyObject() {
    Translation translation = afterRequest(LS_REQUEST);
    String toolCalls =
        "[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"ls\",\"arguments\":\"\"}}]";

    ObjectNode response = translation.response(completion("null", toolCalls, "tool_calls"));

    assertEquals("{}", response.at("/output/0/arguments").asText());
  }

  @Test
  void customToolCallIsUnwrappedFromItsInputArgument() {
    Translation translation =
        afterRequest(
            "{\"input\":\"patch\",\"tools\":[{\"type\":\"custom\",\"name\":\"apply_patch\"}]}");
    String toolCalls =
        """
        [{"id":"call_p","type":"function","function":{"name":"apply_patch",
          "arguments":"{\\"input\\":\\"*** Begin Patch\\\\n*** End Patch\\"}"}}]
        """;

    ObjectNode response = translation.response(completion("null", toolCalls, "tool_calls"));

    JsonNode call = response.at("/output/0");
    assertTrue(call.path("id").asText().startsWith("ctc_"));
    assertEquals(
        json(
            """
            {"type":"custom_tool_call","status":"completed","call_id":"call_p",
             "name":"apply_patch","input":"*** Begin Patch\\n*** End Patch"}
            """),
        withoutId(call));
  }

  @Test
  void namespacedToolCallCarriesItsNamespace() {
    Translation translation = openAi();
    translation.request(codexRequest(ROUND_TRIP, 0));
    String toolCalls =
        """
        [{"id":"call_s","type":"function","function":{"name":"spawn_agent",
          "arguments":"{\\"message\\":\\"check\\"}"}}]
        """;

    ObjectNode response = translation.response(completion("null", toolCalls, "tool_calls"));

    assertEquals("spawn_agent", response.at("/output/0/name").asText());
    assertEquals("multi_agent_v1", response.at("/output/0/namespace").asText());
  }

  private static ObjectNode completion(String content, String toolCalls, String finishReason) {
    return json(
        """
        {"id":"chatcmpl-abc","object":"chat.completion","created":1767225600,"model":"gpt-x",
         "choices":[{"index":0,"finish_reason":"%s","logprobs":null,
           "message":{"role":"assistant","content":%s,"refusal":null,"tool_calls":%s}}],
         "usage":{"prompt_tokens":812,"completion_tokens":19,"total_tokens":831,
           "prompt_tokens_details":{"cached_tokens":768,"audio_tokens":0},
           "completion_tokens_details":{"reasoning_tokens":7}}}
        """
            .formatted(finishReason, content, toolCalls));
  }
}
