package dev.codevector.internal.translate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A complete, successful answer in no particular dialect: what an upstream codec reads from the
 * upstream's answer and a client codec writes in the client's dialect.
 *
 * @param id the upstream's id of the answer; empty when it gave none. Client codecs derive their
 *     own id from it, with their dialect's prefix
 * @param content what the model produced, in order: {@link Part.Reasoning}, {@link Part.Text} and
 *     {@link Part.ToolCall} parts
 * @param stopReason why the model stopped
 * @param stopSequence the stop sequence that stopped it, for {@link StopReason#STOP_SEQUENCE}
 * @param usage the tokens the answer took
 */
record Reply(
    String id,
    List<Part> content,
    StopReason stopReason,
    Optional<String> stopSequence,
    TokenUsage usage) {

  /** Checks the fields and copies the content. */
  Reply {
    Objects.requireNonNull(id, "id");
    content = List.copyOf(content);
    Objects.requireNonNull(stopReason, "stopReason");
    Objects.requireNonNull(stopSequence, "stopSequence");
    Objects.requireNonNull(usage, "usage");
  }
}
