package dev.codevector.internal.translate;

import static dev.codevector.internal.translate.TranslateTesting.CLIENT_MODEL;
import static dev.codevector.internal.translate.TranslateTesting.assertEvents;
import static dev.codevector.internal.translate.TranslateTesting.json;
import static dev.codevector.internal.translate.TranslateTesting.route;
import static dev.codevector.internal.translate.TranslateTesting.translate;

import dev.codevector.registry.ProviderKind;
import dev.codevector.wire.SseEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ChatToMessagesStreamTest {
  private static final String MESSAGE_START =
      "message_start {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
          + "\"role\":\"assistant\",\"model\":\"claude-x\",\"content\":[],\"stop_reason\":null,"
          + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":42,\"cache_read_input_tokens\":0,"
          + "\"cache_creation_input_tokens\":0,\"output_tokens\":1}}}";
  private static final String TEXT_START =
      "content_block_start {\"type\":\"content_block_start\",\"index\":0,"
          + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}";
  private static final String PING = "ping {\"type\":\"ping\"}";
  private static final String TEXT_DELTA =
      "content_block_delta {\"type\":\"content_block_delta\",\"index\":0,"
          + "\"delta\":{\"type\":\"text_delta\",\"text\":\"On it.\"}}";
  private static final String STOP_0 =
      "content_block_stop {\"type\":\"content_block_stop\",\"index\":0}";
  private static final String TOOL_START =
      "content_block_start {\"type\":\"content_block_start\",\"index\":1,"
          + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_9\",\"name\":\"lookup\","
          + "\"input\":{}}}";
  private static final String TOOL_DELTA_1 =
      "content_block_delta {\"type\":\"content_block_delta\",\"index\":1,"
          + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"q\\\": \\\"do\"}}";
  private static final String TOOL_DELTA_2 =
      "content_block_delta {\"type\":\"content_block_delta\",\"index\":1,"
          + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"g\\\"}\"}}";
  private static final String STOP_1 =
      "content_block_stop {\"type\":\"content_block_stop\",\"index\":1}";
  private static final String MESSAGE_DELTA =
      "message_delta {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\","
          + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":31}}";
  private static final String MESSAGE_STOP = "message_stop {\"type\":\"message_stop\"}";

  private static final String ROLE =
      chunk("{\"role\":\"assistant\",\"content\":\"\"}", null, false);
  private static final String TOOL_CALL =
      chunk(
          "{\"tool_calls\":[{\"index\":0,\"id\":\"toolu_9\",\"type\":\"function\","
              + "\"function\":{\"name\":\"lookup\",\"arguments\":\"\"}}]}",
          null,
          false);
  private static final String EMPTY_ARGUMENTS =
      chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{}\"}}]}", null, false);

  private final Translation translation =
      new CodecTranslation(
          new ChatClient(CLIENT_MODEL, 7L),
          new MessagesUpstream(route(ProviderKind.ANTHROPIC, "claude-sonnet-4-5")));

  /** Returns a chunk of the translated stream; {@code usage:null} is added when asked. */
  private static String chunk(String delta, String finishReason, boolean usageNull) {
    return "{\"id\":\"chatcmpl-msg_1\",\"object\":\"chat.completion.chunk\",\"created\":7,"
        + "\"model\":\"smart\",\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"logprobs\":null,\"finish_reason\":"
        + (finishReason == null ? "null" : "\"" + finishReason + "\"")
        + "}]"
        + (usageNull ? ",\"usage\":null" : "")
        + "}";
  }

  private void askForUsage() {
    translation.request(
        json("{\"messages\":[],\"stream\":true,\"stream_options\":{\"include_usage\":true}}"));
  }

  @Test
  void referenceStreamTranslatesEventByEvent() {
    askForUsage();

    List<SseEvent> client =
        translate(
            translation.stream(),
            true,
            MESSAGE_START,
            TEXT_START,
            PING,
            TEXT_DELTA,
            STOP_0,
            TOOL_START,
            TOOL_DELTA_1,
            TOOL_DELTA_2,
            STOP_1,
            MESSAGE_DELTA,
            MESSAGE_STOP);

    assertEvents(
        client,
        chunk("{\"role\":\"assistant\",\"content\":\"\"}", null, true),
        chunk("{\"content\":\"On it.\"}", null, true),
        chunk(
            "{\"tool_calls\":[{\"index\":0,\"id\":\"toolu_9\",\"type\":\"function\","
                + "\"function\":{\"name\":\"lookup\",\"arguments\":\"\"}}]}",
            null,
            true),
        chunk(
            "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"q\\\": \\\"do\"}}]}",
            null,
            true),
        chunk(
            "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"g\\\"}\"}}]}", null, true),
        chunk("{}", "tool_calls", true),
        "{\"id\":\"chatcmpl-msg_1\",\"object\":\"chat.completion.chunk\",\"created\":7,"
            + "\"model\":\"smart\",\"choices\":[],\"usage\":{\"prompt_tokens\":42,"
            + "\"completion_tokens\":31,\"total_tokens\":73,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":0}}}",
        "[DONE]");
  }

  @Test
  void noUsageChunkIsSentUnlessTheClientAskedForIt() {
    List<SseEvent> client =
        translate(
            translation.stream(),
            true,
            MESSAGE_START,
            TEXT_START,
            TEXT_DELTA,
            STOP_0,
            MESSAGE_DELTA,
            MESSAGE_STOP);

    assertEvents(
        client,
        ROLE,
        chunk("{\"content\":\"On it.\"}", null, false),
        chunk("{}", "tool_calls", false),
        "[DONE]");
  }

  @Test
  void toolBlockEndingWithoutArgumentsSendsAnEmptyObject() {
    List<SseEvent> client =
        translate(translation.stream(), false, MESSAGE_START, TOOL_START, STOP_1);

    assertEvents(client, ROLE, TOOL_CALL, EMPTY_ARGUMENTS);
  }

  @Test
  void toolCallIndexCountsToolCallsOnly() {
    String secondTool =
        "content_block_start {\"type\":\"content_block_start\",\"index\":2,"
            + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_10\",\"name\":\"now\","
            + "\"input\":{}}}";

    List<SseEvent> client =
        translate(
            translation.stream(),
            false,
            MESSAGE_START,
            TEXT_START,
            STOP_0,
            TOOL_START,
            STOP_1,
            secondTool);

    assertEvents(
        client,
        ROLE,
        TOOL_CALL,
        EMPTY_ARGUMENTS,
        chunk(
            "{\"tool_calls\":[{\"index\":1,\"id\":\"toolu_10\",\"type\":\"function\","
                + "\"function\":{\"name\":\"now\",\"arguments\":\"\"}}]}",
            null,
            false));
  }

  @Test
  void thinkingBecomesReasoningContentAndItsSignatureSendsNothing() {
    List<SseEvent> client =
        translate(
            translation.stream(),
            false,
            MESSAGE_START,
            "content_block_start {\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}",
            "content_block_delta {\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"hmm\"}}",
            "content_block_delta {\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQB\"}}",
            STOP_0);

    assertEvents(client, ROLE, chunk("{\"reasoning_content\":\"hmm\"}", null, false));
  }

  @Test
  void upstreamErrorEventBecomesAnErrorChunkAndNothingFollows() {
    StreamTranslator stream = translation.stream();
    translate(stream, false, MESSAGE_START, TEXT_START, TEXT_DELTA);

    List<SseEvent> client =
        translate(
            stream,
            true,
            "error {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                + "\"message\":\"Overloaded\"}}",
            STOP_0,
            MESSAGE_STOP);

    assertEvents(
        client,
        "{\"error\":{\"message\":\"Overloaded\",\"type\":\"overloaded_error\",\"code\":null}}");
  }

  @Test
  void streamCutBeforeMessageStopEndsWithAnErrorChunkAndNoDone() {
    StreamTranslator stream = translation.stream();
    translate(stream, false, MESSAGE_START, TEXT_START, TEXT_DELTA);

    List<SseEvent> atEnd = translate(stream, true);

    assertEvents(
        atEnd,
        "{\"error\":{\"message\":\"upstream stream ended early\",\"type\":\"api_error\","
            + "\"code\":null}}");
  }
}
