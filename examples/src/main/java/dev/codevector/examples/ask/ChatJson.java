package dev.codevector.examples.ask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The OpenAI Chat bodies the service sends to CodeVector and reads back: the request for a
 * question, the text of an answer and of a stream chunk, and the message of an error.
 */
final class ChatJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ChatJson() {}

  /**
   * Returns a Chat request asking one question.
   *
   * @param model the Model's slug
   * @param question the user's question
   * @param stream whether to ask for a stream
   * @return the UTF-8 JSON body
   */
  static byte[] request(String model, String question, boolean stream) {
    ObjectNode root = JSON.createObjectNode().put("model", model);
    root.putArray("messages").addObject().put("role", "user").put("content", question);
    if (stream) {
      root.put("stream", true);
    }
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Returns the text of the first choice of a Chat completion.
   *
   * @param body the completion
   * @return the assistant's text; empty if it wrote none
   */
  static String answer(String body) {
    return read(body).path("choices").path(0).path("message").path("content").asText("");
  }

  /**
   * Returns the text a stream chunk adds to the answer.
   *
   * @param data the chunk's {@code data:} field
   * @return the text, or empty for a chunk without any, such as the closing {@code [DONE]}
   */
  static Optional<String> delta(String data) {
    String text = read(data).path("choices").path(0).path("delta").path("content").asText("");
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  /**
   * Returns the message of an error body or error chunk.
   *
   * @param json the body, or the chunk's {@code data:} field
   * @return the message, or empty if it is not an error
   */
  static Optional<String> error(String json) {
    JsonNode error = read(json).path("error");
    return error.isObject() ? Optional.of(error.path("message").asText()) : Optional.empty();
  }

  /** Returns the JSON tree of a text, or a missing node if the text is not JSON. */
  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }
}
