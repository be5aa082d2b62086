package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;

/**
 * Builds OpenAI Chat stream chunks ({@code chat.completion.chunk}) in the one shape every writer of
 * a Chat stream uses: the client codec's writer and the adapters that present a native stream as
 * Chat.
 *
 * <p>Stateless; thread-safe.
 */
public final class ChatChunks {
  private ChatChunks() {}

  /**
   * Returns a chunk without choices: {@code id}, {@code object}, {@code created} and {@code model}.
   *
   * @param id the completion's id, the same in every chunk
   * @param created the completion's creation time, in epoch seconds
   * @param model the model the chunk names
   * @return the chunk, to add choices or usage to
   */
  public static ObjectNode header(String id, long created, String model) {
    ObjectNode chunk = Json.MAPPER.createObjectNode().put("id", id);
    return chunk.put("object", "chat.completion.chunk").put("created", created).put("model", model);
  }

  /**
   * Returns a chunk of one choice.
   *
   * @param header the chunk's header, from {@link #header}; filled in and returned
   * @param index the choice's index
   * @param delta the choice's delta
   * @param finishReason the finish reason, or null before the last chunk of the choice
   * @param usageNull whether the chunk says {@code "usage":null}, as OpenAI's chunks do when the
   *     client asked for a usage chunk at the end
   * @return the chunk
   */
  public static ObjectNode choice(
      ObjectNode header, int index, ObjectNode delta, String finishReason, boolean usageNull) {
    ObjectNode choice = header.putArray("choices").addObject().put("index", index);
    choice.set("delta", delta);
    choice.putNull("logprobs").put("finish_reason", finishReason);
    if (usageNull) {
      header.putNull("usage");
    }
    return header;
  }
}
