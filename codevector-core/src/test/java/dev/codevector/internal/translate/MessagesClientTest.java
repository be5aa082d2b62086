package dev.codevector.internal.translate;

import static dev.codevector.internal.translate.TranslateTesting.assertJson;
import static dev.codevector.internal.translate.TranslateTesting.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.routing.InvalidRequestException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

final class MessagesClientTest {
  private static final Part.Seal SIGNATURE =
      new Part.Seal(Part.Seal.Family.ANTHROPIC, "sig-1", false);

  private final MessagesClient client = new MessagesClient("smart");

  @Test
  void claudeCodeSystemPromptBecomesOneLeadingSystemTurnWithItsCacheBreakpoints() {
    Conversation conversation =
        client.read(TranslateTesting.fixtureBody("claude-code_print_basic.json", 0));

    Turn system = conversation.turns().get(0);
    assertEquals(Turn.Role.SYSTEM, system.role());
    assertEquals(
        List.of(false, true, true, true),
        system.parts().stream().map(part -> ((Part.Text) part).cacheBreakpoint()).toList());
    assertTrue(((Part.Text) system.parts().get(0)).text().startsWith("x-anthropic-billing-header"));
    assertEquals(
        List.of(Turn.Role.SYSTEM, Turn.Role.USER),
        conversation.turns().stream().map(Turn::role).toList());
  }

  @Test
  void claudeCodeRequestKeepsItsSettings() {
    Conversation conversation =
        client.read(TranslateTesting.fixtureBody("claude-code_print_basic.json", 0));

    assertEquals(OptionalLong.of(32000), conversation.maxOutputTokens());
    assertTrue(conversation.stream());
    assertEquals(12, conversation.tools().size());
    assertEquals(
        Optional.of(new ReasoningRequest(Optional.of("high"), OptionalLong.empty(), true, false)),
        conversation.reasoning());
    assertTrue(conversation.user().orElseThrow().startsWith("{\"device_id\""));
  }

  @Test
  void claudeCodeToolRoundTripReadsIntoACallAndItsResult() {
    Conversation conversation =
        client.read(TranslateTesting.fixtureBody("claude-code_print_tool-bash-roundtrip.json", 1));

    List<Turn> turns = conversation.turns();
    assertEquals(
        List.of(Turn.Role.SYSTEM, Turn.Role.USER, Turn.Role.ASSISTANT, Turn.Role.USER),
        turns.stream().map(Turn::role).toList());
    assertEquals(4, turns.get(0).parts().size());
    assertEquals(
        List.of(
            Part.Text.of("I'll use the Bash tool."),
            new Part.ToolCall(
                "toolu_b725b267e6324e498415acdf",
                "Bash",
                "{\"command\":\"echo codevector-tool-ok\",\"description\":\"Run a marker command\"}")),
        turns.get(2).parts());
    assertEquals(
        List.of(
            new Part.ToolResult(
                "toolu_b725b267e6324e498415acdf",
                List.of(Part.Text.of("codevector-tool-ok")),
                false)),
        turns.get(3).parts());
  }

  @Test
  void thinkingInTheHistoryIsReadAsReasoningSealedForAnthropic() {
    Conversation conversation =
        client.read(
            json(
                """
                {"max_tokens":10,"messages":[{"role":"user","content":"go"},
                  {"role":"assistant","content":[
                    {"type":"thinking","thinking":"hmm","signature":"sig-1"},
                    {"type":"redacted_thinking","data":"opaque"},
                    {"type":"text","text":"done"}]}]}
                """));

    assertEquals(
        List.of(
            new Part.Reasoning("hmm", Optional.of(SIGNATURE)),
            new Part.Reasoning(
                "", Optional.of(new Part.Seal(Part.Seal.Family.ANTHROPIC, "opaque", true))),
            Part.Text.of("done")),
        conversation.turns().get(1).parts());
  }

  @Test
  void enabledThinkingIsReadAsItsBudget() {
    Conversation conversation =
        client.read(
            json(
                """
                {"max_tokens":9000,"messages":[],"thinking":{"type":"enabled","budget_tokens":4096}}
                """));

    assertEquals(
        Optional.of(new ReasoningRequest(Optional.empty(), OptionalLong.of(4096), false, true)),
        conversation.reasoning());
  }

  @Test
  void sealedReasoningIsWrittenBackWithItsSignatureWhenTheClientWantsThinking() {
    client.read(
        json(
            "{\"max_tokens\":9000,\"messages\":[],"
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":4096}}"));
    Reply reply =
        new Reply(
            "up-1",
            List.of(
                new Part.Reasoning("hmm", Optional.of(SIGNATURE)),
                new Part.Reasoning(
                    "", Optional.of(new Part.Seal(Part.Seal.Family.ANTHROPIC, "opaque", true))),
                new Part.Reasoning(
                    "summary",
                    Optional.of(new Part.Seal(Part.Seal.Family.OPENAI, "encrypted", false))),
                Part.Text.of("42")),
            StopReason.STOP_SEQUENCE,
            Optional.of("END"),
            new TokenUsage(5, 1, 2, 3, 0));

    assertJson(
        """
        {"id":"msg_up-1","type":"message","role":"assistant","model":"smart",
         "content":[{"type":"thinking","thinking":"hmm","signature":"sig-1"},
                    {"type":"redacted_thinking","data":"opaque"},
                    {"type":"thinking","thinking":"summary","signature":""},
                    {"type":"text","text":"42"}],
         "stop_reason":"stop_sequence","stop_sequence":"END",
         "usage":{"input_tokens":5,"cache_creation_input_tokens":2,"cache_read_input_tokens":1,
                  "output_tokens":3}}
        """,
        client.write(reply));
  }

  @Test
  void reasoningIsLeftOutWhenTheClientDidNotAskForThinking() {
    client.read(json("{\"max_tokens\":10,\"messages\":[]}"));
    Reply reply =
        new Reply(
            "up-1",
            List.of(new Part.Reasoning("hmm", Optional.of(SIGNATURE)), Part.Text.of("42")),
            StopReason.END_TURN,
            Optional.empty(),
            TokenUsage.NONE);

    assertJson("[{\"type\":\"text\",\"text\":\"42\"}]", client.write(reply).get("content"));
  }

  @Test
  void emptyUserTextBlocksAndUnknownBlocksAreDropped() {
    Conversation conversation =
        client.read(
            json(
                """
                {"max_tokens":10,"messages":[{"role":"user","content":[
                  {"type":"text","text":""},{"type":"search_result","content":[]}]},
                  {"role":"user","content":"next"}]}
                """));

    assertEquals(List.of(Turn.of(Turn.Role.USER, Part.Text.of("next"))), conversation.turns());
    assertFalse(conversation.reasoning().isPresent());
  }

  @Test
  void toolChoiceOfAToolWithoutANameIsRefused() {
    ObjectNode request =
        json(
            """
            {"max_tokens":10,"messages":[],"tools":[{"name":"a","input_schema":{}}],
             "tool_choice":{"type":"tool"}}
            """);

    InvalidRequestException refused =
        assertThrows(InvalidRequestException.class, () -> client.read(request));

    assertEquals(Optional.of("tool_choice.name"), refused.param());
  }
}
