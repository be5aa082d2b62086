package dev.codevector.internal.translate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.codevector.internal.Json;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * JSON text in and out of translated messages: tool arguments travel as JSON strings in OpenAI's
 * dialect and as objects in Anthropic's, and stream events carry JSON text.
 *
 * <p>Stateless; thread-safe.
 */
final class JsonText {
  private JsonText() {}

  /**
   * Returns a node as compact JSON text.
   *
   * @param node the node
   * @return the JSON text
   */
  static String write(JsonNode node) {
    try {
      return Json.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /**
   * Parses JSON text, which may come from a model and so may be malformed.
   *
   * @param text the text
   * @return the parsed node, or empty when the text is not one JSON value
   */
  static Optional<JsonNode> parse(String text) {
    try {
      return Optional.ofNullable(Json.MAPPER.readTree(text)).filter(node -> !node.isMissingNode());
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /**
   * Returns a text field of a node.
   *
   * @param node the node, which may be missing or of any type
   * @param field the field's name
   * @return the field's text, or empty when it is absent or not a string
   */
  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() ? value.asText() : "";
  }

  /**
   * Returns a number field of a node.
   *
   * @param node the node, which may be missing or of any type
   * @param field the field's name
   * @return the field's value, or empty when it is absent or not a number
   */
  static OptionalDouble number(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isNumber() ? OptionalDouble.of(value.asDouble()) : OptionalDouble.empty();
  }

  /**
   * Returns the elements of an array node, or none when the node is absent or not an array.
   *
   * @param node the node, which may be null, missing or of any type
   * @return the array, empty for anything else
   */
  static ArrayNode array(JsonNode node) {
    return node != null && node.isArray() ? (ArrayNode) node : Json.MAPPER.createArrayNode();
  }
}
