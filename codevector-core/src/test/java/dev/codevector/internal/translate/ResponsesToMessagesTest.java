package dev.codevector.internal.translate;

import static dev.codevector.internal.translate.ResponsesToChatTesting.CODEX_TOOL_NAMES;
import static dev.codevector.internal.translate.ResponsesToChatTesting.ofType;
import static dev.codevector.internal.translate.ResponsesToChatTesting.types;
import static dev.codevector.internal.translate.TranslateTesting.assertJson;
import static dev.codevector.internal.translate.TranslateTesting.fixtureBody;
import static dev.codevector.internal.translate.TranslateTesting.json;
import static dev.codevector.internal.translate.TranslateTesting.route;
import static dev.codevector.internal.translate.TranslateTesting.translate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.registry.ProviderKind;
import dev.codevector.routing.InvalidRequestException;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Codex CLI, a Responses client, served by an Anthropic Messages upstream. */
final class ResponsesToMessagesTest {

  private static final String BASIC = "codex_exec_basic.json";
  private static final String ROUND_TRIP = "codex_exec_tool-exec_command-roundtrip.json";
  private static final String COMMAND = "{\"cmd\":\"echo codevector-tool-ok\"}";

  /** Claude's answer to the first round-trip request: thinking, text, then a tool call. */
  private static final String THINKING_ANSWER =
      """
      {"id":"msg_01","type":"message","role":"assistant","model":"claude-x",
       "content":[
         {"type":"thinking","thinking":"I should run echo.","signature":"sig-abc"},
         {"type":"text","text":"Running it."},
         {"type":"tool_use","id":"toolu_01","name":"exec_command",
          "input":{"cmd":"echo codevector-tool-ok"}}],
       "stop_reason":"tool_use","stop_sequence":null,
       "usage":{"input_tokens":100,"cache_read_input_tokens":900,
         "cache_creation_input_tokens":0,"output_tokens":50}}
      """;

  @Test
  void codexDeveloperMessagesBecomeSystemWithACacheBreakpoint() {
    ObjectNode request = fixtureBody(BASIC, 0);

    ObjectNode messages = translation().request(request);

    JsonNode system = messages.path("system");
    assertEquals(2, system.size());
    assertEquals(request.at("/input/0/content/0/text").asText(), system.at("/0/text").asText());
    assertTrue(system.at("/0/cache_control").isMissingNode());
    assertEquals(
        request.at("/input/1/content/0/text").asText()
            + "\n\n"
            + request.at("/input/1/content/1/text").asText(),
        system.at("/1/text").asText());
    assertJson("{\"type\":\"ephemeral\"}", system.at("/1/cache_control"));
  }

  @Test
  void codexUserMessagesBecomeOneUserTurnWhoseLastTextIsCached() {
    ObjectNode request = fixtureBody(BASIC, 0);

    JsonNode messages = translation().request(request).path("messages");

    assertEquals(1, messages.size());
    assertJson(
        """
        {"role":"user","content":[{"type":"text","text":%s},
          {"type":"text","text":"say hi","cache_control":{"type":"ephemeral"}}]}
        """
            .formatted(request.at("/input/2/content/0/text").toString()),
        messages.get(0));
  }

  @Test
  void codexToolsBecomeInputSchemaToolsWithoutHostedOnes() {
    ObjectNode request = fixtureBody(BASIC, 0);

    ObjectNode messages = translation().request(request);

    List<String> names = new ArrayList<>();
    for (JsonNode tool : messages.path("tools")) {
      assertTrue(tool.path("input_schema").isObject(), tool.toString());
      names.add(tool.path("name").asText());
    }
    assertEquals(CODEX_TOOL_NAMES, names);
    assertEquals(request.at("/tools/0/parameters"), messages.at("/tools/0/input_schema"));
    assertJson("{\"type\":\"auto\"}", messages.path("tool_choice"));
  }

  @Test
  void codexToolResultFollowsItsToolUseAndIsCached() {
    ObjectNode request = fixtureBody(ROUND_TRIP, 1);

    JsonNode messages = translation().request(request).path("messages");

    assertEquals(3, messages.size());
    assertJson(
        """
        {"role":"assistant","content":[{"type":"tool_use","id":"call_42774f14d2dd4ec1a591c535",
          "name":"exec_command","input":%s}]}
        """
            .formatted(COMMAND),
        messages.get(1));
    assertJson(
        """
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_42774f14d2dd4ec1a591c535",
          "content":[{"type":"text","text":%s,"cache_control":{"type":"ephemeral"}}]}]}
        """
            .formatted(request.at("/input/5/output").toString()),
        messages.get(2));
  }

  @Test
  void thinkingAnswerBecomesReasoningMessageAndCallItems() {
    CodecTranslation translation = translation();
    translation.request(fixtureBody(ROUND_TRIP, 0));

    ObjectNode response = translation.response(json(THINKING_ANSWER));

    JsonNode output = response.path("output");
    assertEquals(3, output.size());
    assertEquals("reasoning", output.at("/0/type").asText());
    assertJson(
        "[{\"type\":\"summary_text\",\"text\":\"I should run echo.\"}]", output.at("/0/summary"));
    assertTrue(output.at("/0/encrypted_content").asText().startsWith("cv-anthropic."));
    assertEquals("Running it.", output.at("/1/content/0/text").asText());
    assertEquals("function_call", output.at("/2/type").asText());
    assertEquals("toolu_01", output.at("/2/call_id").asText());
    assertEquals(COMMAND, output.at("/2/arguments").asText());
    assertEquals("completed", response.path("status").asText());
    assertJson(
        """
        {"input_tokens":1000,"input_tokens_details":{"cached_tokens":900},"output_tokens":50,
         "output_tokens_details":{"reasoning_tokens":0},"total_tokens":1050}
        """,
        response.path("usage"));
  }

  @Test
  void reasoningItemSentBackKeepsSignedThinkingAndThinkingEnabled() {
    CodecTranslation first = translation();
    first.request(fixtureBody(ROUND_TRIP, 0));
    JsonNode output = first.response(json(THINKING_ANSWER)).path("output");
    ObjectNode next = fixtureBody(ROUND_TRIP, 1);
    ArrayNode input = next.withArray("input");
    ObjectNode result = (ObjectNode) input.remove(5);
    input.remove(4);
    output.forEach(input::add);
    input.add(result.put("call_id", "toolu_01"));

    ObjectNode messages = translation().request(next);

    JsonNode assistant = messages.at("/messages/1");
    assertJson(
        """
        {"role":"assistant","content":[
          {"type":"thinking","thinking":"I should run echo.","signature":"sig-abc"},
          {"type":"text","text":"Running it."},
          {"type":"tool_use","id":"toolu_01","name":"exec_command","input":%s}]}
        """
            .formatted(COMMAND),
        assistant);
    assertEquals("enabled", messages.at("/thinking/type").asText());
    assertEquals("toolu_01", messages.at("/messages/2/content/0/tool_use_id").asText());
  }

  @Test
  void messagesStreamBecomesTheResponsesEventsCodexNeeds() {
    CodecTranslation translation = translation();
    translation.request(fixtureBody(ROUND_TRIP, 0));

    List<JsonNode> events = play(translation, true, THINKING_STREAM);

    assertEquals(
        List.of(
            "response.created",
            "response.in_progress",
            "response.output_item.added",
            "response.reasoning_summary_part.added",
            "response.reasoning_summary_text.delta",
            "response.reasoning_summary_text.delta",
            "response.reasoning_summary_text.done",
            "response.reasoning_summary_part.done",
            "response.output_item.done",
            "response.output_item.added",
            "response.content_part.added",
            "response.output_text.delta",
            "response.output_text.done",
            "response.content_part.done",
            "response.output_item.done",
            "response.output_item.added",
            "response.function_call_arguments.delta",
            "response.function_call_arguments.delta",
            "response.function_call_arguments.done",
            "response.output_item.done",
            "response.completed"),
        types(events));
    for (int i = 0; i < events.size(); i++) {
      assertEquals(i, events.get(i).path("sequence_number").asInt());
    }
  }

  @Test
  void streamedItemsAreCompleteWhenDone() {
    CodecTranslation translation = translation();
    translation.request(fixtureBody(ROUND_TRIP, 0));

    List<JsonNode> done =
        ofType(play(translation, true, THINKING_STREAM), "response.output_item.done");

    JsonNode reasoning = done.get(0).path("item");
    assertEquals("I should run echo.", reasoning.at("/summary/0/text").asText());
    assertEquals(
        List.of(
            new Part.Reasoning(
                "I should run echo.",
                Optional.of(new Part.Seal(Part.Seal.Family.ANTHROPIC, "sig-abc", false)))),
        ResponsesReasoning.read(reasoning).stream().toList());
    assertJson(
        """
        {"id":%s,"type":"message","status":"completed","role":"assistant",
         "content":[{"type":"output_text","text":"Running it.","annotations":[]}]}
        """
            .formatted(done.get(1).at("/item/id").toString()),
        done.get(1).path("item"));
    assertJson(
        """
        {"id":%s,"type":"function_call","status":"completed","call_id":"toolu_01",
         "name":"exec_command","arguments":"{\\"cmd\\":\\"echo codevector-tool-ok\\"}"}
        """
            .formatted(done.get(2).at("/item/id").toString()),
        done.get(2).path("item"));
  }

  @Test
  void streamCompletesWithTheWholeOutputAndUsage() {
    CodecTranslation translation = translation();
    translation.request(fixtureBody(ROUND_TRIP, 0));

    List<JsonNode> events = play(translation, true, THINKING_STREAM);

    JsonNode completed = events.get(events.size() - 1).path("response");
    assertEquals("completed", completed.path("status").asText());
    assertEquals(events.get(0).at("/response/id"), completed.path("id"));
    assertEquals(3, completed.path("output").size());
    assertJson(
        """
        {"input_tokens":1000,"input_tokens_details":{"cached_tokens":900},"output_tokens":50,
         "output_tokens_details":{"reasoning_tokens":0},"total_tokens":1050}
        """,
        completed.path("usage"));
  }

  @Test
  void errorEventMidStreamEndsWithResponseFailed() {
    CodecTranslation translation = translation();
    translation.request(fixtureBody(ROUND_TRIP, 0));

    List<JsonNode> events =
        play(
            translation,
            true,
            "message_start {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01\",\"type\":"
                + "\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-x\","
                + "\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}",
            "content_block_start {\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
            "content_block_delta {\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}",
            "error {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                + "\"message\":\"Overloaded\"}}");

    JsonNode last = events.get(events.size() - 1);
    assertEquals("response.failed", last.path("type").asText());
    assertJson(
        "{\"code\":\"server_is_overloaded\",\"message\":\"Overloaded\"}",
        last.at("/response/error"));
    assertEquals(1, ofType(events, "response.failed").size());
    assertTrue(ofType(events, "response.completed").isEmpty());
  }

  @Test
  void previousResponseIdIsRefused() {
    ObjectNode request = json("{\"input\":\"go on\",\"previous_response_id\":\"resp_1\"}");

    InvalidRequestException refused =
        assertThrows(InvalidRequestException.class, () -> translation().request(request));

    assertEquals("previous_response_id", refused.param().orElseThrow());
  }

  @Test
  void translationsServeResponsesClientsFromMessagesUpstreams() {
    Translation translation =
        Translations.between(
                Dialect.OPENAI_RESPONSES,
                Dialect.ANTHROPIC_MESSAGES,
                route(ProviderKind.ANTHROPIC, "claude-x"),
                1L)
            .orElseThrow();

    ObjectNode messages = translation.request(json("{\"input\":\"hi\"}"));

    assertEquals("claude-x", messages.path("model").asText());
  }

  private static final String[] THINKING_STREAM = {
    "message_start {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01\",\"type\":\"message\","
        + "\"role\":\"assistant\",\"content\":[],\"model\":\"claude-x\",\"stop_reason\":null,"
        + "\"usage\":{\"input_tokens\":100,\"cache_read_input_tokens\":900,"
        + "\"cache_creation_input_tokens\":0,\"output_tokens\":1}}}",
    "content_block_start {\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}",
    "content_block_delta {\"type\":\"content_block_delta\",\"index\":0,"
        + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"I should \"}}",
    "content_block_delta {\"type\":\"content_block_delta\",\"index\":0,"
        + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"run echo.\"}}",
    "content_block_delta {\"type\":\"content_block_delta\",\"index\":0,"
        + "\"delta\":{\"type\":\"signature_delta\",\"signature\":\"sig-abc\"}}",
    "content_block_stop {\"type\":\"content_block_stop\",\"index\":0}",
    "content_block_start {\"type\":\"content_block_start\",\"index\":1,"
        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
    "content_block_delta {\"type\":\"content_block_delta\",\"index\":1,"
        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Running it.\"}}",
    "content_block_stop {\"type\":\"content_block_stop\",\"index\":1}",
    "content_block_start {\"type\":\"content_block_start\",\"index\":2,\"content_block\":"
        + "{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"exec_command\",\"input\":{}}}",
    "content_block_delta {\"type\":\"content_block_delta\",\"index\":2,"
        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"cmd\\\":\"}}",
    "content_block_delta {\"type\":\"content_block_delta\",\"index\":2,\"delta\":"
        + "{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"echo codevector-tool-ok\\\"}\"}}",
    "content_block_stop {\"type\":\"content_block_stop\",\"index\":2}",
    "message_delta {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\","
        + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":50}}",
    "message_stop {\"type\":\"message_stop\"}"
  };

  private static CodecTranslation translation() {
    return new CodecTranslation(
        new ResponsesClient("codex-model", 1_767_225_600L),
        new MessagesUpstream(route(ProviderKind.ANTHROPIC, "claude-x")));
  }

  /** Plays Messages stream lines; returns the data of every client event, named by its type. */
  private static List<JsonNode> play(CodecTranslation translation, boolean end, String... lines) {
    List<JsonNode> data = new ArrayList<>();
    for (SseEvent event : translate(translation.stream(), end, lines)) {
      JsonNode parsed = json(event.data());
      assertEquals(event.name().orElseThrow(), parsed.path("type").asText());
      data.add(parsed);
    }
    return data;
  }
}
