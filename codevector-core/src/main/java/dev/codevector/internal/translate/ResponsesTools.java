package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.routing.InvalidRequestException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tools of one Responses request as plain function {@link ToolSpec}s, and the way back from a
 * called function to the Responses item it stands for.
 *
 * <ul>
 *   <li>{@code function} tools pass through, with their {@code strict} flag; one without {@code
 *       parameters} takes an empty object schema.
 *   <li>{@code custom} (freeform) tools, such as Codex's {@code apply_patch}, become a function of
 *       one string parameter, {@code input}, whose description carries the tool's grammar; calls of
 *       them are unwrapped back into {@code custom_tool_call} items.
 *   <li>{@code namespace} tools are Codex's groups of function tools (its sub-agent tools arrive as
 *       the namespace {@code multi_agent_v1}); Codex dispatches their calls by namespace and name.
 *       Each member is offered as a function under its own name, or under {@code
 *       <namespace>__<name>} when a tool already has that name (an upstream codec shortens it if
 *       its dialect needs that), and its calls carry the {@code namespace} again.
 *   <li>Hosted tools ({@code web_search}, {@code file_search}, {@code code_interpreter}, {@code
 *       local_shell}, {@code mcp}, {@code image_generation}, and any other type) run inside
 *       OpenAI's Responses service, which no upstream CodeVector translates to has. They are
 *       dropped, not refused: Codex offers {@code web_search} on every turn and must keep working,
 *       and the model simply does not see them.
 * </ul>
 *
 * <p>Holds the tools and the map from function names back to Responses tools, built once from the
 * request and not changed afterwards. Not thread-safe; confine to the request's thread.
 */
final class ResponsesTools {

  /**
   * What a function offered upstream stands for on the Responses side.
   *
   * @param name the tool's Responses name
   * @param namespace the namespace it belongs to, if any
   * @param custom whether it is a freeform tool whose input is wrapped as {@code {"input": …}}
   */
  record Tool(String name, Optional<String> namespace, boolean custom) {}

  private final List<ToolSpec> specs = new ArrayList<>();
  private final Map<String, Tool> bySpecName = new HashMap<>();
  private final Map<List<String>, String> namespacedSpecNames = new HashMap<>();

  /**
   * Reads the request's {@code tools}.
   *
   * @param tools the request's {@code tools} array; any other node means no tools
   * @throws InvalidRequestException if a function or custom tool has no name
   */
  ResponsesTools(JsonNode tools) {
    JsonNode list = JsonText.array(tools);
    Set<String> taken = new HashSet<>();
    for (JsonNode tool : list) {
      String type = JsonText.text(tool, "type");
      if (type.equals("function") || type.equals("custom")) {
        taken.add(JsonText.text(tool, "name"));
      }
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode tool = list.get(i);
      String param = "tools[" + i + "]";
      switch (JsonText.text(tool, "type")) {
        case "function" -> {
          String name = name(tool, param);
          add(new Tool(name, Optional.empty(), false), function(name, tool));
        }
        case "custom" -> {
          String name = name(tool, param);
          add(new Tool(name, Optional.empty(), true), custom(name, tool));
        }
        case "namespace" -> namespace(tool, param, taken);
        default -> {
          // A hosted tool: dropped, see the class documentation.
        }
      }
    }
  }

  /**
   * Returns the tools to offer the model.
   *
   * @return the function tools, in the request's order; empty when no tool remains
   */
  List<ToolSpec> specs() {
    return List.copyOf(specs);
  }

  /**
   * Returns the function name of a tool named by a {@code function_call} item or a {@code
   * tool_choice}: its {@code name}, or the flattened name when it carries a known {@code
   * namespace}.
   *
   * @param named the item or choice, with {@code name} and maybe {@code namespace}
   * @return the function name
   */
  String specName(JsonNode named) {
    String name = JsonText.text(named, "name");
    String namespace = JsonText.text(named, "namespace");
    return namespacedSpecNames.getOrDefault(List.of(namespace, name), name);
  }

  /**
   * Returns what a function the model called stands for; a name the request did not offer is taken
   * as a plain function of that name.
   *
   * @param specName the called function's name
   * @return the Responses tool
   */
  Tool tool(String specName) {
    return bySpecName.getOrDefault(specName, new Tool(specName, Optional.empty(), false));
  }

  private void namespace(JsonNode namespace, String param, Set<String> taken) {
    String prefix = name(namespace, param);
    JsonNode members = namespace.path("tools");
    for (int i = 0; i < members.size(); i++) {
      JsonNode member = members.get(i);
      if (!JsonText.text(member, "type").equals("function")) {
        continue;
      }
      String name = name(member, param + ".tools[" + i + "]");
      String specName = taken.add(name) ? name : prefix + "__" + name;
      taken.add(specName);
      namespacedSpecNames.put(List.of(prefix, name), specName);
      add(new Tool(name, Optional.of(prefix), false), function(specName, member));
    }
  }

  private void add(Tool tool, ToolSpec spec) {
    bySpecName.put(spec.name(), tool);
    specs.add(spec);
  }

  private static String name(JsonNode tool, String param) {
    String name = JsonText.text(tool, "name");
    if (name.isEmpty()) {
      throw new InvalidRequestException(param + ".name", "the tool has no name");
    }
    return name;
  }

  private static ToolSpec function(String specName, JsonNode tool) {
    return ToolSpec.read(
        specName, JsonText.text(tool, "description"), tool.path("parameters"), tool.path("strict"));
  }

  private static ToolSpec custom(String name, JsonNode tool) {
    ObjectNode parameters = Json.MAPPER.createObjectNode().put("type", "object");
    parameters
        .putObject("properties")
        .putObject("input")
        .put("type", "string")
        .put("description", inputDescription(tool.path("format")));
    parameters.putArray("required").add("input");
    parameters.put("additionalProperties", false);
    return new ToolSpec(name, JsonText.text(tool, "description"), parameters, Optional.empty());
  }

  private static String inputDescription(JsonNode format) {
    String definition = JsonText.text(format, "definition");
    if (JsonText.text(format, "type").equals("grammar") && !definition.isEmpty()) {
      String syntax = JsonText.text(format, "syntax");
      return "The tool's raw input, which must match this "
          + (syntax.isEmpty() ? "" : syntax + " ")
          + "grammar:\n"
          + definition;
    }
    return "The tool's raw input, as plain text.";
  }
}
