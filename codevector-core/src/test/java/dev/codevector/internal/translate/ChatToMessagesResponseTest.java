package dev.codevector.internal.translate;

import static dev.codevector.internal.translate.TranslateTesting.CLIENT_MODEL;
import static dev.codevector.internal.translate.TranslateTesting.assertJson;
import static dev.codevector.internal.translate.TranslateTesting.json;
import static dev.codevector.internal.translate.TranslateTesting.route;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.registry.ProviderKind;
import org.junit.jupiter.api.Test;

final class ChatToMessagesResponseTest {
  private final Translation translation =
      new CodecTranslation(
          new ChatClient(CLIENT_MODEL, 1767225600L),
          new MessagesUpstream(route(ProviderKind.ANTHROPIC, "claude-sonnet-4-5")));

  @Test
  void toolUseMessageBecomesAToolCallCompletion() {
    ObjectNode upstream =
        json(
            """
            {"id":"msg_01X","type":"message","role":"assistant","model":"claude-sonnet-4-5",
             "content":[{"type":"thinking","thinking":"User wants weather…","signature":"EqQB…"},
                        {"type":"text","text":"Let me check."},
                        {"type":"tool_use","id":"toolu_01A","name":"get_weather",
                         "input":{"city":"Oslo"}}],
             "stop_reason":"tool_use","stop_sequence":null,
             "usage":{"input_tokens":25,"cache_creation_input_tokens":0,
                      "cache_read_input_tokens":1800,"output_tokens":96}}
            """);

    ObjectNode response = translation.response(upstream);

    assertJson(
        """
        {"id":"chatcmpl-msg_01X","object":"chat.completion","created":1767225600,"model":"smart",
         "choices":[{"index":0,"logprobs":null,"finish_reason":"tool_calls",
           "message":{"role":"assistant","content":"Let me check.","refusal":null,
             "reasoning_content":"User wants weather…",
             "tool_calls":[{"id":"toolu_01A","type":"function",
               "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]}}],
         "usage":{"prompt_tokens":1825,"completion_tokens":96,"total_tokens":1921,
                  "prompt_tokens_details":{"cached_tokens":1800}}}
        """,
        response);
  }

  @Test
  void textBlocksAreJoinedIntoContent() {
    ObjectNode upstream =
        json(
            """
            {"id":"msg_2","type":"message","role":"assistant","content":[
               {"type":"text","text":"Hello, "},{"type":"text","text":"world"}],
             "stop_reason":"end_turn","usage":{"input_tokens":3,"output_tokens":2}}
            """);

    ObjectNode response = translation.response(upstream);

    assertJson(
        """
        {"role":"assistant","content":"Hello, world","refusal":null}
        """,
        response.at("/choices/0/message"));
  }

  @Test
  void messageWithoutTextHasNullContent() {
    ObjectNode upstream =
        json(
            """
            {"id":"msg_3","type":"message","role":"assistant","content":[],
             "stop_reason":"max_tokens","usage":{"input_tokens":3,"output_tokens":0}}
            """);

    ObjectNode response = translation.response(upstream);

    assertJson(
        """
        {"index":0,"logprobs":null,"finish_reason":"length",
         "message":{"role":"assistant","content":null,"refusal":null}}
        """,
        response.at("/choices/0"));
  }
}
