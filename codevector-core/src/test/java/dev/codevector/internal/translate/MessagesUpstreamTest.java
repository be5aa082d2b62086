package dev.codevector.internal.translate;

import static dev.codevector.internal.translate.TranslateTesting.assertJson;
import static dev.codevector.internal.translate.TranslateTesting.json;
import static dev.codevector.internal.translate.TranslateTesting.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.registry.ProviderKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

final class MessagesUpstreamTest {
  private static final String ANSWER =
      """
      {"id":"msg_01X","type":"message","role":"assistant","model":"claude-sonnet-4-5",
       "content":[{"type":"thinking","thinking":"User wants weather","signature":"EqQBsig"},
                  {"type":"redacted_thinking","data":"EmwKAhgBredacted"},
                  {"type":"text","text":"Let me check."},
                  {"type":"tool_use","id":"toolu_01A","name":"get_weather",
                   "input":{"city":"Oslo"}}],
       "stop_reason":"tool_use","stop_sequence":null,
       "usage":{"input_tokens":25,"cache_creation_input_tokens":7,
                "cache_read_input_tokens":1800,"output_tokens":96}}
      """;
  private static final Part.Seal SIGNATURE =
      new Part.Seal(Part.Seal.Family.ANTHROPIC, "EqQBsig", false);
  private static final String TOOL_USE_ONLY =
      "[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"lookup\",\"input\":{}}]";
  private static final ReasoningRequest HIGH =
      new ReasoningRequest(Optional.of("high"), OptionalLong.empty(), false, false);

  private final MessagesUpstream upstream =
      new MessagesUpstream(route(ProviderKind.ANTHROPIC, "claude-sonnet-4-5"));

  /** Returns a conversation whose last assistant turn holds the parts and calls {@code toolu_1}. */
  private static Conversation toolTurn(ReasoningRequest reasoning, Part... assistant) {
    List<Part> parts = new ArrayList<>(List.of(assistant));
    parts.add(new Part.ToolCall("toolu_1", "lookup", "{}"));
    return Conversation.builder()
        .turn(Turn.of(Turn.Role.USER, Part.Text.of("go")))
        .turn(new Turn(Turn.Role.ASSISTANT, parts))
        .turn(
            Turn.of(
                Turn.Role.USER, new Part.ToolResult("toolu_1", List.of(Part.Text.of("ok")), false)))
        .reasoning(reasoning)
        .build();
  }

  @Test
  void answerIsReadWithSealedThinkingInOrder() {
    ObjectNode answer = json(ANSWER);

    Reply reply = upstream.read(answer);

    assertEquals(
        new Reply(
            "msg_01X",
            List.of(
                new Part.Reasoning("User wants weather", Optional.of(SIGNATURE)),
                new Part.Reasoning(
                    "",
                    Optional.of(
                        new Part.Seal(Part.Seal.Family.ANTHROPIC, "EmwKAhgBredacted", true))),
                Part.Text.of("Let me check."),
                new Part.ToolCall("toolu_01A", "get_weather", "{\"city\":\"Oslo\"}")),
            StopReason.TOOL_USE,
            Optional.empty(),
            new TokenUsage(25, 1800, 7, 96, 0)),
        reply);
  }

  @Test
  void stopSequenceIsRead() {
    ObjectNode answer =
        json(
            """
            {"id":"msg_2","content":[{"type":"text","text":"a"}],
             "stop_reason":"stop_sequence","stop_sequence":"END","usage":{}}
            """);

    Reply reply = upstream.read(answer);

    assertEquals(StopReason.STOP_SEQUENCE, reply.stopReason());
    assertEquals(Optional.of("END"), reply.stopSequence());
  }

  @Test
  void answerReadAndSentBackKeepsItsThinkingBlocksIdentical() {
    ObjectNode answer = json(ANSWER);
    Reply reply = upstream.read(answer);
    Conversation conversation =
        Conversation.builder()
            .turn(Turn.of(Turn.Role.USER, Part.Text.of("weather?")))
            .turn(new Turn(Turn.Role.ASSISTANT, reply.content()))
            .turn(
                Turn.of(
                    Turn.Role.USER,
                    new Part.ToolResult("toolu_01A", List.of(Part.Text.of("sunny")), false)))
            .reasoning(HIGH)
            .build();

    ObjectNode request =
        new MessagesUpstream(route(ProviderKind.ANTHROPIC, "claude-sonnet-4-5"))
            .write(conversation);

    assertJson(answer.get("content").toString(), request.at("/messages/1/content"));
    assertJson("{\"type\":\"enabled\",\"budget_tokens\":4096}", request.get("thinking"));
  }

  @Test
  void sealedReasoningGoesFirstInItsAssistantTurn() {
    Conversation conversation =
        Conversation.builder()
            .turn(Turn.of(Turn.Role.USER, Part.Text.of("go")))
            .turn(
                Turn.of(
                    Turn.Role.ASSISTANT,
                    Part.Text.of("Thinking aloud."),
                    new Part.Reasoning("hmm", Optional.of(SIGNATURE))))
            .reasoning(HIGH)
            .build();

    ObjectNode request = upstream.write(conversation);

    assertJson(
        """
        [{"type":"thinking","thinking":"hmm","signature":"EqQBsig"},
         {"type":"text","text":"Thinking aloud."}]
        """,
        request.at("/messages/1/content"));
  }

  @Test
  void thinkingStaysOnWhenTheLastToolTurnCarriesAnthropicReasoning() {
    Conversation conversation = toolTurn(HIGH, new Part.Reasoning("hmm", Optional.of(SIGNATURE)));

    ObjectNode request = upstream.write(conversation);

    assertJson("{\"type\":\"enabled\",\"budget_tokens\":4096}", request.get("thinking"));
    assertJson(
        """
        [{"type":"thinking","thinking":"hmm","signature":"EqQBsig"},
         {"type":"tool_use","id":"toolu_1","name":"lookup","input":{}}]
        """,
        request.at("/messages/1/content"));
  }

  @Test
  void adjacentAssistantTurnsMakeOneMessageWhoseCallsAreAnsweredTogether() {
    Conversation conversation =
        Conversation.builder()
            .turn(Turn.of(Turn.Role.USER, Part.Text.of("go")))
            .turn(Turn.of(Turn.Role.ASSISTANT, new Part.Reasoning("hmm", Optional.of(SIGNATURE))))
            .turn(Turn.of(Turn.Role.ASSISTANT, new Part.ToolCall("call_a", "lookup", "{}")))
            .turn(Turn.of(Turn.Role.ASSISTANT, new Part.ToolCall("call_b", "lookup", "{}")))
            .turn(
                Turn.of(
                    Turn.Role.USER,
                    new Part.ToolResult("call_b", List.of(Part.Text.of("b")), false),
                    new Part.ToolResult("call_a", List.of(Part.Text.of("a")), false)))
            .reasoning(HIGH)
            .build();

    ObjectNode request = upstream.write(conversation);

    assertJson("{\"type\":\"enabled\",\"budget_tokens\":4096}", request.get("thinking"));
    assertJson(
        """
        [{"role":"user","content":[{"type":"text","text":"go"}]},
         {"role":"assistant","content":[
           {"type":"thinking","thinking":"hmm","signature":"EqQBsig"},
           {"type":"tool_use","id":"call_a","name":"lookup","input":{}},
           {"type":"tool_use","id":"call_b","name":"lookup","input":{}}]},
         {"role":"user","content":[
           {"type":"tool_result","tool_use_id":"call_b","content":"b"},
           {"type":"tool_result","tool_use_id":"call_a","content":"a"}]}]
        """,
        request.get("messages"));
  }

  @Test
  void openAiSealedAndUnsealedReasoningAreDroppedAndThinkingIsLeftOff() {
    Conversation conversation =
        toolTurn(
            HIGH,
            new Part.Reasoning(
                "summary",
                Optional.of(new Part.Seal(Part.Seal.Family.OPENAI, "gAAAAencrypted", false))),
            new Part.Reasoning("plain", Optional.empty()));

    ObjectNode request = upstream.write(conversation);

    assertFalse(request.has("thinking"));
    assertJson(TOOL_USE_ONLY, request.at("/messages/1/content"));
  }

  @Test
  void sealedReasoningIsDroppedWhenTheRequestAsksForNoThinking() {
    Conversation conversation =
        Conversation.builder()
            .turn(Turn.of(Turn.Role.USER, Part.Text.of("go")))
            .turn(
                Turn.of(
                    Turn.Role.ASSISTANT,
                    new Part.Reasoning("hmm", Optional.of(SIGNATURE)),
                    Part.Text.of("done")))
            .build();

    ObjectNode request = upstream.write(conversation);

    assertJson("[{\"type\":\"text\",\"text\":\"done\"}]", request.at("/messages/1/content"));
  }

  @Test
  void sealedReasoningIsNotSentToAModelOutsideTheClaudeFamily() {
    Conversation conversation = toolTurn(HIGH, new Part.Reasoning("hmm", Optional.of(SIGNATURE)));

    ObjectNode request =
        new MessagesUpstream(route(ProviderKind.BEDROCK, "meta.llama3-70b-instruct-v1:0"))
            .write(conversation);

    assertFalse(request.has("thinking"));
    assertJson(TOOL_USE_ONLY, request.at("/messages/1/content"));
  }

  @Test
  void cacheBreakpointsBecomeCacheControlAndOnlyTheLastFourAreKept() {
    Conversation conversation =
        Conversation.builder()
            .turn(Turn.of(Turn.Role.SYSTEM, new Part.Text("rules", true)))
            .turn(Turn.of(Turn.Role.USER, new Part.Text("one", true)))
            .turn(
                Turn.of(
                    Turn.Role.ASSISTANT,
                    new Part.Text("two", true),
                    new Part.ToolCall("toolu_1", "lookup", "{}")))
            .turn(
                Turn.of(
                    Turn.Role.USER,
                    new Part.ToolResult("toolu_1", List.of(new Part.Text("three", true)), false),
                    new Part.Text("four", true)))
            .build();

    ObjectNode request = upstream.write(conversation);

    assertEquals("rules", request.get("system").asText());
    assertJson(
        """
        [{"role":"user","content":[
           {"type":"text","text":"one","cache_control":{"type":"ephemeral"}}]},
         {"role":"assistant","content":[
           {"type":"text","text":"two","cache_control":{"type":"ephemeral"}},
           {"type":"tool_use","id":"toolu_1","name":"lookup","input":{}}]},
         {"role":"user","content":[
           {"type":"tool_result","tool_use_id":"toolu_1","content":[
             {"type":"text","text":"three","cache_control":{"type":"ephemeral"}}]},
           {"type":"text","text":"four","cache_control":{"type":"ephemeral"}}]}]
        """,
        request.get("messages"));
  }

  @Test
  void aSystemTextWithACacheBreakpointStaysABlock() {
    Conversation conversation =
        Conversation.builder()
            .turn(Turn.of(Turn.Role.SYSTEM, new Part.Text("rules", true)))
            .turn(Turn.of(Turn.Role.USER, Part.Text.of("hi")))
            .build();

    ObjectNode request = upstream.write(conversation);

    assertJson(
        "[{\"type\":\"text\",\"text\":\"rules\",\"cache_control\":{\"type\":\"ephemeral\"}}]",
        request.get("system"));
  }

  @Test
  void budgetAndTopKAreSentAsGiven() {
    Conversation conversation =
        Conversation.builder()
            .turn(Turn.of(Turn.Role.USER, Part.Text.of("hi")))
            .topK(40)
            .maxOutputTokens(1000)
            .reasoning(new ReasoningRequest(Optional.empty(), OptionalLong.of(3000), false, true))
            .build();

    ObjectNode request = upstream.write(conversation);

    assertJson("{\"type\":\"enabled\",\"budget_tokens\":3000}", request.get("thinking"));
    assertEquals(4000, request.get("max_tokens").asLong());
    assertFalse(request.has("top_k"));
  }

  @Test
  void topKIsSentToClaudeWithoutThinking() {
    Conversation conversation =
        Conversation.builder().turn(Turn.of(Turn.Role.USER, Part.Text.of("hi"))).topK(40).build();

    ObjectNode request = upstream.write(conversation);

    assertEquals(40, request.get("top_k").asInt());
  }
}
