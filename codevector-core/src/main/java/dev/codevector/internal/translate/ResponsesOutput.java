package dev.codevector.internal.translate;

import static dev.codevector.internal.translate.ResponsesJson.array;
import static dev.codevector.internal.translate.ResponsesJson.object;
import static dev.codevector.internal.translate.ResponsesJson.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import java.util.UUID;

/**
 * Builds the Responses objects of one answer: the {@code response} object in each of its states,
 * its output items and its usage, from what a Chat upstream sent. Serves both the whole-response
 * translation and the stream.
 *
 * <p>Ids: one random UUID per answer gives the response id {@code resp_<hex>}; item ids are {@code
 * msg_}, {@code fc_} (function call) or {@code ctc_} (custom tool call), then the same hex and a
 * counter, so they are unique within the answer and unlikely to repeat across answers. A tool call
 * the upstream left without an id gets a {@code call_} id the same way.
 *
 * <p>Holds the answer's ids, creation time, client-facing model and the request's tools. Not
 * thread-safe; confine to the request's thread.
 */
final class ResponsesOutput {

  /**
   * How an answer ended, from the Chat {@code finish_reason}: {@code length} and {@code
   * content_filter} leave the response {@code incomplete}, anything else completes it.
   */
  enum Outcome {
    COMPLETED("completed", ""),
    MAX_OUTPUT_TOKENS("incomplete", "max_output_tokens"),
    CONTENT_FILTER("incomplete", "content_filter");

    private final String status;
    private final String reason;

    Outcome(String status, String reason) {
      this.status = status;
      this.reason = reason;
    }

    static Outcome of(String finishReason) {
      return switch (finishReason) {
        case "length" -> MAX_OUTPUT_TOKENS;
        case "content_filter" -> CONTENT_FILTER;
        default -> COMPLETED;
      };
    }

    /** Returns the stream event that ends a response with this outcome. */
    String event() {
      return "response." + status;
    }
  }

  private final String hex = UUID.randomUUID().toString().replace("-", "");
  private final long createdAt;
  private final String model;
  private final ResponsesTools tools;
  private int nextId;

  /**
   * Creates the builder for one answer.
   *
   * @param createdAt the response's creation time, in epoch seconds
   * @param model the model name the client asked for
   * @param tools the request's tools, which say how to name and unwrap the upstream's calls
   */
  ResponsesOutput(long createdAt, String model, ResponsesTools tools) {
    this.createdAt = createdAt;
    this.model = model;
    this.tools = tools;
  }

  /** Returns a new id with the given prefix, such as {@code msg}. */
  String newId(String prefix) {
    return prefix + "_" + hex + "_" + nextId++;
  }

  /** Returns a new item id for a call of the given Chat function. */
  String newCallItemId(String chatName) {
    return newId(isCustom(chatName) ? "ctc" : "fc");
  }

  /** Returns whether the given Chat function stands for a custom tool. */
  boolean isCustom(String chatName) {
    return tools.tool(chatName).custom();
  }

  /**
   * Returns a whole Chat completion as a Responses {@code response}: a message item when there is
   * text, then one item per tool call.
   */
  ObjectNode translate(JsonNode completion) {
    JsonNode choice = completion.path("choices").path(0);
    JsonNode message = choice.path("message");
    ArrayNode output = array();
    String text = chatText(message.path("content")) + text(message.path("refusal"));
    if (!text.isEmpty()) {
      output.add(message(newId("msg"), "completed", array().add(textPart(text))));
    }
    for (JsonNode call : message.path("tool_calls")) {
      String chatName = text(call.path("function").path("name"));
      String callId = text(call.path("id"));
      output.add(
          call(
              newCallItemId(chatName),
              callId.isEmpty() ? newId("call") : callId,
              chatName,
              text(call.path("function").path("arguments"))));
    }
    return finished(
        Outcome.of(text(choice.path("finish_reason"))), output, usage(completion.path("usage")));
  }

  /** Returns the response as it starts: {@code in_progress}, no output, no usage. */
  ObjectNode inProgress() {
    return response("in_progress", array(), NullNode.instance);
  }

  /** Returns the finished response, {@code completed} or {@code incomplete}. */
  ObjectNode finished(Outcome outcome, ArrayNode output, JsonNode usage) {
    ObjectNode response = response(outcome.status, output, usage);
    if (!outcome.reason.isEmpty()) {
      response.putObject("incomplete_details").put("reason", outcome.reason);
    }
    return response;
  }

  /** Returns the {@code failed} response with the given error and the output finished so far. */
  ObjectNode failed(String code, String message, ArrayNode output, JsonNode usage) {
    ObjectNode response = response("failed", output, usage);
    response.putObject("error").put("code", code).put("message", message);
    return response;
  }

  /** Returns an assistant message item. */
  ObjectNode message(String id, String status, ArrayNode content) {
    ObjectNode item = object().put("id", id).put("type", "message").put("status", status);
    item.put("role", "assistant").set("content", content);
    return item;
  }

  /** Returns an {@code output_text} content part. */
  static ObjectNode textPart(String text) {
    ObjectNode part = object().put("type", "output_text").put("text", text);
    part.putArray("annotations");
    return part;
  }

  /**
   * Returns a call item as it opens: a {@code function_call} with empty arguments, or a {@code
   * custom_tool_call} with empty input.
   */
  ObjectNode callInProgress(String id, String callId, String chatName) {
    return callItem(id, "in_progress", callId, chatName, "", "");
  }

  /**
   * Returns a finished call item: a {@code function_call} with the upstream's arguments (empty ones
   * as {@code {}}), or a {@code custom_tool_call} whose input is unwrapped from the arguments.
   */
  ObjectNode call(String id, String callId, String chatName, String arguments) {
    return callItem(
        id,
        "completed",
        callId,
        chatName,
        ResponsesJson.arguments(arguments),
        unwrappedInput(arguments));
  }

  /**
   * Returns Chat usage as Responses usage, or JSON null when the upstream sent none. Chat's prompt
   * tokens include the cached ones, as Responses' input tokens do.
   */
  static JsonNode usage(JsonNode chat) {
    if (!chat.isObject()) {
      return NullNode.instance;
    }
    long input = count(chat.path("prompt_tokens"), 0);
    long output = count(chat.path("completion_tokens"), 0);
    ObjectNode usage = object().put("input_tokens", input);
    usage
        .putObject("input_tokens_details")
        .put("cached_tokens", count(chat.path("prompt_tokens_details").path("cached_tokens"), 0));
    usage.put("output_tokens", output);
    usage
        .putObject("output_tokens_details")
        .put(
            "reasoning_tokens",
            count(chat.path("completion_tokens_details").path("reasoning_tokens"), 0));
    usage.put("total_tokens", count(chat.path("total_tokens"), input + output));
    return usage;
  }

  private ObjectNode callItem(
      String id, String status, String callId, String chatName, String arguments, String input) {
    ResponsesTools.Tool tool = tools.tool(chatName);
    ObjectNode item = object().put("id", id);
    if (tool.custom()) {
      item.put("type", "custom_tool_call").put("status", status);
      item.put("call_id", callId).put("name", tool.name()).put("input", input);
    } else {
      item.put("type", "function_call").put("status", status);
      item.put("call_id", callId).put("name", tool.name()).put("arguments", arguments);
      tool.namespace().ifPresent(namespace -> item.put("namespace", namespace));
    }
    return item;
  }

  private ObjectNode response(String status, ArrayNode output, JsonNode usage) {
    ObjectNode response = object().put("id", "resp_" + hex).put("object", "response");
    response.put("created_at", createdAt).put("status", status);
    response.putNull("error");
    response.putNull("incomplete_details");
    response.put("model", model);
    response.set("output", output);
    response.set("usage", usage);
    return response;
  }

  /**
   * Returns a custom tool's raw input from the arguments of the function that stands for it: the
   * {@code input} string of the JSON object, or the arguments themselves when the model did not
   * wrap the input as asked.
   */
  private static String unwrappedInput(String arguments) {
    try {
      JsonNode input = Json.MAPPER.readTree(arguments).path("input");
      if (input.isTextual()) {
        return input.asText();
      }
    } catch (JsonProcessingException notJson) {
      // The model wrote the input bare; it is the input.
    }
    return arguments;
  }

  private static String chatText(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : content) {
      text.append(text(part.path("text")));
    }
    return text.toString();
  }

  private static long count(JsonNode node, long absent) {
    return node.isNumber() ? node.asLong() : absent;
  }
}
