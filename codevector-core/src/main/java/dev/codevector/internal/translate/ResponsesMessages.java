package dev.codevector.internal.translate;

import static dev.codevector.internal.translate.ResponsesJson.array;
import static dev.codevector.internal.translate.ResponsesJson.object;
import static dev.codevector.internal.translate.ResponsesJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.codevector.routing.InvalidRequestException;
import java.util.HashSet;
import java.util.Set;

/**
 * Builds the Chat {@code messages} of one Responses request from its {@code instructions} and
 * {@code input}.
 *
 * <ul>
 *   <li>{@code instructions} become the leading system message; an {@code input} string becomes one
 *       user message.
 *   <li>{@code message} items keep their place: {@code system} and {@code developer} become system
 *       messages (text parts joined by a blank line), {@code user} messages keep text, image and
 *       file parts, and {@code assistant} messages keep their text, refusals included.
 *   <li>{@code function_call} and {@code custom_tool_call} items become {@code tool_calls} of one
 *       assistant message per run of calls, joined to the assistant text just before them; a custom
 *       call's raw input travels as the arguments {@code {"input": …}}.
 *   <li>{@code function_call_output} and {@code custom_tool_call_output} items become {@code tool}
 *       messages. Images in a tool output cannot go in a tool message, so they follow the run of
 *       tool messages as one user message. An output whose call is not in the input is dropped,
 *       since a Chat upstream rejects a tool message that answers no call.
 *   <li>{@code reasoning} items and the other items that only OpenAI's Responses service can read
 *       ({@code web_search_call}, {@code compaction} and the like) are dropped; {@code
 *       item_reference} is refused, since nothing stored can be referenced.
 * </ul>
 *
 * <p>Holds the messages built so far, the call ids seen and the assistant message that a following
 * call joins. Not thread-safe; one instance builds one request's messages.
 */
final class ResponsesMessages {

  private final ResponsesTools tools;
  private final ArrayNode messages = array();
  private final ArrayNode toolImages = array();
  private final Set<String> callIds = new HashSet<>();

  /** The assistant message the next tool call joins; null when another role came last. */
  private ObjectNode assistant;

  private ResponsesMessages(ResponsesTools tools) {
    this.tools = tools;
  }

  /**
   * Returns the Chat messages of a Responses request.
   *
   * @param request the Responses request
   * @param tools the request's tools, which name the calls in its history
   * @return the messages, never empty
   * @throws InvalidRequestException if an item or content part has no Chat counterpart, or nothing
   *     is left to send
   */
  static ArrayNode of(JsonNode request, ResponsesTools tools) {
    ResponsesMessages builder = new ResponsesMessages(tools);
    String instructions = text(request.path("instructions"));
    if (!instructions.isEmpty()) {
      builder.add(message("system", TextNode.valueOf(instructions)));
    }
    JsonNode input = request.path("input");
    if (input.isTextual()) {
      builder.add(message("user", input.deepCopy()));
    }
    for (int i = 0; i < input.size(); i++) {
      builder.item(input.get(i), "input[" + i + "]");
    }
    builder.flushToolImages();
    if (builder.messages.isEmpty()) {
      throw new InvalidRequestException("input", "the request has no input to send");
    }
    return builder.messages;
  }

  private void item(JsonNode item, String param) {
    String type = text(item.path("type"));
    switch (type.isEmpty() && item.has("role") ? "message" : type) {
      case "message" -> message(item, param);
      case "function_call" ->
          call(
              item,
              param,
              tools.chatName(item),
              ResponsesJson.arguments(text(item.path("arguments"))));
      case "custom_tool_call" ->
          call(item, param, text(item.path("name")), wrappedInput(text(item.path("input"))));
      case "function_call_output", "custom_tool_call_output" -> output(item, param);
      case "item_reference" ->
          throw new InvalidRequestException(
              param, "item references need stored responses, which this model's upstream lacks");
      default -> {
        // Reasoning and service-side items: dropped, see the class documentation.
      }
    }
  }

  private void message(JsonNode item, String param) {
    String role = item.has("role") ? text(item.path("role")) : "user";
    JsonNode content = item.path("content");
    String contentParam = param + ".content";
    switch (role) {
      case "system", "developer" ->
          add(message("system", TextNode.valueOf(contentText(content, contentParam, "\n\n"))));
      case "assistant" -> {
        String text = contentText(content, contentParam, "");
        if (!text.isEmpty()) {
          add(message("assistant", TextNode.valueOf(text)));
        }
      }
      case "user" -> add(message("user", userContent(content, contentParam)));
      default ->
          throw new InvalidRequestException(param + ".role", "unknown message role '" + role + "'");
    }
  }

  private void call(JsonNode item, String param, String name, String arguments) {
    String callId = text(item.path("call_id"));
    if (callId.isEmpty()) {
      throw new InvalidRequestException(param + ".call_id", "the tool call has no call_id");
    }
    if (assistant == null) {
      ObjectNode message = object().put("role", "assistant");
      message.putNull("content");
      add(message);
    }
    JsonNode existing = assistant.path("tool_calls");
    ArrayNode calls = existing.isArray() ? (ArrayNode) existing : assistant.putArray("tool_calls");
    ObjectNode call = calls.addObject().put("id", callId).put("type", "function");
    call.putObject("function").put("name", name).put("arguments", arguments);
    callIds.add(callId);
  }

  private void output(JsonNode item, String param) {
    String callId = text(item.path("call_id"));
    if (!callIds.contains(callId)) {
      return;
    }
    JsonNode output = item.path("output");
    StringBuilder text = new StringBuilder();
    if (output.isTextual()) {
      text.append(output.asText());
    } else if (output.isArray()) {
      for (int i = 0; i < output.size(); i++) {
        JsonNode part = output.get(i);
        if (text(part.path("type")).equals("input_image")) {
          toolImages.add(imagePart(part, param + ".output[" + i + "]"));
        } else {
          appendJoined(text, text(part.path("text")), "\n\n");
        }
      }
    } else if (!output.isMissingNode() && !output.isNull()) {
      text.append(output);
    }
    messages
        .addObject()
        .put("role", "tool")
        .put("tool_call_id", callId)
        .put("content", text.toString());
    assistant = null;
  }

  /** Adds a message of any role but {@code tool}, after the images of the tool run before it. */
  private void add(ObjectNode message) {
    flushToolImages();
    messages.add(message);
    assistant = text(message.path("role")).equals("assistant") ? message : null;
  }

  private void flushToolImages() {
    if (!toolImages.isEmpty()) {
      messages.add(message("user", toolImages.deepCopy()));
      toolImages.removeAll();
    }
  }

  private static ObjectNode message(String role, JsonNode content) {
    ObjectNode message = object().put("role", role);
    message.set("content", content);
    return message;
  }

  private static String wrappedInput(String input) {
    return object().put("input", input).toString();
  }

  /**
   * Returns the text of a system or assistant message's content, its parts joined by {@code
   * separator}; refusals count as text.
   */
  private static String contentText(JsonNode content, String param, String separator) {
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < content.size(); i++) {
      JsonNode part = content.get(i);
      switch (text(part.path("type"))) {
        case "input_text", "output_text", "text" ->
            appendJoined(text, text(part.path("text")), separator);
        case "refusal" -> appendJoined(text, text(part.path("refusal")), separator);
        default -> throw unsupportedPart(part, param + "[" + i + "]");
      }
    }
    return text.toString();
  }

  /** Returns a user message's content: a string when it is one piece of text, else Chat parts. */
  private static JsonNode userContent(JsonNode content, String param) {
    if (content.isTextual()) {
      return content.deepCopy();
    }
    ArrayNode parts = array();
    for (int i = 0; i < content.size(); i++) {
      JsonNode part = content.get(i);
      String partParam = param + "[" + i + "]";
      switch (text(part.path("type"))) {
        case "input_text", "output_text", "text" ->
            parts.addObject().put("type", "text").put("text", text(part.path("text")));
        case "input_image" -> parts.add(imagePart(part, partParam));
        case "input_file" -> parts.add(filePart(part, partParam));
        default -> throw unsupportedPart(part, partParam);
      }
    }
    if (parts.size() == 1 && text(parts.get(0).path("type")).equals("text")) {
      return parts.get(0).get("text");
    }
    return parts;
  }

  private static ObjectNode imagePart(JsonNode part, String param) {
    String url = text(part.path("image_url"));
    if (url.isEmpty()) {
      throw new InvalidRequestException(
          param, "images by file_id cannot be sent to this model's upstream; send an image_url");
    }
    ObjectNode image = object().put("url", url);
    String detail = text(part.path("detail"));
    if (detail.equals("auto") || detail.equals("low") || detail.equals("high")) {
      image.put("detail", detail);
    }
    ObjectNode chatPart = object().put("type", "image_url");
    chatPart.set("image_url", image);
    return chatPart;
  }

  private static ObjectNode filePart(JsonNode part, String param) {
    ObjectNode file = object();
    if (part.hasNonNull("file_id")) {
      ResponsesJson.copy(part, "file_id", file, "file_id");
    } else if (part.hasNonNull("file_data")) {
      ResponsesJson.copy(part, "file_data", file, "file_data");
      ResponsesJson.copy(part, "filename", file, "filename");
    } else {
      throw new InvalidRequestException(
          param, "files by URL cannot be sent to this model's upstream; send file_data or file_id");
    }
    ObjectNode chatPart = object().put("type", "file");
    chatPart.set("file", file);
    return chatPart;
  }

  private static InvalidRequestException unsupportedPart(JsonNode part, String param) {
    return new InvalidRequestException(
        param,
        "content of type '"
            + text(part.path("type"))
            + "' has no counterpart on this model's upstream");
  }

  private static void appendJoined(StringBuilder text, String piece, String separator) {
    if (text.length() > 0 && !piece.isEmpty()) {
      text.append(separator);
    }
    text.append(piece);
  }
}
