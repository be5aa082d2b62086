package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import java.util.Optional;

/**
 * Builds the OpenAI Chat chunks ({@code chat.completion.chunk}) of one stream in the one shape
 * every writer of a Chat stream uses: the client codec's writer and the adapters that present a
 * native stream as Chat. When the client asked for a usage chunk at the end, every other chunk says
 * {@code "usage":null}, as OpenAI's do.
 *
 * <p>Immutable; thread-safe.
 *
 * @param model the model every chunk names
 * @param created the chunks' {@code created} time, in epoch seconds
 * @param includeUsage whether the client asked for a usage chunk at the end
 */
public record ChatChunks(String model, long created, boolean includeUsage) {

  /**
   * Returns a chunk of one choice.
   *
   * @param id the completion's id, the same in every chunk
   * @param index the choice's index
   * @param delta the choice's delta
   * @param finishReason the finish reason, or null before the last chunk of the choice
   * @return the chunk
   */
  public ObjectNode choice(String id, int index, ObjectNode delta, String finishReason) {
    ObjectNode chunk = header(id);
    ObjectNode choice = chunk.putArray("choices").addObject().put("index", index);
    choice.set("delta", delta);
    choice.putNull("logprobs").put("finish_reason", finishReason);
    if (includeUsage) {
      chunk.putNull("usage");
    }
    return chunk;
  }

  /**
   * Returns a chunk of the first choice whose delta adds to one tool call.
   *
   * @param id the completion's id
   * @param toolCall the tool call's part, with its {@code index}
   * @return the chunk
   */
  public ObjectNode toolCall(String id, ObjectNode toolCall) {
    ObjectNode delta = Json.MAPPER.createObjectNode();
    delta.putArray("tool_calls").add(toolCall);
    return choice(id, 0, delta, null);
  }

  /**
   * Returns the usage chunk that ends the stream, with no choices, when the client asked for one.
   *
   * @param id the completion's id
   * @param usage the usage in OpenAI's shape
   * @return the chunk, or empty when the client did not ask for it
   */
  public Optional<ObjectNode> usage(String id, JsonNode usage) {
    if (!includeUsage) {
      return Optional.empty();
    }
    ObjectNode chunk = header(id);
    chunk.putArray("choices");
    chunk.set("usage", usage);
    return Optional.of(chunk);
  }

  private ObjectNode header(String id) {
    ObjectNode chunk = Json.MAPPER.createObjectNode().put("id", id);
    return chunk.put("object", "chat.completion.chunk").put("created", created).put("model", model);
  }
}
