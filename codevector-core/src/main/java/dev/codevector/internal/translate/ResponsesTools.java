package dev.codevector.internal.translate;

import static dev.codevector.internal.translate.ResponsesJson.array;
import static dev.codevector.internal.translate.ResponsesJson.copy;
import static dev.codevector.internal.translate.ResponsesJson.object;
import static dev.codevector.internal.translate.ResponsesJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.routing.InvalidRequestException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tools of one Responses request as Chat function tools, and the way back from a Chat tool call
 * to the Responses item it stands for.
 *
 * <ul>
 *   <li>{@code function} tools pass through; Responses writes them flat, Chat nests them under
 *       {@code function}.
 *   <li>{@code custom} (freeform) tools, such as Codex's {@code apply_patch}, become a function of
 *       one string parameter, {@code input}, whose description carries the tool's grammar; calls of
 *       them are unwrapped back into {@code custom_tool_call} items.
 *   <li>{@code namespace} tools are Codex's groups of function tools (its sub-agent tools arrive as
 *       the namespace {@code multi_agent_v1}); Codex dispatches their calls by namespace and name.
 *       Each member is offered as a function under its own name, or under {@code
 *       <namespace>__<name>} when a tool already has that name, and its calls carry the {@code
 *       namespace} again.
 *   <li>Hosted tools ({@code web_search}, {@code file_search}, {@code code_interpreter}, {@code
 *       local_shell}, {@code mcp}, {@code image_generation}, and any other type) run inside
 *       OpenAI's Responses service, which a Chat upstream does not have. They are dropped, not
 *       refused: Codex offers {@code web_search} on every turn and must keep working, and the model
 *       simply does not see them.
 * </ul>
 *
 * <p>Holds the Chat tools and the maps between Chat function names and tools, built once from the
 * request and not changed afterwards. Confine to the request's thread.
 */
final class ResponsesTools {

  /** OpenAI's limit on a function name. */
  private static final int MAX_NAME_LENGTH = 64;

  /** What a Chat function stands for on the Responses side. */
  record Tool(String name, Optional<String> namespace, boolean custom) {}

  private final ArrayNode chatTools = array();
  private final Map<String, Tool> byChatName = new HashMap<>();
  private final Map<List<String>, String> namespacedChatNames = new HashMap<>();

  /**
   * Reads the request's {@code tools}.
   *
   * @param tools the request's {@code tools} array; any other node means no tools
   * @throws InvalidRequestException if a function or custom tool has no name
   */
  ResponsesTools(JsonNode tools) {
    Set<String> taken = new HashSet<>();
    for (JsonNode tool : tools) {
      String type = text(tool.path("type"));
      if (type.equals("function") || type.equals("custom")) {
        taken.add(text(tool.path("name")));
      }
    }
    for (int i = 0; i < tools.size(); i++) {
      JsonNode tool = tools.get(i);
      String param = "tools[" + i + "]";
      switch (text(tool.path("type"))) {
        case "function" -> {
          String name = name(tool, param);
          add(name, new Tool(name, Optional.empty(), false), function(name, tool));
        }
        case "custom" -> {
          String name = name(tool, param);
          add(name, new Tool(name, Optional.empty(), true), custom(name, tool));
        }
        case "namespace" -> namespace(tool, param, taken);
        default -> {
          // A hosted tool: dropped, see the class documentation.
        }
      }
    }
  }

  /** Returns the Chat {@code tools}, empty when no tool remains. */
  ArrayNode chatTools() {
    return chatTools;
  }

  /** Returns whether no tool remains for the Chat request. */
  boolean isEmpty() {
    return chatTools.isEmpty();
  }

  /**
   * Returns the Chat function name of a function named by a {@code function_call} item or a {@code
   * tool_choice}: its {@code name}, or the flattened name when it carries a known {@code
   * namespace}.
   */
  String chatName(JsonNode named) {
    String name = text(named.path("name"));
    String namespace = text(named.path("namespace"));
    return namespacedChatNames.getOrDefault(List.of(namespace, name), name);
  }

  /**
   * Returns what a Chat function called by the upstream stands for; a name the request did not
   * offer is taken as a plain function of that name.
   */
  Tool tool(String chatName) {
    return byChatName.getOrDefault(chatName, new Tool(chatName, Optional.empty(), false));
  }

  private void namespace(JsonNode namespace, String param, Set<String> taken) {
    String prefix = name(namespace, param);
    JsonNode members = namespace.path("tools");
    for (int i = 0; i < members.size(); i++) {
      JsonNode member = members.get(i);
      if (!text(member.path("type")).equals("function")) {
        continue;
      }
      String name = name(member, param + ".tools[" + i + "]");
      String chatName = taken.add(name) ? name : qualified(prefix, name);
      taken.add(chatName);
      namespacedChatNames.put(List.of(prefix, name), chatName);
      add(chatName, new Tool(name, Optional.of(prefix), false), function(chatName, member));
    }
  }

  private void add(String chatName, Tool tool, ObjectNode function) {
    byChatName.put(chatName, tool);
    ObjectNode chatTool = chatTools.addObject().put("type", "function");
    chatTool.set("function", function);
  }

  private static String name(JsonNode tool, String param) {
    String name = text(tool.path("name"));
    if (name.isEmpty()) {
      throw new InvalidRequestException(param + ".name", "the tool has no name");
    }
    return name;
  }

  /**
   * Returns {@code <namespace>__<name>}, shortened to a 55-character prefix and an 8-digit hash
   * when it would pass OpenAI's 64-character limit.
   */
  private static String qualified(String namespace, String name) {
    String full = namespace + "__" + name;
    if (full.length() <= MAX_NAME_LENGTH) {
      return full;
    }
    return full.substring(0, MAX_NAME_LENGTH - 9) + "_" + String.format("%08x", full.hashCode());
  }

  private static ObjectNode function(String chatName, JsonNode tool) {
    ObjectNode function = object().put("name", chatName);
    copy(tool, "description", function, "description");
    copy(tool, "parameters", function, "parameters");
    copy(tool, "strict", function, "strict");
    return function;
  }

  private static ObjectNode custom(String name, JsonNode tool) {
    ObjectNode parameters = object().put("type", "object");
    parameters
        .putObject("properties")
        .putObject("input")
        .put("type", "string")
        .put("description", inputDescription(tool.path("format")));
    parameters.putArray("required").add("input");
    parameters.put("additionalProperties", false);
    ObjectNode function = object().put("name", name);
    copy(tool, "description", function, "description");
    function.set("parameters", parameters);
    return function;
  }

  private static String inputDescription(JsonNode format) {
    String definition = text(format.path("definition"));
    if (text(format.path("type")).equals("grammar") && !definition.isEmpty()) {
      String syntax = text(format.path("syntax"));
      return "The tool's raw input, which must match this "
          + (syntax.isEmpty() ? "" : syntax + " ")
          + "grammar:\n"
          + definition;
    }
    return "The tool's raw input, as plain text.";
  }
}
