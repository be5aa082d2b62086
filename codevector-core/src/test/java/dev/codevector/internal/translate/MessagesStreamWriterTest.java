package dev.codevector.internal.translate;

import static dev.codevector.internal.translate.MessagesEvents.STOP;
import static dev.codevector.internal.translate.MessagesEvents.blockDelta;
import static dev.codevector.internal.translate.MessagesEvents.blockStart;
import static dev.codevector.internal.translate.MessagesEvents.blockStop;
import static dev.codevector.internal.translate.MessagesEvents.jsonDelta;
import static dev.codevector.internal.translate.MessagesEvents.messageDelta;
import static dev.codevector.internal.translate.MessagesEvents.textDelta;
import static dev.codevector.internal.translate.MessagesEvents.tool;
import static dev.codevector.internal.translate.TranslateTesting.assertEvents;

import dev.codevector.wire.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class MessagesStreamWriterTest {
  private static final String START = MessagesEvents.messageStart("msg_up-1");
  private static final TokenUsage USAGE = new TokenUsage(70, 10, 0, 21, 0);
  private static final String USAGE_DELTA =
      "\"usage\":{\"input_tokens\":70,\"cache_creation_input_tokens\":0,"
          + "\"cache_read_input_tokens\":10,\"output_tokens\":21}}";

  private static List<SseEvent> write(ReplyStreamWriter writer, ReplyEvent... events) {
    List<SseEvent> client = new ArrayList<>();
    for (ReplyEvent event : events) {
      writer.onEvent(event, client::add);
    }
    return client;
  }

  private static ReplyEvent.Finished finished(StopReason reason) {
    return new ReplyEvent.Finished(reason, Optional.empty());
  }

  @Test
  void interleavedParallelToolCallsAreWrittenOneBlockAtATime() {
    ReplyStreamWriter writer = new MessagesStreamWriter("smart", false);

    List<SseEvent> client =
        write(
            writer,
            new ReplyEvent.Started("up-1"),
            new ReplyEvent.ToolCallStarted(0, "call_a", "Read"),
            new ReplyEvent.ToolCallStarted(1, "call.b", "Bash"),
            new ReplyEvent.ToolArgumentsDelta(1, "{\"c\":"),
            new ReplyEvent.ToolArgumentsDelta(0, "{\"f\":1}"),
            new ReplyEvent.TextDelta("after"),
            new ReplyEvent.ToolArgumentsDelta(1, "2}"),
            finished(StopReason.TOOL_USE),
            new ReplyEvent.UsageReported(USAGE));

    assertEvents(
        client,
        START,
        blockStart(0, tool("call_a", "Read")),
        jsonDelta(0, "{\\\"f\\\":1}"),
        blockStop(0),
        blockStart(1, tool("call_b", "Bash")),
        jsonDelta(1, "{\\\"c\\\":2}"),
        blockStop(1),
        blockStart(2, "{\"type\":\"text\",\"text\":\"\"}"),
        textDelta(2, "after"),
        blockStop(2),
        messageDelta("tool_use", USAGE_DELTA),
        STOP);
  }

  @Test
  void messageDeltaWaitsForUsageReportedAfterTheFinish() {
    ReplyStreamWriter writer = new MessagesStreamWriter("smart", false);
    write(writer, new ReplyEvent.Started("up-1"), new ReplyEvent.UsageReported(TokenUsage.NONE));

    List<SseEvent> atFinish =
        write(writer, new ReplyEvent.TextDelta("Hi"), finished(StopReason.END_TURN));
    List<SseEvent> atUsage = write(writer, new ReplyEvent.UsageReported(USAGE));
    List<SseEvent> atCompletion = write(writer, new ReplyEvent.Completed());

    assertEvents(
        atFinish,
        blockStart(0, "{\"type\":\"text\",\"text\":\"\"}"),
        textDelta(0, "Hi"),
        blockStop(0));
    assertEvents(atUsage, messageDelta("end_turn", USAGE_DELTA), STOP);
    assertEvents(atCompletion);
  }

  @Test
  void sealedReasoningEndsItsThinkingBlockWithTheSignature() {
    ReplyStreamWriter writer = new MessagesStreamWriter("smart", true);

    List<SseEvent> client =
        write(
            writer,
            new ReplyEvent.Started("up-1"),
            new ReplyEvent.ReasoningDelta("hmm"),
            new ReplyEvent.ReasoningSealed(
                new Part.Seal(Part.Seal.Family.ANTHROPIC, "sig-1", false)),
            new ReplyEvent.ReasoningSealed(
                new Part.Seal(Part.Seal.Family.ANTHROPIC, "opaque", true)),
            new ReplyEvent.ReasoningDelta("more"),
            new ReplyEvent.TextDelta("42"),
            finished(StopReason.END_TURN),
            new ReplyEvent.UsageReported(USAGE));

    assertEvents(
        client,
        START,
        blockStart(0, "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}"),
        blockDelta(0, "{\"type\":\"thinking_delta\",\"thinking\":\"hmm\"}"),
        blockDelta(0, "{\"type\":\"signature_delta\",\"signature\":\"sig-1\"}"),
        blockStop(0),
        blockStart(1, "{\"type\":\"redacted_thinking\",\"data\":\"opaque\"}"),
        blockStop(1),
        blockStart(2, "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}"),
        blockDelta(2, "{\"type\":\"thinking_delta\",\"thinking\":\"more\"}"),
        blockStop(2),
        blockStart(3, "{\"type\":\"text\",\"text\":\"\"}"),
        textDelta(3, "42"),
        blockStop(3),
        messageDelta("end_turn", USAGE_DELTA),
        STOP);
  }

  @Test
  void signatureOfReasoningQueuedBehindAToolCallIsWrittenWithIt() {
    ReplyStreamWriter writer = new MessagesStreamWriter("smart", true);

    List<SseEvent> client =
        write(
            writer,
            new ReplyEvent.Started("up-1"),
            new ReplyEvent.ToolCallStarted(0, "call_a", "Read"),
            new ReplyEvent.ReasoningDelta("then"),
            new ReplyEvent.ReasoningSealed(
                new Part.Seal(Part.Seal.Family.ANTHROPIC, "sig-2", false)),
            finished(StopReason.TOOL_USE));

    assertEvents(
        client,
        START,
        blockStart(0, tool("call_a", "Read")),
        blockStop(0),
        blockStart(1, "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}"),
        blockDelta(1, "{\"type\":\"thinking_delta\",\"thinking\":\"then\"}"),
        blockDelta(1, "{\"type\":\"signature_delta\",\"signature\":\"sig-2\"}"),
        blockStop(1));
  }

  @Test
  void failureIsWrittenAsTheErrorTypeOfItsStatusAndNothingFollows() {
    ReplyStreamWriter writer = new MessagesStreamWriter("smart", false);

    List<SseEvent> client =
        write(
            writer,
            new ReplyEvent.Started("up-1"),
            new ReplyEvent.Failed(529, "overloaded"),
            new ReplyEvent.TextDelta("late"));
    writer.onEnd(client::add);

    assertEvents(
        client,
        START,
        "error {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
            + "\"message\":\"overloaded\"}}");
  }
}
