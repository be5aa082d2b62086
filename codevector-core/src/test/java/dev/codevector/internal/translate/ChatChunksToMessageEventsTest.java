package dev.codevector.internal.translate;

import static dev.codevector.internal.translate.TranslateTesting.assertEvents;
import static dev.codevector.internal.translate.TranslateTesting.json;
import static dev.codevector.internal.translate.TranslateTesting.route;
import static dev.codevector.internal.translate.TranslateTesting.translate;

import dev.codevector.registry.ProviderKind;
import dev.codevector.wire.SseEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ChatChunksToMessageEventsTest {
  /** Returns the translation of one request from a Messages client to a Chat upstream. */
  private static Translation messagesToChat(ProviderKind kind, String upstreamModel) {
    return new CodecTranslation(
        new MessagesClient(TranslateTesting.CLIENT_MODEL),
        new ChatUpstream(route(kind, upstreamModel)));
  }

  private static final String START =
      "message_start {\"type\":\"message_start\",\"message\":{\"id\":\"msg_chatcmpl-1\","
          + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"smart\",\"content\":[],"
          + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":0,"
          + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":0}}}";
  private static final String FIRST =
      chunk(
          "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}");
  private static final String USAGE =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
          + "\"choices\":[],\"usage\":{\"prompt_tokens\":80,\"completion_tokens\":21,"
          + "\"total_tokens\":101}}";
  private static final String USAGE_DELTA =
      "\"usage\":{\"input_tokens\":80,\"cache_creation_input_tokens\":0,"
          + "\"cache_read_input_tokens\":0,\"output_tokens\":21}}";
  private static final String ZERO_USAGE_DELTA =
      "\"usage\":{\"input_tokens\":0,\"cache_creation_input_tokens\":0,"
          + "\"cache_read_input_tokens\":0,\"output_tokens\":0}}";
  private static final String STOP = "message_stop {\"type\":\"message_stop\"}";

  private final Translation translation = messagesToChat(ProviderKind.OPENAI, "gpt-5");

  /** Returns a chunk of the reference stream with one choice. */
  private static String chunk(String choice) {
    return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
        + "\"model\":\"m\",\"choices\":["
        + choice
        + "],\"usage\":null}";
  }

  private static String content(String text) {
    return chunk("{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}");
  }

  private static String toolCall(int index, String id, String name, String arguments) {
    return chunk(
        "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":%d,\"id\":\"%s\",\"type\":\"function\",\"function\":{\"name\":\"%s\",\"arguments\":\"%s\"}}]},\"finish_reason\":null}"
            .formatted(index, id, name, arguments));
  }

  private static String arguments(int index, String arguments) {
    return chunk(
        "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":%d,\"function\":{\"arguments\":\"%s\"}}]},\"finish_reason\":null}"
            .formatted(index, arguments));
  }

  private static String finish(String reason) {
    return chunk("{\"index\":0,\"delta\":{},\"finish_reason\":\"" + reason + "\"}");
  }

  private static String blockStart(int index, String block) {
    return "content_block_start {\"type\":\"content_block_start\",\"index\":%d,\"content_block\":%s}"
        .formatted(index, block);
  }

  private static String textDelta(int index, String text) {
    return "content_block_delta {\"type\":\"content_block_delta\",\"index\":%d,\"delta\":{\"type\":\"text_delta\",\"text\":\"%s\"}}"
        .formatted(index, text);
  }

  private static String jsonDelta(int index, String json) {
    return "content_block_delta {\"type\":\"content_block_delta\",\"index\":%d,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"%s\"}}"
        .formatted(index, json);
  }

  private static String blockStop(int index) {
    return "content_block_stop {\"type\":\"content_block_stop\",\"index\":" + index + "}";
  }

  private static String messageDelta(String stopReason, String usage) {
    return "message_delta {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\""
        + stopReason
        + "\",\"stop_sequence\":null},"
        + usage;
  }

  private static String tool(String id, String name) {
    return "{\"type\":\"tool_use\",\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"input\":{}}";
  }

  @Test
  void referenceStreamTranslatesEventByEvent() {
    List<SseEvent> client =
        translate(
            translation.stream(),
            true,
            FIRST,
            content("Checking"),
            toolCall(0, "call_1", "lookup", ""),
            arguments(0, "{\\\"q\\\":"),
            arguments(0, "\\\"dog\\\"}"),
            finish("tool_calls"),
            USAGE,
            "[DONE]");

    assertEvents(
        client,
        START,
        blockStart(0, "{\"type\":\"text\",\"text\":\"\"}"),
        textDelta(0, "Checking"),
        blockStop(0),
        blockStart(1, tool("call_1", "lookup")),
        jsonDelta(1, "{\\\"q\\\":"),
        jsonDelta(1, "\\\"dog\\\"}"),
        blockStop(1),
        messageDelta("tool_use", USAGE_DELTA),
        STOP);
  }

  @Test
  void messageDeltaWaitsForTheUsageChunkAfterTheFinish() {
    StreamTranslator stream = translation.stream();

    List<SseEvent> beforeUsage = translate(stream, false, FIRST, content("Hi"), finish("stop"));
    List<SseEvent> atUsage = translate(stream, false, USAGE);

    assertEvents(
        beforeUsage,
        START,
        blockStart(0, "{\"type\":\"text\",\"text\":\"\"}"),
        textDelta(0, "Hi"),
        blockStop(0));
    assertEvents(atUsage, messageDelta("end_turn", USAGE_DELTA), STOP);
  }

  @Test
  void contentAndFinishInOneChunkAreBothTranslated() {
    String fakeStreamed =
        chunk(
            "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"All at once\"},"
                + "\"finish_reason\":\"stop\"}");

    List<SseEvent> client = translate(translation.stream(), true, fakeStreamed, USAGE, "[DONE]");

    assertEvents(
        client,
        START,
        blockStart(0, "{\"type\":\"text\",\"text\":\"\"}"),
        textDelta(0, "All at once"),
        blockStop(0),
        messageDelta("end_turn", USAGE_DELTA),
        STOP);
  }

  @Test
  void twoParallelToolCallsBecomeTwoToolBlocks() {
    List<SseEvent> client =
        translate(
            translation.stream(),
            true,
            FIRST,
            toolCall(0, "call_a", "Read", "{\\\"f\\\":1}"),
            toolCall(1, "call_b", "Bash", ""),
            arguments(1, "{\\\"c\\\":2}"),
            finish("tool_calls"),
            USAGE,
            "[DONE]");

    assertEvents(
        client,
        START,
        blockStart(0, tool("call_a", "Read")),
        jsonDelta(0, "{\\\"f\\\":1}"),
        blockStop(0),
        blockStart(1, tool("call_b", "Bash")),
        jsonDelta(1, "{\\\"c\\\":2}"),
        blockStop(1),
        messageDelta("tool_use", USAGE_DELTA),
        STOP);
  }

  @Test
  void interleavedToolCallFragmentsStayWithTheirOwnBlock() {
    List<SseEvent> client =
        translate(
            translation.stream(),
            true,
            FIRST,
            toolCall(0, "call_a", "Read", ""),
            toolCall(1, "call_b", "Bash", ""),
            arguments(0, "{\\\"f\\\":"),
            arguments(1, "{\\\"c\\\":"),
            arguments(0, "1}"),
            arguments(1, "2}"),
            finish("tool_calls"),
            USAGE);

    assertEvents(
        client,
        START,
        blockStart(0, tool("call_a", "Read")),
        jsonDelta(0, "{\\\"f\\\":"),
        jsonDelta(0, "1}"),
        blockStop(0),
        blockStart(1, tool("call_b", "Bash")),
        jsonDelta(1, "{\\\"c\\\":2}"),
        blockStop(1),
        messageDelta("tool_use", USAGE_DELTA),
        STOP);
  }

  @Test
  void textAfterAToolCallIsSentAfterTheToolBlock() {
    List<SseEvent> client =
        translate(
            translation.stream(),
            true,
            FIRST,
            toolCall(0, "call_a", "Read", "{}"),
            content("done"),
            finish("tool_calls"),
            USAGE);

    assertEvents(
        client,
        START,
        blockStart(0, tool("call_a", "Read")),
        jsonDelta(0, "{}"),
        blockStop(0),
        blockStart(1, "{\"type\":\"text\",\"text\":\"\"}"),
        textDelta(1, "done"),
        blockStop(1),
        messageDelta("tool_use", USAGE_DELTA),
        STOP);
  }

  @Test
  void toolCallsWithoutIndexAreToldApartByTheirIds() {
    String first =
        chunk(
            "{\"index\":0,\"delta\":{\"tool_calls\":[{\"id\":\"a\",\"type\":\"function\","
                + "\"function\":{\"name\":\"Read\",\"arguments\":\"{}\"}},"
                + "{\"id\":\"b\",\"type\":\"function\","
                + "\"function\":{\"name\":\"Bash\",\"arguments\":\"{}\"}}]},\"finish_reason\":null}");

    List<SseEvent> client =
        translate(translation.stream(), true, FIRST, first, finish("tool_calls"), USAGE);

    assertEvents(
        client,
        START,
        blockStart(0, tool("a", "Read")),
        jsonDelta(0, "{}"),
        blockStop(0),
        blockStart(1, tool("b", "Bash")),
        jsonDelta(1, "{}"),
        blockStop(1),
        messageDelta("tool_use", USAGE_DELTA),
        STOP);
  }

  @Test
  void doneWithoutUsageEndsTheMessageWithZeroUsage() {
    List<SseEvent> client =
        translate(translation.stream(), true, FIRST, content("Hi"), finish("length"), "[DONE]");

    assertEvents(
        client,
        START,
        blockStart(0, "{\"type\":\"text\",\"text\":\"\"}"),
        textDelta(0, "Hi"),
        blockStop(0),
        messageDelta("max_tokens", ZERO_USAGE_DELTA),
        STOP);
  }

  @Test
  void streamEndingAfterTheFinishStillEndsTheMessage() {
    StreamTranslator stream = translation.stream();
    translate(stream, false, FIRST, content("Hi"), finish("stop"));

    List<SseEvent> atEnd = translate(stream, true);

    assertEvents(atEnd, messageDelta("end_turn", ZERO_USAGE_DELTA), STOP);
  }

  @Test
  void streamCutBeforeTheFinishEndsWithAnErrorEvent() {
    StreamTranslator stream = translation.stream();
    translate(stream, false, FIRST, content("Hal"));

    List<SseEvent> atEnd = translate(stream, true);

    assertEvents(
        atEnd,
        "error {\"type\":\"error\",\"error\":{\"type\":\"api_error\","
            + "\"message\":\"upstream stream ended early\"}}");
  }

  @Test
  void midStreamUpstreamErrorBecomesAnErrorEventAndNothingFollows() {
    StreamTranslator stream = translation.stream();
    translate(stream, false, FIRST, content("Hal"));

    List<SseEvent> client =
        translate(
            stream,
            true,
            "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\",\"code\":null}}",
            content("more"),
            finish("stop"),
            "[DONE]");

    assertEvents(
        client,
        "error {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"boom\"}}");
  }

  @Test
  void upstreamErrorWithAnHttpStatusCodeIsMappedByStatus() {
    List<SseEvent> client =
        translate(
            translation.stream(), true, "{\"error\":{\"message\":\"slow down\",\"code\":429}}");

    assertEvents(
        client,
        "error {\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
            + "\"message\":\"slow down\"}}");
  }

  @Test
  void shortenedToolNameIsRestoredInTheStream() {
    String longName = "mcp__some_very_long_server_name__and_an_even_longer_tool_name_for_testing";
    translation.request(
        json(
            "{\"max_tokens\":10,\"messages\":[],\"tools\":[{\"name\":\"%s\",\"input_schema\":{}}]}"
                .formatted(longName)));

    List<SseEvent> client =
        translate(
            translation.stream(),
            true,
            FIRST,
            toolCall(0, "call_a", new ToolNames().shorten(longName), ""),
            finish("tool_calls"),
            USAGE);

    assertEvents(
        client,
        START,
        blockStart(0, tool("call_a", longName)),
        blockStop(0),
        messageDelta("tool_use", USAGE_DELTA),
        STOP);
  }

  @Test
  void moonshotToolCallIdIsSanitizedInTheStream() {
    List<SseEvent> client =
        translate(
            translation.stream(),
            true,
            FIRST,
            toolCall(0, "functions.Bash:0", "Bash", ""),
            finish("tool_calls"),
            USAGE);

    assertEvents(
        client,
        START,
        blockStart(0, tool("functions_Bash_0", "Bash")),
        blockStop(0),
        messageDelta("tool_use", USAGE_DELTA),
        STOP);
  }

  @Test
  void reasoningBecomesAThinkingBlockWhenTheClientEnabledThinking() {
    translation.request(
        json(
            "{\"max_tokens\":9000,\"messages\":[],"
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":4096}}"));
    String reasoning =
        chunk("{\"index\":0,\"delta\":{\"reasoning_content\":\"hmm\"},\"finish_reason\":null}");

    List<SseEvent> client =
        translate(translation.stream(), true, FIRST, reasoning, content("42"), finish("stop"));

    assertEvents(
        client,
        START,
        blockStart(0, "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}"),
        "content_block_delta {\"type\":\"content_block_delta\",\"index\":0,"
            + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"hmm\"}}",
        blockStop(0),
        blockStart(1, "{\"type\":\"text\",\"text\":\"\"}"),
        textDelta(1, "42"),
        blockStop(1),
        messageDelta("end_turn", ZERO_USAGE_DELTA),
        STOP);
  }

  @Test
  void reasoningIsDroppedWhenTheClientDidNotEnableThinking() {
    String reasoning =
        chunk("{\"index\":0,\"delta\":{\"reasoning_content\":\"hmm\"},\"finish_reason\":null}");

    List<SseEvent> client = translate(translation.stream(), false, FIRST, reasoning, content("42"));

    assertEvents(
        client, START, blockStart(0, "{\"type\":\"text\",\"text\":\"\"}"), textDelta(0, "42"));
  }
}
