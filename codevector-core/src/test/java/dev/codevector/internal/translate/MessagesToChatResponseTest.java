package dev.codevector.internal.translate;

import static dev.codevector.internal.translate.TranslateTesting.assertJson;
import static dev.codevector.internal.translate.TranslateTesting.json;
import static dev.codevector.internal.translate.TranslateTesting.route;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.registry.ProviderKind;
import org.junit.jupiter.api.Test;

final class MessagesToChatResponseTest {
  /** Returns the translation of one request from a Messages client to a Chat upstream. */
  private static Translation messagesToChat(ProviderKind kind, String upstreamModel) {
    return new CodecTranslation(
        new MessagesClient(TranslateTesting.CLIENT_MODEL),
        new ChatUpstream(route(kind, upstreamModel)));
  }

  private static final String LONG_NAME =
      "mcp__some_very_long_server_name__and_an_even_longer_tool_name_for_testing";

  private final Translation translation = messagesToChat(ProviderKind.OPENAI, "gpt-5");

  private static ObjectNode completion(String message, String finishReason) {
    return json(
        """
        {"id":"chatcmpl-abc","object":"chat.completion","created":1767225600,"model":"gpt-5",
         "choices":[{"index":0,"finish_reason":"%s","logprobs":null,"message":%s}],
         "usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15}}
        """
            .formatted(finishReason, message));
  }

  @Test
  void textCompletionBecomesAnAnthropicMessage() {
    translation.request(json("{\"max_tokens\":10,\"messages\":[]}"));
    ObjectNode upstream = completion("{\"role\":\"assistant\",\"content\":\"Hello\"}", "stop");

    ObjectNode response = translation.response(upstream);

    assertJson(
        """
        {"id":"msg_chatcmpl-abc","type":"message","role":"assistant","model":"smart",
         "content":[{"type":"text","text":"Hello"}],"stop_reason":"end_turn","stop_sequence":null,
         "usage":{"input_tokens":12,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,
                  "output_tokens":3}}
        """,
        response);
  }

  @Test
  void toolCallResponseBecomesToolUseWithCachedUsage() {
    ObjectNode upstream =
        json(
            """
            {"id":"chatcmpl-abc","object":"chat.completion","created":1767225600,
             "model":"gpt-4.1-2025-04-14",
             "choices":[{"index":0,"finish_reason":"tool_calls","logprobs":null,
               "message":{"role":"assistant","content":null,"refusal":null,
                 "tool_calls":[{"id":"call_9","type":"function",
                                "function":{"name":"lookup","arguments":"{\\"q\\":\\"dog\\"}"}}]}}],
             "usage":{"prompt_tokens":812,"completion_tokens":19,"total_tokens":831,
               "prompt_tokens_details":{"cached_tokens":768,"audio_tokens":0},
               "completion_tokens_details":{"reasoning_tokens":0}},
             "system_fingerprint":"fp_x","service_tier":"default"}
            """);

    ObjectNode response = translation.response(upstream);

    assertJson(
        """
        {"id":"msg_chatcmpl-abc","type":"message","role":"assistant","model":"smart",
         "content":[{"type":"tool_use","id":"call_9","name":"lookup","input":{"q":"dog"}}],
         "stop_reason":"tool_use","stop_sequence":null,
         "usage":{"input_tokens":44,"cache_creation_input_tokens":0,"cache_read_input_tokens":768,
                  "output_tokens":19}}
        """,
        response);
  }

  @Test
  void emptyToolArgumentsBecomeAnEmptyInput() {
    ObjectNode upstream =
        completion(
            """
            {"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function",
              "function":{"name":"now","arguments":""}}]}
            """,
            "tool_calls");

    ObjectNode response = translation.response(upstream);

    assertJson("{}", response.at("/content/0/input"));
  }

  @Test
  void unparseableToolArgumentsAreKeptAsRawText() {
    ObjectNode upstream =
        completion(
            """
            {"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function",
              "function":{"name":"now","arguments":"{\\"q\\":"}}]}
            """,
            "tool_calls");

    ObjectNode response = translation.response(upstream);

    assertJson("{\"_raw\":\"{\\\"q\\\":\"}", response.at("/content/0/input"));
  }

  @Test
  void moonshotToolCallIdIsSanitized() {
    ObjectNode upstream =
        completion(
            """
            {"role":"assistant","content":"","tool_calls":[{"id":"functions.Bash:0",
              "type":"function","function":{"name":"Bash","arguments":"{}"}}]}
            """,
            "tool_calls");

    ObjectNode response = translation.response(upstream);

    assertEquals("functions_Bash_0", response.at("/content/0/id").asText());
  }

  @Test
  void emptyTextIsOmitted() {
    ObjectNode upstream =
        completion(
            """
            {"role":"assistant","content":"","tool_calls":[{"id":"c","type":"function",
              "function":{"name":"now","arguments":"{}"}}]}
            """,
            "tool_calls");

    ObjectNode response = translation.response(upstream);

    assertEquals(1, response.get("content").size());
    assertEquals("tool_use", response.at("/content/0/type").asText());
  }

  @Test
  void shortenedToolNameIsRestored() {
    translation.request(
        json(
            "{\"max_tokens\":10,\"messages\":[],\"tools\":[{\"name\":\"%s\",\"input_schema\":{}}]}"
                .formatted(LONG_NAME)));
    ObjectNode upstream =
        completion(
            """
            {"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function",
              "function":{"name":"%s","arguments":"{}"}}]}
            """
                .formatted(new ToolNames().shorten(LONG_NAME)),
            "tool_calls");

    ObjectNode response = translation.response(upstream);

    assertEquals(LONG_NAME, response.at("/content/0/name").asText());
  }

  @Test
  void toolCallsFinishedWithStopAreReportedAsToolUse() {
    ObjectNode upstream =
        completion(
            """
            {"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function",
              "function":{"name":"now","arguments":"{}"}}]}
            """,
            "stop");

    ObjectNode response = translation.response(upstream);

    assertEquals("tool_use", response.get("stop_reason").asText());
  }

  @Test
  void reasoningBecomesALeadingThinkingBlockWhenTheClientEnabledThinking() {
    translation.request(
        json(
            "{\"max_tokens\":9000,\"messages\":[],"
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":4096}}"));
    ObjectNode upstream =
        completion(
            "{\"role\":\"assistant\",\"content\":\"42\",\"reasoning_content\":\"think\"}", "stop");

    ObjectNode response = translation.response(upstream);

    assertJson(
        """
        [{"type":"thinking","thinking":"think","signature":""},{"type":"text","text":"42"}]
        """,
        response.get("content"));
  }

  @Test
  void reasoningIsDroppedWhenTheClientOmitsThinkingDisplay() {
    translation.request(
        json(
            "{\"max_tokens\":10,\"messages\":[],"
                + "\"thinking\":{\"type\":\"adaptive\",\"display\":\"omitted\"}}"));
    ObjectNode upstream =
        completion(
            "{\"role\":\"assistant\",\"content\":\"42\",\"reasoning_content\":\"think\"}", "stop");

    ObjectNode response = translation.response(upstream);

    assertJson("[{\"type\":\"text\",\"text\":\"42\"}]", response.get("content"));
  }
}
