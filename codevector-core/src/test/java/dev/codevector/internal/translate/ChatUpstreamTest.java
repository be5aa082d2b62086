package dev.codevector.internal.translate;

import static dev.codevector.internal.translate.TranslateTesting.assertJson;
import static dev.codevector.internal.translate.TranslateTesting.json;
import static dev.codevector.internal.translate.TranslateTesting.route;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codevector.registry.ProviderKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class ChatUpstreamTest {
  private final ChatUpstream upstream = new ChatUpstream(route(ProviderKind.OPENAI, "gpt-5"));

  @Test
  void reasoningOfEveryFamilyIsLeftOutOfTheHistory() {
    Conversation conversation =
        Conversation.builder()
            .turn(Turn.of(Turn.Role.USER, Part.Text.of("go")))
            .turn(
                Turn.of(
                    Turn.Role.ASSISTANT,
                    new Part.Reasoning(
                        "hmm",
                        Optional.of(new Part.Seal(Part.Seal.Family.ANTHROPIC, "sig", false))),
                    new Part.Reasoning(
                        "", Optional.of(new Part.Seal(Part.Seal.Family.OPENAI, "enc", false))),
                    Part.Text.of("done")))
            .turn(
                Turn.of(Turn.Role.ASSISTANT, new Part.Reasoning("only thinking", Optional.empty())))
            .build();

    assertJson(
        """
        [{"role":"user","content":"go"},{"role":"assistant","content":"done"}]
        """,
        upstream.write(conversation).get("messages"));
  }

  @Test
  void systemTurnsKeepTheirPlaces() {
    Conversation conversation =
        Conversation.builder()
            .turn(Turn.of(Turn.Role.SYSTEM, Part.Text.of("be brief"), Part.Text.of("be kind")))
            .turn(Turn.of(Turn.Role.USER, Part.Text.of("hi")))
            .turn(Turn.of(Turn.Role.SYSTEM, Part.Text.of("now in French")))
            .build();

    assertJson(
        """
        [{"role":"system","content":"be brief\\n\\nbe kind"},{"role":"user","content":"hi"},
         {"role":"system","content":"now in French"}]
        """,
        upstream.write(conversation).get("messages"));
  }

  @Test
  void imageDetailAndToolStrictnessArePassedOn() {
    Conversation conversation =
        Conversation.builder()
            .turn(
                Turn.of(
                    Turn.Role.USER,
                    Part.Image.ofUrl("https://example.com/a.png", "low"),
                    Part.Text.of("what?")))
            .tool(new ToolSpec("lookup", "", json("{\"type\":\"object\"}"), Optional.of(true)))
            .build();

    var request = upstream.write(conversation);

    assertJson(
        """
        [{"role":"user","content":[
          {"type":"image_url","image_url":{"url":"https://example.com/a.png","detail":"low"}},
          {"type":"text","text":"what?"}]}]
        """,
        request.get("messages"));
    assertJson(
        """
        [{"type":"function","function":{"name":"lookup","parameters":{"type":"object"},
          "strict":true}}]
        """,
        request.get("tools"));
  }

  @Test
  void answerWithReasoningAndToolCallsIsReadInOrder() {
    Reply reply =
        upstream.read(
            json(
                """
                {"id":"chatcmpl-1","choices":[{"index":0,"finish_reason":"stop","message":{
                  "role":"assistant","reasoning":"think","content":"ok","refusal":null,
                  "tool_calls":[{"id":"call_1","type":"function",
                                 "function":{"name":"now","arguments":"{}"}}]}}],
                 "usage":{"prompt_tokens":12,"completion_tokens":3,
                          "prompt_tokens_details":{"cached_tokens":2},
                          "completion_tokens_details":{"reasoning_tokens":1}}}
                """));

    assertEquals(
        new Reply(
            "chatcmpl-1",
            List.of(
                new Part.Reasoning("think", Optional.empty()),
                Part.Text.of("ok"),
                new Part.ToolCall("call_1", "now", "{}")),
            StopReason.TOOL_USE,
            Optional.empty(),
            new TokenUsage(10, 2, 0, 3, 1)),
        reply);
  }
}
