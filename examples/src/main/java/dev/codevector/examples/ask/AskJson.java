package dev.codevector.examples.ask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The service's own JSON: the question it is asked, {@code {"question": "..."}}, and what it
 * answers: {@code {"answer": "...", "model": "..."}}, {@code {"text": "..."}} for each piece of a
 * streamed answer, and {@code {"error": "..."}}.
 */
final class AskJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AskJson() {}

  /**
   * Returns the question a request body asks.
   *
   * @param body the request body
   * @return the question, not blank
   * @throws IllegalArgumentException if the body is not a JSON object with a non-blank string
   *     {@code question}
   */
  static String question(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("the body is not JSON");
    }
    JsonNode question = root == null ? null : root.get("question");
    if (question == null || !question.isTextual() || question.asText().isBlank()) {
      throw new IllegalArgumentException(
          "the body must be a JSON object with a question, such as {\"question\": \"Why?\"}");
    }
    return question.asText();
  }

  /**
   * Returns the body of a whole answer.
   *
   * @param answer the answer's text
   * @param model the upstream model that wrote it
   * @return the JSON body
   */
  static String answer(String answer, String model) {
    return JSON.createObjectNode().put("answer", answer).put("model", model).toString();
  }

  /**
   * Returns the data of one piece of a streamed answer.
   *
   * @param text the piece's text
   * @return the JSON text
   */
  static String text(String text) {
    return JSON.createObjectNode().put("text", text).toString();
  }

  /**
   * Returns an error body.
   *
   * @param message what went wrong
   * @return the JSON body
   */
  static String error(String message) {
    return JSON.createObjectNode().put("error", message).toString();
  }
}
