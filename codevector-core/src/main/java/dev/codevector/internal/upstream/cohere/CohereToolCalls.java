package dev.codevector.internal.upstream.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;

/**
 * Tool calls, which OpenAI Chat and Cohere v2 write alike ({@code
 * [{id,type:"function",function:{name,arguments}}]}, arguments as JSON text): each side's calls are
 * copied to the other with only those fields, so no field of one reaches the other unchecked.
 *
 * <p>Stateless; thread-safe.
 */
final class CohereToolCalls {
  private CohereToolCalls() {}

  /**
   * Returns a copy of tool calls with their id, type, name and arguments.
   *
   * @param calls the tool calls of a message
   * @return the copied calls
   */
  static ArrayNode copy(JsonNode calls) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (JsonNode call : calls) {
      JsonNode function = call.path("function");
      ObjectNode copy = out.addObject().put("id", call.path("id").asText(""));
      copy.put("type", "function");
      copy.putObject("function")
          .put("name", function.path("name").asText(""))
          .put("arguments", arguments(function.path("arguments")));
    }
    return out;
  }

  /**
   * Returns tool-call arguments as JSON text, {@code {}} when there are none, since clients parse
   * them.
   *
   * @param arguments the arguments: JSON text, or an object from a lenient sender
   * @return the JSON text
   */
  static String arguments(JsonNode arguments) {
    String text =
        arguments.isTextual()
            ? arguments.asText()
            : arguments.isObject() ? arguments.toString() : "";
    return text.isEmpty() ? "{}" : text;
  }
}
