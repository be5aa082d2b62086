package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.codevector.routing.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the content of an Anthropic Messages turn, a string or content blocks, into {@link Part}s,
 * by the policy {@link MessagesClient} documents: what has no place in the common form is dropped,
 * and image and document sources no upstream can be sent are refused.
 *
 * <p>Stateless; thread-safe.
 */
final class MessagesContent {
  private MessagesContent() {}

  /**
   * Returns the parts of a user turn: text (empty text blocks dropped), images, documents and tool
   * results, in order.
   *
   * @param content a string or an array of content blocks
   * @param param where the turn is in the request, such as {@code messages[2]}, for errors
   * @return the parts, empty when nothing is left
   * @throws InvalidRequestException if an image or document has a source that cannot be sent
   */
  static List<Part> user(JsonNode content, String param) {
    if (content.isTextual()) {
      return List.of(Part.Text.of(content.asText()));
    }
    List<Part> parts = new ArrayList<>();
    ArrayNode blocks = JsonText.array(content);
    for (int j = 0; j < blocks.size(); j++) {
      JsonNode block = blocks.get(j);
      String blockParam = param + ".content[" + j + "]";
      switch (JsonText.text(block, "type")) {
        case "text" -> {
          if (!JsonText.text(block, "text").isEmpty()) {
            parts.add(text(block));
          }
        }
        case "image" -> parts.add(image(block, blockParam));
        case "document" -> parts.add(document(block, blockParam));
        case "tool_result" -> parts.add(toolResult(block, blockParam));
        default -> {
          // Other block types have no place in the common form and are dropped.
        }
      }
    }
    return parts;
  }

  /**
   * Returns the parts of an assistant turn: text, reasoning sealed for Anthropic, and tool calls
   * whose arguments are the JSON text of {@code input}, in order.
   *
   * @param content a string or an array of content blocks
   * @return the parts, empty when nothing is left
   */
  static List<Part> assistant(JsonNode content) {
    if (content.isTextual()) {
      return List.of(Part.Text.of(content.asText()));
    }
    List<Part> parts = new ArrayList<>();
    for (JsonNode block : JsonText.array(content)) {
      switch (JsonText.text(block, "type")) {
        case "text" -> parts.add(text(block));
        case "thinking" -> {
          String signature = JsonText.text(block, "signature");
          Optional<Part.Seal> seal =
              signature.isEmpty()
                  ? Optional.empty()
                  : Optional.of(new Part.Seal(Part.Seal.Family.ANTHROPIC, signature, false));
          parts.add(new Part.Reasoning(JsonText.text(block, "thinking"), seal));
        }
        case "redacted_thinking" ->
            parts.add(
                new Part.Reasoning(
                    "",
                    Optional.of(
                        new Part.Seal(
                            Part.Seal.Family.ANTHROPIC, JsonText.text(block, "data"), true))));
        case "tool_use" -> {
          JsonNode input = block.path("input");
          parts.add(
              new Part.ToolCall(
                  JsonText.text(block, "id"),
                  JsonText.text(block, "name"),
                  input.isObject() ? JsonText.write(input) : "{}"));
        }
        default -> {
          // Other block types have no place in the common form and are dropped.
        }
      }
    }
    return parts;
  }

  private static Part.Text text(JsonNode block) {
    return new Part.Text(JsonText.text(block, "text"), block.has("cache_control"));
  }

  /** Returns a tool result: its text (a string, or text blocks) and images; nothing else. */
  private static Part.ToolResult toolResult(JsonNode block, String param) {
    JsonNode content = block.path("content");
    List<Part> parts = new ArrayList<>();
    if (content.isTextual()) {
      parts.add(Part.Text.of(content.asText()));
    }
    ArrayNode blocks = JsonText.array(content);
    for (int k = 0; k < blocks.size(); k++) {
      JsonNode inner = blocks.get(k);
      String type = JsonText.text(inner, "type");
      if (type.equals("text")) {
        parts.add(text(inner));
      } else if (type.equals("image")) {
        parts.add(image(inner, param + ".content[" + k + "]"));
      }
    }
    return new Part.ToolResult(
        JsonText.text(block, "tool_use_id"), parts, block.path("is_error").asBoolean(false));
  }

  private static Part.Image image(JsonNode block, String param) {
    JsonNode source = block.path("source");
    return switch (JsonText.text(source, "type")) {
      case "base64" ->
          new Part.Image(
              JsonText.text(source, "media_type"), JsonText.text(source, "data"), "", "");
      case "url" -> Part.Image.ofUrl(JsonText.text(source, "url"), "");
      default ->
          throw new InvalidRequestException(
              param + ".source", "only base64 and url image sources can be sent upstream");
    };
  }

  private static Part document(JsonNode block, String param) {
    JsonNode source = block.path("source");
    switch (JsonText.text(source, "type")) {
      case "text":
        return Part.Text.of(JsonText.text(source, "data"));
      case "base64":
        return new Part.Document(
            JsonText.text(source, "media_type"),
            JsonText.text(source, "data"),
            JsonText.text(block, "title"));
      default:
        throw new InvalidRequestException(
            param + ".source", "only base64 and text documents can be sent upstream");
    }
  }
}
