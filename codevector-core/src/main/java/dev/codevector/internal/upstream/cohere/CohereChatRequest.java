package dev.codevector.internal.upstream.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.routing.InvalidRequestException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;

/**
 * Converts an OpenAI Chat Completions request into the body of Cohere's {@code POST /v2/chat}.
 *
 * <ul>
 *   <li>Messages: {@code system} and {@code developer} become {@code system}; {@code user} keeps
 *       its text and {@code image_url} parts, which Cohere takes in the same shape; {@code
 *       assistant} keeps its text and its {@code tool_calls}, also the same shape, and an assistant
 *       message with neither is left out; {@code tool} keeps {@code tool_call_id} and content.
 *   <li>Tools: function tools keep their name, description and parameters; {@code strict_tools} is
 *       set when every tool is strict. {@code tool_choice} {@code required} and {@code none} become
 *       {@code REQUIRED} and {@code NONE}, {@code auto} is left out (Cohere's default); a named
 *       function, which Cohere cannot name, becomes {@code REQUIRED} with that tool alone, and
 *       {@code allowed_tools} keeps the allowed tools only.
 *   <li>Sampling: {@code max_completion_tokens} (or {@code max_tokens}) becomes {@code max_tokens};
 *       {@code temperature}, {@code seed}, {@code frequency_penalty} and {@code presence_penalty}
 *       are copied; {@code top_p} becomes {@code p}, held within Cohere's range of 0.01 to 0.99;
 *       {@code stop} becomes the list {@code stop_sequences}.
 *   <li>{@code response_format} {@code json_object} and {@code json_schema} become Cohere's {@code
 *       json_object}, with the schema when there is one; {@code text} is Cohere's default.
 *   <li>Refused with a 400: {@code n} above 1, audio output, tools other than functions, content
 *       parts other than text and images, and a named {@code tool_choice} that names no tool.
 *   <li>Dropped, having no Cohere counterpart: {@code logprobs}, {@code logit_bias}, {@code
 *       parallel_tool_calls}, {@code reasoning_effort}, {@code user}, {@code metadata}, {@code
 *       store}, {@code service_tier}, {@code stream_options} (answered by the adapter itself) and
 *       message {@code name}s.
 * </ul>
 *
 * <p>Stateless; thread-safe.
 */
final class CohereChatRequest {
  private static final BigDecimal MIN_P = new BigDecimal("0.01");
  private static final BigDecimal MAX_P = new BigDecimal("0.99");

  private CohereChatRequest() {}

  /**
   * Returns Cohere's request for an OpenAI Chat request.
   *
   * @param chat the OpenAI Chat request
   * @param model the upstream model id
   * @return the Cohere request
   * @throws InvalidRequestException if the request asks for what Cohere cannot do
   */
  static ObjectNode convert(JsonNode chat, String model) {
    if (chat.path("n").asInt(1) > 1) {
      throw new InvalidRequestException("n", "Cohere gives one choice per request; n must be 1");
    }
    if (chat.hasNonNull("audio") || hasAudioModality(chat.path("modalities"))) {
      throw new InvalidRequestException("modalities", "Cohere answers with text only");
    }
    ObjectNode out = Json.MAPPER.createObjectNode().put("model", model);
    out.set("messages", messages(chat.path("messages")));
    tools(chat, out);
    JsonNode maxTokens =
        chat.hasNonNull("max_completion_tokens")
            ? chat.get("max_completion_tokens")
            : chat.path("max_tokens");
    copyNumber(maxTokens, out, "max_tokens");
    copyNumber(chat.path("temperature"), out, "temperature");
    copyNumber(chat.path("seed"), out, "seed");
    copyNumber(chat.path("frequency_penalty"), out, "frequency_penalty");
    copyNumber(chat.path("presence_penalty"), out, "presence_penalty");
    JsonNode topP = chat.path("top_p");
    if (topP.isNumber()) {
      out.put("p", topP.decimalValue().max(MIN_P).min(MAX_P));
    }
    JsonNode stop = chat.path("stop");
    if (stop.isTextual()) {
      out.putArray("stop_sequences").add(stop.asText());
    } else if (stop.isArray() && !stop.isEmpty()) {
      out.set("stop_sequences", stop.deepCopy());
    }
    responseFormat(chat.path("response_format"), out);
    if (chat.path("stream").asBoolean(false)) {
      out.put("stream", true);
    }
    return out;
  }

  private static boolean hasAudioModality(JsonNode modalities) {
    for (JsonNode modality : modalities) {
      if (modality.asText().equals("audio")) {
        return true;
      }
    }
    return false;
  }

  private static ArrayNode messages(JsonNode messages) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      String where = "messages[" + i + "]";
      String role = message.path("role").asText("");
      switch (role) {
        case "system":
        case "developer":
          out.addObject().put("role", "system").set("content", required(message, where, false));
          break;
        case "user":
          out.addObject().put("role", "user").set("content", required(message, where, true));
          break;
        case "assistant":
          assistant(message, where, out);
          break;
        case "tool":
          JsonNode callId = message.path("tool_call_id");
          if (!callId.isTextual()) {
            throw new InvalidRequestException(
                where + ".tool_call_id", "a tool message needs the tool_call_id it answers");
          }
          ObjectNode tool =
              out.addObject().put("role", "tool").put("tool_call_id", callId.asText());
          tool.set("content", required(message, where, false));
          break;
        default:
          throw new InvalidRequestException(
              where + ".role",
              "Cohere takes system, developer, user, assistant and tool messages, not '"
                  + role
                  + "'");
      }
    }
    return out;
  }

  /** Adds an assistant message with its text and tool calls, unless it has neither. */
  private static void assistant(JsonNode message, String where, ArrayNode out) {
    JsonNode content = message.path("content");
    boolean hasText = content.isArray() ? !content.isEmpty() : !content.asText("").isEmpty();
    JsonNode calls = message.path("tool_calls");
    boolean hasCalls = calls.isArray() && !calls.isEmpty();
    if (!hasText && !hasCalls) {
      return;
    }
    ObjectNode assistant = out.addObject().put("role", "assistant");
    if (hasText) {
      assistant.set("content", content(content, where, false));
    }
    if (hasCalls) {
      assistant.set("tool_calls", CohereToolCalls.copy(calls));
    }
  }

  private static JsonNode required(JsonNode message, String where, boolean images) {
    JsonNode content = message.path("content");
    if (!content.isTextual() && !content.isArray()) {
      throw new InvalidRequestException(
          where + ".content", "content must be a string or an array of parts");
    }
    return content(content, where, images);
  }

  /** Text stays a string; parts become Cohere's text and (for users) image_url blocks. */
  private static JsonNode content(JsonNode content, String where, boolean images) {
    if (!content.isArray()) {
      return Json.MAPPER.getNodeFactory().textNode(content.asText(""));
    }
    ArrayNode blocks = Json.MAPPER.createArrayNode();
    for (int j = 0; j < content.size(); j++) {
      JsonNode part = content.get(j);
      String type = part.path("type").asText("");
      if (type.equals("text") || type.equals("refusal")) {
        blocks.addObject().put("type", "text").put("text", part.path(type).asText(""));
      } else if (type.equals("image_url") && images) {
        JsonNode image = part.path("image_url");
        ObjectNode url = blocks.addObject().put("type", "image_url").putObject("image_url");
        url.put("url", image.path("url").asText(""));
        if (image.path("detail").isTextual()) {
          url.put("detail", image.path("detail").asText());
        }
      } else {
        throw new InvalidRequestException(
            where + ".content[" + j + "]",
            "Cohere takes "
                + (images ? "text and image_url" : "text")
                + " content parts here, not '"
                + type
                + "'");
      }
    }
    return blocks;
  }

  private static void tools(JsonNode chat, ObjectNode out) {
    JsonNode tools = chat.path("tools");
    if (!tools.isArray() || tools.isEmpty()) {
      return;
    }
    JsonNode choice = chat.path("tool_choice");
    Set<String> allowed = allowedTools(choice, tools);
    ArrayNode functions = Json.MAPPER.createArrayNode();
    boolean allStrict = true;
    for (int i = 0; i < tools.size(); i++) {
      JsonNode tool = tools.get(i);
      if (!tool.path("type").asText("function").equals("function")) {
        throw new InvalidRequestException(
            "tools[" + i + "].type", "Cohere takes function tools only");
      }
      JsonNode function = tool.path("function");
      String name = function.path("name").asText("");
      if (!allowed.isEmpty() && !allowed.contains(name)) {
        continue;
      }
      ObjectNode converted = functions.addObject().put("type", "function");
      ObjectNode definition = converted.putObject("function").put("name", name);
      if (function.path("description").isTextual()) {
        definition.set("description", function.get("description"));
      }
      if (function.path("parameters").isObject()) {
        definition.set("parameters", function.get("parameters").deepCopy());
      }
      allStrict &= function.path("strict").asBoolean(false);
    }
    if (functions.isEmpty()) {
      throw new InvalidRequestException(
          "tool_choice", "tool_choice names no tool among the request's tools");
    }
    out.set("tools", functions);
    if (allStrict) {
      out.put("strict_tools", true);
    }
    String mode = choiceMode(choice);
    switch (mode) {
      case "required":
        out.put("tool_choice", "REQUIRED");
        break;
      case "none":
        out.put("tool_choice", "NONE");
        break;
      case "auto":
        break;
      default:
        throw new InvalidRequestException("tool_choice", "unknown tool_choice '" + mode + "'");
    }
  }

  /** The tools a tool_choice object restricts the request to; empty when it restricts none. */
  private static Set<String> allowedTools(JsonNode choice, JsonNode tools) {
    Set<String> names = new HashSet<>();
    switch (choice.path("type").asText("")) {
      case "function":
        names.add(choice.path("function").path("name").asText(""));
        break;
      case "allowed_tools":
        for (JsonNode tool : choice.path("allowed_tools").path("tools")) {
          names.add(tool.path("function").path("name").asText(""));
        }
        break;
      default:
        break;
    }
    return names;
  }

  /** The tool_choice's mode: a named function must be called; allowed tools keep theirs. */
  private static String choiceMode(JsonNode choice) {
    if (choice.isTextual()) {
      return choice.asText();
    }
    if (!choice.isObject()) {
      return "auto";
    }
    String type = choice.path("type").asText("");
    switch (type) {
      case "function":
        return "required";
      case "allowed_tools":
        return choice.path("allowed_tools").path("mode").asText("auto");
      default:
        return type;
    }
  }

  private static void responseFormat(JsonNode format, ObjectNode out) {
    String type = format.path("type").asText("text");
    switch (type) {
      case "text":
        break;
      case "json_object":
        out.putObject("response_format").put("type", "json_object");
        break;
      case "json_schema":
        ObjectNode json = out.putObject("response_format").put("type", "json_object");
        JsonNode schema = format.path("json_schema").path("schema");
        if (schema.isObject()) {
          json.set("json_schema", schema.deepCopy());
        }
        break;
      default:
        throw new InvalidRequestException(
            "response_format.type", "Cohere has no response_format '" + type + "'");
    }
  }

  private static void copyNumber(JsonNode value, ObjectNode out, String name) {
    if (value.isNumber()) {
      out.set(name, value.deepCopy());
    }
  }
}
