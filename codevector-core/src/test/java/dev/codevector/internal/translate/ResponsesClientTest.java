package dev.codevector.internal.translate;

import static dev.codevector.internal.translate.ResponsesToChatTesting.withoutId;
import static dev.codevector.internal.translate.TranslateTesting.assertJson;
import static dev.codevector.internal.translate.TranslateTesting.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.routing.InvalidRequestException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

final class ResponsesClientTest {

  private static final Part.Seal SIGNATURE =
      new Part.Seal(Part.Seal.Family.ANTHROPIC, "sig-1", false);

  private static final String TOOLS =
      "\"tools\":[{\"type\":\"function\",\"name\":\"ls\",\"parameters\":{\"type\":\"object\"}}]";

  @Test
  void previousResponseIdIsRefusedAskingForTheWholeConversation() {
    ObjectNode request = json("{\"input\":\"hi\",\"previous_response_id\":\"resp_1\"}");

    InvalidRequestException refused =
        assertThrows(InvalidRequestException.class, () -> client().read(request));

    assertEquals("previous_response_id", refused.param().orElseThrow());
    assertTrue(refused.getMessage().contains("store: false"), refused.getMessage());
  }

  @Test
  void anthropicThinkingWrittenAsReasoningItemReadsBackSealed() {
    Part.Reasoning thinking = new Part.Reasoning("Let me list.", Optional.of(SIGNATURE));
    Part.ToolCall call = new Part.ToolCall("toolu_1", "ls", "{}");

    List<Part> parts = nextTurnAssistantParts(reply(thinking, call), true);

    assertEquals(List.of(thinking, call), parts);
  }

  @Test
  void anthropicReasoningItemCarriesTextAsSummaryAndOurOwnToken() {
    Part.Reasoning thinking = new Part.Reasoning("Let me list.", Optional.of(SIGNATURE));

    JsonNode item = summarizingClient().write(reply(thinking)).at("/output/0");

    assertEquals("reasoning", item.path("type").asText());
    assertJson("[{\"type\":\"summary_text\",\"text\":\"Let me list.\"}]", item.path("summary"));
    assertTrue(item.path("encrypted_content").asText().startsWith("cv-anthropic."));
  }

  @Test
  void redactedThinkingReadsBackRedacted() {
    Part.Reasoning redacted =
        new Part.Reasoning(
            "", Optional.of(new Part.Seal(Part.Seal.Family.ANTHROPIC, "opaque", true)));
    Part.ToolCall call = new Part.ToolCall("toolu_1", "ls", "{}");

    List<Part> parts = nextTurnAssistantParts(reply(redacted, call), false);

    assertEquals(List.of(redacted, call), parts);
  }

  @Test
  void openAiReasoningKeepsItsEncryptedContentUnchanged() {
    Part.Reasoning reasoning =
        new Part.Reasoning(
            "Summary.", Optional.of(new Part.Seal(Part.Seal.Family.OPENAI, "gAAAA-opaque", false)));
    Part.ToolCall call = new Part.ToolCall("call_1", "ls", "{}");

    ObjectNode response = summarizingClient().write(reply(reasoning, call));
    List<Part> parts = nextTurnAssistantParts(reply(reasoning, call), true);

    assertEquals("gAAAA-opaque", response.at("/output/0/encrypted_content").asText());
    assertEquals(List.of(reasoning, call), parts);
  }

  @Test
  void malformedTokenDropsItsReasoningItem() {
    ObjectNode request =
        json(
            """
            {"input":[
              {"type":"message","role":"user","content":"go"},
              {"type":"reasoning","summary":[],"encrypted_content":"cv-anthropic.!!not-base64"},
              {"type":"function_call","call_id":"call_1","name":"ls","arguments":"{}"},
              {"type":"function_call_output","call_id":"call_1","output":"a.txt"}],%s}
            """
                .formatted(TOOLS));

    Conversation conversation = client().read(request);

    assertEquals(
        List.of(new Part.ToolCall("call_1", "ls", "{}")), conversation.turns().get(1).parts());
  }

  @Test
  void lastInstructionAndLastTextCarryCacheBreakpoints() {
    ObjectNode request =
        json(
            """
            {"instructions":"Be terse.","input":[
              {"type":"message","role":"developer","content":"Sandbox: none."},
              {"type":"message","role":"user","content":"list"},
              {"type":"function_call","call_id":"call_1","name":"ls","arguments":"{}"},
              {"type":"function_call_output","call_id":"call_1","output":"a.txt"}],%s}
            """
                .formatted(TOOLS));

    List<Turn> turns = client().read(request).turns();

    assertEquals(Turn.of(Turn.Role.SYSTEM, Part.Text.of("Be terse.")), turns.get(0));
    assertEquals(Turn.of(Turn.Role.SYSTEM, new Part.Text("Sandbox: none.", true)), turns.get(1));
    assertEquals(Turn.of(Turn.Role.USER, Part.Text.of("list")), turns.get(2));
    assertEquals(
        Turn.of(
            Turn.Role.USER,
            new Part.ToolResult("call_1", List.of(new Part.Text("a.txt", true)), false)),
        turns.get(4));
  }

  @Test
  void reasoningSummaryAndEffortBecomeTheReasoningRequest() {
    ObjectNode request =
        json("{\"input\":\"hi\",\"reasoning\":{\"effort\":\"high\",\"summary\":\"auto\"}}");

    Conversation conversation = client().read(request);

    assertEquals(
        Optional.of(new ReasoningRequest(Optional.of("high"), OptionalLong.empty(), false, true)),
        conversation.reasoning());
  }

  @Test
  void customToolCallIsWrittenWithItsInputUnwrapped() {
    ResponsesClient client = client();
    client.read(
        json(
            """
            {"input":"patch","tools":[{"type":"custom","name":"apply_patch"}]}
            """));

    ObjectNode response =
        client.write(
            reply(new Part.ToolCall("call_p", "apply_patch", "{\"input\":\"*** Begin Patch\"}")));

    assertJson(
        """
        {"type":"custom_tool_call","status":"completed","call_id":"call_p","name":"apply_patch",
         "input":"*** Begin Patch"}
        """,
        withoutId(response.at("/output/0")));
  }

  /**
   * Writes a reply with a client that has read a request offering {@code ls}, then reads the
   * reply's output items back as the next request's history and returns its assistant turn.
   */
  private static List<Part> nextTurnAssistantParts(Reply reply, boolean summary) {
    ResponsesClient first = client();
    first.read(requestWith(json("{\"input\":[]}").withArray("input"), summary));
    ArrayNode input = Json.MAPPER.createArrayNode();
    input.addObject().put("type", "message").put("role", "user").put("content", "list");
    first.write(reply).path("output").forEach(input::add);
    input
        .addObject()
        .put("type", "function_call_output")
        .put("call_id", callId(reply))
        .put("output", "a.txt");

    Conversation next = client().read(requestWith(input, summary));

    return next.turns().get(1).parts();
  }

  private static ObjectNode requestWith(ArrayNode input, boolean summary) {
    ObjectNode request = json("{" + TOOLS + "}");
    if (input.isEmpty()) {
      request.put("input", "list");
    } else {
      request.set("input", input);
    }
    if (summary) {
      request.putObject("reasoning").put("summary", "auto");
    }
    return request;
  }

  private static String callId(Reply reply) {
    return reply.content().stream()
        .filter(Part.ToolCall.class::isInstance)
        .map(part -> ((Part.ToolCall) part).id())
        .findFirst()
        .orElseThrow();
  }

  private static Reply reply(Part... content) {
    return new Reply(
        "msg_1", List.of(content), StopReason.TOOL_USE, Optional.empty(), TokenUsage.NONE);
  }

  private static ResponsesClient client() {
    return new ResponsesClient("codex-model", 1_767_225_600L);
  }

  private static ResponsesClient summarizingClient() {
    ResponsesClient client = client();
    client.read(json("{\"input\":\"hi\",\"reasoning\":{\"summary\":\"auto\"}}"));
    return client;
  }
}
