package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.routing.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the turns of a {@link Conversation} as Anthropic Messages {@code system} and {@code
 * messages}, keeping the ordering rules Anthropic enforces with a 400:
 *
 * <ul>
 *   <li>{@link Turn.Role#SYSTEM} turns are gathered, in order, into {@code system}: a string when
 *       there is one text without a cache breakpoint, else text blocks. Empty texts are dropped
 *       everywhere.
 *   <li>Tool-call ids are cleaned to {@code [A-Za-z0-9_-]} by one {@link ToolIds} map, the same on
 *       {@code tool_use} and {@code tool_result}. The user turn after an assistant turn with tool
 *       calls starts with their results, in the client's order; a call left without a result gets
 *       {@code {is_error:true, content:"no result"}}, in a user turn of its own when none follows;
 *       a result answering no call of the turn before is dropped. Adjacent same-role turns are
 *       merged (so the calls of adjacent assistant turns are answered together, after them), and a
 *       conversation opening with the assistant gets a {@code "Continue."} user turn first.
 *   <li>Arguments that are blank become {@code {}}; arguments that are not a JSON object are
 *       refused. A tool result of one text without a cache breakpoint is sent as a string, else as
 *       blocks; an empty one without {@code content}.
 *   <li>Images become {@code base64} or {@code url} sources, documents {@code base64} document
 *       blocks (their file name is not sent).
 *   <li>Reasoning sealed for {@link Part.Seal.Family#ANTHROPIC} becomes a {@code thinking} block
 *       with its signature, or the {@code redacted_thinking} block it came from, at the start of
 *       its assistant turn, when the request enables thinking for a Claude upstream (Anthropic
 *       refuses thinking blocks otherwise); every other reasoning part is dropped.
 *   <li>Text with a cache breakpoint gets {@code cache_control:{"type":"ephemeral"}} for a Claude
 *       upstream, in a tool result too; Anthropic takes at most 4 breakpoints, so only the last 4
 *       are kept.
 * </ul>
 *
 * <p>Holds the id map of one request. Not thread-safe; confine to the request's thread.
 */
final class MessagesHistory {
  private static final int MAX_CACHE_BREAKPOINTS = 4;

  private final ToolIds ids = new ToolIds();
  private final boolean claude;
  private final boolean sendThinking;
  private final List<ObjectNode> cacheBreakpoints = new ArrayList<>();

  /**
   * Creates the writer of one request's history.
   *
   * @param claude whether the upstream is a Claude model, which reads cache breakpoints and
   *     thinking
   * @param thinking whether the request enables thinking, so thinking blocks may be sent back
   */
  MessagesHistory(boolean claude, boolean thinking) {
    this.claude = claude;
    this.sendThinking = claude && thinking;
  }

  /**
   * Writes {@code system} and {@code messages} into a request. Call once.
   *
   * @param turns the conversation's turns
   * @param out the Anthropic request being written
   * @throws InvalidRequestException if a tool call's arguments are not a JSON object
   */
  void write(List<Turn> turns, ObjectNode out) {
    ArrayNode system = Json.MAPPER.createArrayNode();
    ArrayNode messages = Json.MAPPER.createArrayNode();
    Set<String> awaiting = new LinkedHashSet<>();
    for (Turn turn : turns) {
      switch (turn.role()) {
        case SYSTEM -> turn.parts().forEach(part -> addBlock(system, part));
        case USER -> {
          ArrayNode blocks = Json.MAPPER.createArrayNode();
          answer(turn.parts(), awaiting, blocks);
          turn.parts().stream()
              .filter(part -> !(part instanceof Part.ToolResult))
              .forEach(part -> addBlock(blocks, part));
          add(messages, "user", blocks);
        }
        case ASSISTANT -> {
          ArrayNode blocks = Json.MAPPER.createArrayNode();
          turn.parts().stream()
              .filter(Part.Reasoning.class::isInstance)
              .forEach(part -> addBlock(blocks, part));
          for (Part part : turn.parts()) {
            if (part instanceof Part.ToolCall call) {
              awaiting.add(ids.map(call.id()));
            }
            if (!(part instanceof Part.Reasoning)) {
              addBlock(blocks, part);
            }
          }
          add(messages, "assistant", blocks);
        }
      }
    }
    if (!awaiting.isEmpty()) {
      ArrayNode missing = Json.MAPPER.createArrayNode();
      answer(List.of(), awaiting, missing);
      add(messages, "user", missing);
    }
    if (!messages.isEmpty() && messages.get(0).path("role").asText().equals("assistant")) {
      ObjectNode opening = Json.MAPPER.createObjectNode().put("role", "user");
      opening.putArray("content").add(text(Part.Text.of("Continue.")));
      messages.insert(0, opening);
    }
    for (int i = 0; i < cacheBreakpoints.size() - MAX_CACHE_BREAKPOINTS; i++) {
      cacheBreakpoints.get(i).remove("cache_control");
    }
    if (system.size() == 1 && !system.get(0).has("cache_control")) {
      out.put("system", system.get(0).path("text").asText());
    } else if (!system.isEmpty()) {
      out.set("system", system);
    }
    out.set("messages", messages);
  }

  /**
   * Writes the results that answer the awaited calls, in the given order, then an error result for
   * each call still unanswered; results answering no awaited call are dropped.
   */
  private void answer(List<Part> parts, Set<String> awaiting, ArrayNode blocks) {
    for (Part part : parts) {
      if (part instanceof Part.ToolResult result && awaiting.remove(ids.map(result.callId()))) {
        blocks.add(toolResult(result));
      }
    }
    for (String id : awaiting) {
      ObjectNode missing = blocks.addObject().put("type", "tool_result");
      missing.put("tool_use_id", id).put("content", "no result").put("is_error", true);
    }
    awaiting.clear();
  }

  /** Adds a message, merged into the last one when it has the same role; drops an empty one. */
  private static void add(ArrayNode messages, String role, ArrayNode blocks) {
    if (blocks.isEmpty()) {
      return;
    }
    JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
    if (last != null && last.path("role").asText().equals(role)) {
      ((ArrayNode) last.get("content")).addAll(blocks);
    } else {
      messages.addObject().put("role", role).set("content", blocks);
    }
  }

  private void addBlock(ArrayNode blocks, Part part) {
    if (part instanceof Part.Text text) {
      if (!text.text().isEmpty()) {
        blocks.add(text(text));
      }
    } else if (part instanceof Part.Image image) {
      blocks.add(image(image));
    } else if (part instanceof Part.Document document) {
      ObjectNode block = blocks.addObject().put("type", "document");
      block
          .putObject("source")
          .put("type", "base64")
          .put("media_type", document.mediaType())
          .put("data", document.data());
    } else if (part instanceof Part.ToolCall call) {
      blocks.add(toolUse(call));
    } else if (part instanceof Part.ToolResult result) {
      blocks.add(toolResult(result));
    } else if (part instanceof Part.Reasoning reasoning
        && sendThinking
        && reasoning.sealedFor(Part.Seal.Family.ANTHROPIC)) {
      Part.Seal seal = reasoning.seal().orElseThrow();
      if (seal.redacted()) {
        blocks.addObject().put("type", "redacted_thinking").put("data", seal.value());
      } else {
        blocks
            .addObject()
            .put("type", "thinking")
            .put("thinking", reasoning.text())
            .put("signature", seal.value());
      }
    }
  }

  private ObjectNode text(Part.Text text) {
    ObjectNode block = Json.MAPPER.createObjectNode().put("type", "text").put("text", text.text());
    if (claude && text.cacheBreakpoint()) {
      block.putObject("cache_control").put("type", "ephemeral");
      cacheBreakpoints.add(block);
    }
    return block;
  }

  private static ObjectNode image(Part.Image image) {
    ObjectNode block = Json.MAPPER.createObjectNode().put("type", "image");
    if (image.inline()) {
      block
          .putObject("source")
          .put("type", "base64")
          .put("media_type", image.mediaType())
          .put("data", image.data());
    } else {
      block.putObject("source").put("type", "url").put("url", image.url());
    }
    return block;
  }

  private ObjectNode toolUse(Part.ToolCall call) {
    JsonNode input = Json.MAPPER.createObjectNode();
    if (!call.arguments().isBlank()) {
      input =
          JsonText.parse(call.arguments())
              .filter(JsonNode::isObject)
              .orElseThrow(
                  () ->
                      new InvalidRequestException(
                          "messages",
                          "the arguments of tool call '" + call.id() + "' must be a JSON object"));
    }
    ObjectNode block = Json.MAPPER.createObjectNode().put("type", "tool_use");
    block.put("id", ids.map(call.id())).put("name", call.name()).set("input", input);
    return block;
  }

  private ObjectNode toolResult(Part.ToolResult result) {
    ObjectNode block = Json.MAPPER.createObjectNode().put("type", "tool_result");
    block.put("tool_use_id", ids.map(result.callId()));
    ArrayNode content = Json.MAPPER.createArrayNode();
    result.content().forEach(part -> addBlock(content, part));
    if (content.size() == 1
        && content.get(0).path("type").asText().equals("text")
        && !content.get(0).has("cache_control")) {
      block.put("content", content.get(0).path("text").asText());
    } else if (!content.isEmpty()) {
      block.set("content", content);
    }
    if (result.error()) {
      block.put("is_error", true);
    }
    return block;
  }
}
