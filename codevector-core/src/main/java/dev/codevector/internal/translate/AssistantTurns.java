package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import java.util.function.UnaryOperator;

/**
 * Turns the content of an Anthropic assistant turn into an OpenAI Chat assistant message, both for
 * history sent to a Chat upstream and for a Messages answer sent to a Chat client: text blocks are
 * concatenated, as the model produced them, into {@code content} ({@code null} when there is no
 * text); {@code tool_use} blocks become {@code tool_calls} whose {@code arguments} are the JSON
 * text of {@code input}; thinking and every other block type are dropped.
 *
 * <p>Stateless; thread-safe.
 */
final class AssistantTurns {
  private AssistantTurns() {}

  /**
   * Returns the Chat assistant message for Anthropic assistant content.
   *
   * @param content a string or an array of content blocks
   * @param toolName maps each tool name to the name the receiver knows it by
   * @return {@code {"role":"assistant","content":…}}, with {@code tool_calls} when there are any
   */
  static ObjectNode toChatMessage(JsonNode content, UnaryOperator<String> toolName) {
    StringBuilder text = new StringBuilder(content.isTextual() ? content.asText() : "");
    ArrayNode toolCalls = Json.MAPPER.createArrayNode();
    for (JsonNode block : JsonText.array(content)) {
      String type = JsonText.text(block, "type");
      if (type.equals("text")) {
        text.append(JsonText.text(block, "text"));
      } else if (type.equals("tool_use")) {
        ObjectNode call = toolCalls.addObject();
        call.put("id", JsonText.text(block, "id")).put("type", "function");
        JsonNode input = block.path("input");
        call.putObject("function")
            .put("name", toolName.apply(JsonText.text(block, "name")))
            .put("arguments", input.isObject() ? JsonText.write(input) : "{}");
      }
    }
    ObjectNode message = Json.MAPPER.createObjectNode().put("role", "assistant");
    if (text.length() == 0) {
      message.putNull("content");
    } else {
      message.put("content", text.toString());
    }
    if (!toolCalls.isEmpty()) {
      message.set("tool_calls", toolCalls);
    }
    return message;
  }
}
