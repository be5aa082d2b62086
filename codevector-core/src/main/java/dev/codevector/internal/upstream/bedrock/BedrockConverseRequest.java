package dev.codevector.internal.upstream.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.routing.InvalidRequestException;
import java.util.Map;

/**
 * Builds a Converse request from an Anthropic Messages request in regular shape ({@link
 * dev.codevector.internal.translate.Translations#normalize}), which already is what Converse needs
 * too: content as blocks, tool-call ids cleaned to {@code [A-Za-z0-9_-]}, tool results first in one
 * user turn, calls left without a result answered, same-role turns merged. This class maps the
 * shapes:
 *
 * <ul>
 *   <li>{@code system} → {@code system[{text}]}; text blocks → {@code {text}}; base64 images →
 *       {@code {image:{format,source:{bytes}}}}; PDF documents → {@code
 *       {document:{format:"pdf",name,source:{bytes}}}}, named {@code document-1}, {@code
 *       document-2}…; {@code tool_use} → {@code {toolUse:{toolUseId,name,input}}}; {@code
 *       tool_result} → {@code {toolResult:{toolUseId,content:[{text}],status}}}. Images by URL are
 *       refused: Converse takes image bytes only.
 *   <li>{@code max_tokens}, {@code temperature}, {@code top_p} and {@code stop_sequences} → {@code
 *       inferenceConfig}.
 *   <li>{@code tools} → {@code toolConfig.tools[{toolSpec:{name,description,inputSchema:{json}}}]};
 *       tool choice auto, any and tool → {@code {auto:{}}}, {@code {any:{}}}, {@code
 *       {tool:{name}}}. Tool choice none leaves the tools out, unless the conversation holds tool
 *       calls or results, which Converse refuses without a {@code toolConfig}: then the tools go
 *       without a choice.
 *   <li>Thinking, metadata and output configuration have no Converse counterpart for these models
 *       and are left out.
 * </ul>
 *
 * <p>Not thread-safe; one instance builds one request.
 */
final class BedrockConverseRequest {
  private static final Map<String, String> IMAGE_FORMATS =
      Map.of("image/jpeg", "jpeg", "image/png", "png", "image/gif", "gif", "image/webp", "webp");

  private int documents;

  private BedrockConverseRequest() {}

  /**
   * Returns the Converse request.
   *
   * @param messages the Anthropic Messages request, in regular shape
   * @throws InvalidRequestException if the request holds an image by URL
   */
  static ObjectNode of(JsonNode messages) {
    BedrockConverseRequest builder = new BedrockConverseRequest();
    ObjectNode converse = Json.MAPPER.createObjectNode();
    ArrayNode conversation = converse.putArray("messages");
    boolean usesTools = false;
    for (JsonNode message : messages.path("messages")) {
      ArrayNode content =
          conversation.addObject().put("role", message.path("role").asText()).putArray("content");
      for (JsonNode block : message.path("content")) {
        String type = block.path("type").asText();
        usesTools |= type.equals("tool_use") || type.equals("tool_result");
        content.add(builder.block(block));
      }
    }
    JsonNode system = messages.path("system");
    if (system.isTextual()) {
      converse.putArray("system").addObject().put("text", system.asText());
    } else if (system.isArray()) {
      ArrayNode texts = converse.putArray("system");
      system.forEach(block -> texts.addObject().put("text", block.path("text").asText()));
    }
    ObjectNode inference = Json.MAPPER.createObjectNode();
    copy(messages, "max_tokens", inference, "maxTokens");
    copy(messages, "temperature", inference, "temperature");
    copy(messages, "top_p", inference, "topP");
    copy(messages, "stop_sequences", inference, "stopSequences");
    if (!inference.isEmpty()) {
      converse.set("inferenceConfig", inference);
    }
    toolConfig(messages, usesTools, converse);
    return converse;
  }

  private ObjectNode block(JsonNode block) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    switch (block.path("type").asText()) {
      case "text" -> out.put("text", block.path("text").asText());
      case "image" -> {
        JsonNode source = block.path("source");
        if (!source.path("type").asText().equals("base64")) {
          throw new InvalidRequestException(
              "messages", "images must be base64 data URLs for this model's upstream");
        }
        ObjectNode image = out.putObject("image");
        image.put("format", IMAGE_FORMATS.get(source.path("media_type").asText()));
        image.putObject("source").put("bytes", source.path("data").asText());
      }
      case "document" -> {
        ObjectNode document = out.putObject("document").put("format", "pdf");
        document.put("name", "document-" + ++documents);
        document.putObject("source").put("bytes", block.path("source").path("data").asText());
      }
      case "tool_use" ->
          out.putObject("toolUse")
              .put("toolUseId", block.path("id").asText())
              .put("name", block.path("name").asText())
              .set("input", block.path("input"));
      case "tool_result" -> {
        ObjectNode result = out.putObject("toolResult");
        result.put("toolUseId", block.path("tool_use_id").asText());
        ArrayNode content = result.putArray("content");
        JsonNode given = block.path("content");
        if (given.isTextual()) {
          content.addObject().put("text", given.asText());
        }
        for (JsonNode text : given.isArray() ? given : Json.MAPPER.createArrayNode()) {
          content.addObject().put("text", text.path("text").asText());
        }
        if (block.path("is_error").asBoolean(false)) {
          result.put("status", "error");
        }
      }
      default ->
          throw new IllegalStateException(
              "the Chat translation made an unexpected block " + block.path("type"));
    }
    return out;
  }

  private static void toolConfig(JsonNode messages, boolean usesTools, ObjectNode converse) {
    JsonNode tools = messages.path("tools");
    String choice = messages.path("tool_choice").path("type").asText("auto");
    if (!tools.isArray() || tools.isEmpty() || (choice.equals("none") && !usesTools)) {
      return;
    }
    ObjectNode config = converse.putObject("toolConfig");
    ArrayNode specs = config.putArray("tools");
    for (JsonNode tool : tools) {
      ObjectNode spec = specs.addObject().putObject("toolSpec");
      spec.put("name", tool.path("name").asText());
      if (tool.hasNonNull("description")) {
        spec.put("description", tool.path("description").asText());
      }
      spec.putObject("inputSchema").set("json", tool.path("input_schema"));
    }
    switch (choice) {
      case "any" -> config.putObject("toolChoice").putObject("any");
      case "tool" ->
          config
              .putObject("toolChoice")
              .putObject("tool")
              .put("name", messages.path("tool_choice").path("name").asText());
      case "none" -> {
        // Converse has no "none"; the tools are sent only because the history needs them.
      }
      default -> config.putObject("toolChoice").putObject("auto");
    }
  }

  private static void copy(JsonNode from, String name, ObjectNode to, String converseName) {
    JsonNode value = from.path(name);
    if (!value.isMissingNode() && !value.isNull()) {
      to.set(converseName, value);
    }
  }
}
