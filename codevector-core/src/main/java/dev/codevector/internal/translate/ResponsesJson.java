package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;

/**
 * Small JSON helpers shared by the Responses ⇄ Chat translation classes. Stateless and thread-safe.
 */
final class ResponsesJson {

  private ResponsesJson() {}

  /** Returns a new, empty JSON object. */
  static ObjectNode object() {
    return Json.MAPPER.createObjectNode();
  }

  /** Returns a new, empty JSON array. */
  static ArrayNode array() {
    return Json.MAPPER.createArrayNode();
  }

  /**
   * Returns the node's text, or {@code ""} when it is not a JSON string (absent, null, a number).
   */
  static String text(JsonNode node) {
    return node.isTextual() ? node.asText() : "";
  }

  /**
   * Copies {@code from.field} to {@code to.toField} when it is present and not null; a deep copy,
   * so the client's request is never shared with the upstream's.
   */
  static void copy(JsonNode from, String field, ObjectNode to, String toField) {
    JsonNode value = from.path(field);
    if (!value.isMissingNode() && !value.isNull()) {
      to.set(toField, value.deepCopy());
    }
  }

  /**
   * Returns tool-call arguments fit for a client or upstream that parses them: a model that calls a
   * tool without arguments may send {@code ""}, which is not JSON, so that becomes {@code {}}.
   */
  static String arguments(String raw) {
    return raw.isBlank() ? "{}" : raw;
  }
}
