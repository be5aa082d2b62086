package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Writes the turns of a {@link Conversation} as OpenAI Chat {@code messages}.
 *
 * <ul>
 *   <li>A {@link Turn.Role#SYSTEM} turn becomes a {@code system} message of its non-empty texts
 *       joined with a blank line; a turn with no text is left out.
 *   <li>A user turn's {@link Part.ToolResult}s become {@code tool} messages ahead of its other
 *       content: their texts joined with a newline, prefixed with {@code Error: } for a failed
 *       tool. Images cannot go in a {@code tool} message, so they move into the user message that
 *       follows. The rest becomes one {@code user} message: a string of its texts joined with a
 *       blank line when it is all text, else parts ({@code image_url}, and {@code file} for
 *       documents, named {@code document.pdf} when the client gave no name).
 *   <li>An assistant turn becomes one {@code assistant} message: its texts concatenated as the
 *       model produced them ({@code null} content when there are none) and its tool calls as {@code
 *       tool_calls}, names shortened by {@link ToolNames}. Reasoning is not sent, since Chat
 *       upstreams take none back; a turn left with neither text nor tool calls is left out.
 * </ul>
 *
 * <p>Stateless; thread-safe as long as the given {@link ToolNames} is confined to one thread.
 */
final class ChatMessages {
  private static final String DEFAULT_FILENAME = "document.pdf";

  private ChatMessages() {}

  /**
   * Returns the Chat messages of the turns, in order.
   *
   * @param turns the conversation's turns
   * @param names shortens tool names and remembers them for the answer
   * @return the messages
   */
  static ArrayNode of(List<Turn> turns, ToolNames names) {
    ArrayNode messages = Json.MAPPER.createArrayNode();
    for (Turn turn : turns) {
      switch (turn.role()) {
        case SYSTEM -> addSystem(turn, messages);
        case USER -> addUser(turn, messages);
        case ASSISTANT -> addAssistant(turn, messages, names);
      }
    }
    return messages;
  }

  private static void addSystem(Turn turn, ArrayNode messages) {
    List<String> texts = new ArrayList<>();
    for (Part part : turn.parts()) {
      if (part instanceof Part.Text text && !text.text().isEmpty()) {
        texts.add(text.text());
      }
    }
    if (!texts.isEmpty()) {
      messages.addObject().put("role", "system").put("content", String.join("\n\n", texts));
    }
  }

  private static void addUser(Turn turn, ArrayNode messages) {
    List<ObjectNode> parts = new ArrayList<>();
    for (Part part : turn.parts()) {
      if (part instanceof Part.ToolResult result) {
        messages.add(toolMessage(result, parts));
      } else if (part instanceof Part.Text text) {
        parts.add(Json.MAPPER.createObjectNode().put("type", "text").put("text", text.text()));
      } else if (part instanceof Part.Image image) {
        parts.add(imagePart(image));
      } else if (part instanceof Part.Document document) {
        parts.add(filePart(document));
      }
    }
    if (parts.isEmpty()) {
      return;
    }
    ObjectNode user = messages.addObject().put("role", "user");
    List<String> texts = new ArrayList<>();
    for (ObjectNode part : parts) {
      if (part.path("type").asText().equals("text")) {
        texts.add(part.path("text").asText());
      }
    }
    if (texts.size() == parts.size()) {
      user.put("content", String.join("\n\n", texts));
    } else {
      user.putArray("content").addAll(parts);
    }
  }

  /** Returns the {@code tool} message of a result, moving its images to the user's parts. */
  private static ObjectNode toolMessage(Part.ToolResult result, List<ObjectNode> parts) {
    List<String> texts = new ArrayList<>();
    for (Part part : result.content()) {
      if (part instanceof Part.Text text) {
        texts.add(text.text());
      } else if (part instanceof Part.Image image) {
        parts.add(imagePart(image));
      }
    }
    String text = String.join("\n", texts);
    ObjectNode message = Json.MAPPER.createObjectNode().put("role", "tool");
    message.put("tool_call_id", result.callId());
    return message.put("content", result.error() ? "Error: " + text : text);
  }

  private static ObjectNode imagePart(Part.Image image) {
    ObjectNode part = Json.MAPPER.createObjectNode().put("type", "image_url");
    ObjectNode url = part.putObject("image_url").put("url", image.asUrl());
    if (!image.detail().isEmpty()) {
      url.put("detail", image.detail());
    }
    return part;
  }

  private static ObjectNode filePart(Part.Document document) {
    ObjectNode part = Json.MAPPER.createObjectNode().put("type", "file");
    part.putObject("file")
        .put("filename", document.filename().isEmpty() ? DEFAULT_FILENAME : document.filename())
        .put("file_data", "data:" + document.mediaType() + ";base64," + document.data());
    return part;
  }

  private static void addAssistant(Turn turn, ArrayNode messages, ToolNames names) {
    ObjectNode message = assistant(turn.parts(), names::shorten, false);
    if (message.path("content").isNull() && !message.has("tool_calls")) {
      return;
    }
    messages.add(message);
  }

  /**
   * Returns an assistant message: its text as {@code content} ({@code null} when there is none),
   * its reasoning text as {@code reasoning_content} when asked for and present, and its tool calls
   * as {@code tool_calls}.
   *
   * @param parts the parts of the assistant's turn or answer
   * @param toolName the name a tool goes by in the message
   * @param withReasoning whether reasoning text goes in the message
   * @return the message
   */
  static ObjectNode assistant(
      List<Part> parts, UnaryOperator<String> toolName, boolean withReasoning) {
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    ArrayNode toolCalls = Json.MAPPER.createArrayNode();
    for (Part part : parts) {
      if (part instanceof Part.Text textPart) {
        text.append(textPart.text());
      } else if (part instanceof Part.Reasoning reasoningPart) {
        reasoning.append(reasoningPart.text());
      } else if (part instanceof Part.ToolCall call) {
        ObjectNode chatCall = toolCalls.addObject().put("id", call.id()).put("type", "function");
        chatCall
            .putObject("function")
            .put("name", toolName.apply(call.name()))
            .put("arguments", call.arguments());
      }
    }
    ObjectNode message = Json.MAPPER.createObjectNode().put("role", "assistant");
    if (text.length() == 0) {
      message.putNull("content");
    } else {
      message.put("content", text.toString());
    }
    if (withReasoning && reasoning.length() > 0) {
      message.put("reasoning_content", reasoning.toString());
    }
    if (!toolCalls.isEmpty()) {
      message.set("tool_calls", toolCalls);
    }
    return message;
  }
}
