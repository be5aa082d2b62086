package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import java.util.UUID;

/**
 * Builds the Responses objects of one answer: the {@code response} object in each of its states and
 * its output items. Serves both the whole answer and the stream.
 *
 * <p>Ids: one random UUID per answer gives the response id {@code resp_<hex>}; item ids are {@code
 * rs_} (reasoning), {@code msg_}, {@code fc_} (function call) or {@code ctc_} (custom tool call),
 * then the same hex and a counter, so they are unique within the answer and unlikely to repeat
 * across answers. A tool call the upstream left without an id gets a {@code call_} id the same way.
 *
 * <p>Calls are named back as the client named them: a function that stands for a custom tool
 * becomes a {@code custom_tool_call} whose {@code input} is unwrapped from the arguments' {@code
 * input} string (or is the arguments themselves, when the model did not wrap it as asked); a
 * namespaced function carries its {@code namespace}; empty arguments become {@code {}}.
 *
 * <p>Holds the answer's ids, creation time, client-facing model and the request's tools. Not
 * thread-safe; confine to the request's thread.
 */
final class ResponsesItems {

  private final String hex = UUID.randomUUID().toString().replace("-", "");
  private final long createdAt;
  private final String model;
  private final ResponsesTools tools;
  private final boolean showReasoning;
  private int nextId;

  /**
   * Creates the builder for one answer.
   *
   * @param createdAt the response's creation time, in epoch seconds
   * @param model the model name the client asked for
   * @param tools the request's tools, which say how to name and unwrap the model's calls
   * @param showReasoning whether the client asked for reasoning summaries
   */
  ResponsesItems(long createdAt, String model, ResponsesTools tools, boolean showReasoning) {
    this.createdAt = createdAt;
    this.model = model;
    this.tools = tools;
    this.showReasoning = showReasoning;
  }

  /**
   * Returns a new id with the given prefix, such as {@code msg}.
   *
   * @param prefix the prefix, without the underscore
   * @return the id
   */
  String newId(String prefix) {
    return prefix + "_" + hex + "_" + nextId++;
  }

  /**
   * Returns whether the client asked for reasoning summaries.
   *
   * @return true when reasoning text goes to the client
   */
  boolean showReasoning() {
    return showReasoning;
  }

  /**
   * Returns whether a called function stands for a custom tool.
   *
   * @param name the function's name
   * @return true for a custom tool
   */
  boolean isCustom(String name) {
    return tools.tool(name).custom();
  }

  /**
   * Returns a whole answer as a {@code response}: its parts in order, adjacent text joined into one
   * message item.
   *
   * @param reply the answer
   * @return the response
   */
  ObjectNode response(Reply reply) {
    ArrayNode output = Json.MAPPER.createArrayNode();
    StringBuilder text = new StringBuilder();
    for (Part part : reply.content()) {
      if (part instanceof Part.Text piece) {
        text.append(piece.text());
        continue;
      }
      if (text.length() > 0) {
        output.add(message(newId("msg"), "completed", text.toString()));
        text.setLength(0);
      }
      if (part instanceof Part.Reasoning reasoning) {
        output.add(ResponsesReasoning.write(newId("rs"), reasoning, showReasoning));
      } else if (part instanceof Part.ToolCall call) {
        output.add(call(call));
      }
    }
    if (text.length() > 0) {
      output.add(message(newId("msg"), "completed", text.toString()));
    }
    return finished(reply.stopReason(), output, reply.usage().toResponses());
  }

  /**
   * Returns the response as it starts: {@code in_progress}, no output, no usage.
   *
   * @return the response
   */
  ObjectNode inProgress() {
    return response("in_progress", Json.MAPPER.createArrayNode(), NullNode.instance);
  }

  /**
   * Returns the finished response: {@code completed}, or {@code incomplete} with its reason.
   *
   * @param reason why the model stopped
   * @param output the output items
   * @param usage the Responses usage, or JSON null when the upstream reported none
   * @return the response
   */
  ObjectNode finished(StopReason reason, ArrayNode output, JsonNode usage) {
    ObjectNode response = response(status(reason), output, usage);
    if (reason.incomplete()) {
      response.putObject("incomplete_details").put("reason", reason.responsesIncompleteReason());
    }
    return response;
  }

  /**
   * Returns the status of a response that stopped for a reason.
   *
   * @param reason why the model stopped
   * @return {@code completed} or {@code incomplete}
   */
  static String status(StopReason reason) {
    return reason.incomplete() ? "incomplete" : "completed";
  }

  /**
   * Returns the {@code failed} response with an error and the output finished so far.
   *
   * @param code the error's code
   * @param message the error's message
   * @param output the finished output items
   * @param usage the Responses usage, or JSON null
   * @return the response
   */
  ObjectNode failed(String code, String message, ArrayNode output, JsonNode usage) {
    ObjectNode response = response("failed", output, usage);
    response.putObject("error").put("code", code).put("message", message);
    return response;
  }

  /**
   * Returns an assistant message item of one {@code output_text} part, or of none while it opens.
   *
   * @param id the item's id
   * @param status {@code in_progress} or {@code completed}
   * @param text the text; null for a message that has no part yet
   * @return the item
   */
  ObjectNode message(String id, String status, String text) {
    ObjectNode item = Json.MAPPER.createObjectNode().put("id", id).put("type", "message");
    item.put("status", status).put("role", "assistant");
    ArrayNode content = item.putArray("content");
    if (text != null) {
      content.add(textPart(text));
    }
    return item;
  }

  /**
   * Returns an {@code output_text} content part.
   *
   * @param text the text
   * @return the part
   */
  static ObjectNode textPart(String text) {
    ObjectNode part = Json.MAPPER.createObjectNode().put("type", "output_text").put("text", text);
    part.putArray("annotations");
    return part;
  }

  /**
   * Returns a finished call item with a fresh item id.
   *
   * @param call the call as the model made it
   * @return the complete item
   */
  ObjectNode call(Part.ToolCall call) {
    return call(itemId(call.name()), call, "completed");
  }

  /**
   * Returns a new item id for a call of a function: {@code ctc_} for a custom tool, else {@code
   * fc_}.
   *
   * @param name the function's name
   * @return the id
   */
  String itemId(String name) {
    return newId(isCustom(name) ? "ctc" : "fc");
  }

  /**
   * Returns a call item: a {@code function_call} or a {@code custom_tool_call}. An {@code
   * in_progress} item has empty arguments or input, as a stream opens it.
   *
   * @param id the item's id
   * @param call the call; its arguments are ignored for {@code in_progress}
   * @param status {@code in_progress} or {@code completed}
   * @return the item
   */
  ObjectNode call(String id, Part.ToolCall call, String status) {
    ResponsesTools.Tool tool = tools.tool(call.name());
    boolean done = status.equals("completed");
    String callId = call.id().isEmpty() ? newId("call") : call.id();
    ObjectNode item = Json.MAPPER.createObjectNode().put("id", id);
    if (tool.custom()) {
      item.put("type", "custom_tool_call").put("status", status).put("call_id", callId);
      item.put("name", tool.name()).put("input", done ? unwrappedInput(call.arguments()) : "");
    } else {
      String arguments = call.arguments().isBlank() ? "{}" : call.arguments();
      item.put("type", "function_call").put("status", status).put("call_id", callId);
      item.put("name", tool.name()).put("arguments", done ? arguments : "");
      tool.namespace().ifPresent(namespace -> item.put("namespace", namespace));
    }
    return item;
  }

  private ObjectNode response(String status, ArrayNode output, JsonNode usage) {
    ObjectNode response =
        Json.MAPPER.createObjectNode().put("id", "resp_" + hex).put("object", "response");
    response.put("created_at", createdAt).put("status", status);
    response.putNull("error");
    response.putNull("incomplete_details");
    response.put("model", model);
    response.set("output", output);
    response.set("usage", usage);
    return response;
  }

  /** Returns a custom tool's raw input from the arguments of the function that stands for it. */
  private static String unwrappedInput(String arguments) {
    return JsonText.parse(arguments)
        .map(node -> node.path("input"))
        .filter(JsonNode::isTextual)
        .map(JsonNode::asText)
        .orElse(arguments);
  }
}
