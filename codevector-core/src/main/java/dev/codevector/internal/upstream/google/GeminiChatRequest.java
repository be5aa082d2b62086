package dev.codevector.internal.upstream.google;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.routing.InvalidRequestException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts an OpenAI Chat Completions request into a Gemini {@code generateContent} request.
 *
 * <ul>
 *   <li>{@code system} and {@code developer} messages become {@code systemInstruction} parts, in
 *       order; user and tool messages become {@code user} turns, assistant messages {@code model}
 *       turns; consecutive turns of one role are merged, as Gemini wants (so parallel tool results
 *       answer in one turn). Empty text is left out, and so is a message left with no parts.
 *   <li>Images, audio and files must come as base64 {@code data:} URLs, which become {@code
 *       inlineData}; Gemini cannot fetch a URL for us, so any other URL is refused.
 *   <li>An assistant's {@code tool_calls} become {@code functionCall} parts with their arguments as
 *       an object (empty arguments as {@code {}}, arguments that are not a JSON object as {@code
 *       {"arguments": "<text>"}}), and with the {@code thoughtSignature} the call's id carries (see
 *       {@link GeminiToolCallIds}). A {@code tool} message becomes a {@code functionResponse} named
 *       after the call it answers, found by id; its content is the response when it is a JSON
 *       object, else it is wrapped as {@code {"result": …}}.
 *   <li>{@code temperature}, {@code top_p}, {@code max_completion_tokens} (or {@code max_tokens}),
 *       {@code stop}, {@code n}, {@code seed}, {@code presence_penalty}, {@code frequency_penalty}
 *       and {@code response_format} go into {@code generationConfig}; {@code reasoning_effort}
 *       becomes a thinking budget (none 0, minimal and low 1024, medium 2048, high 4096, xhigh
 *       8192) with the thoughts included in the answer. Tools become {@code functionDeclarations}
 *       with their parameters cleaned by {@link GeminiSchemas}; {@code tool_choice} becomes {@code
 *       toolConfig.functionCallingConfig}.
 *   <li>Other fields ({@code user}, {@code metadata}, {@code store}, {@code logit_bias}, {@code
 *       parallel_tool_calls}, {@code logprobs}, …) have no Gemini counterpart and are dropped.
 * </ul>
 *
 * <p>Stateless; thread-safe.
 */
final class GeminiChatRequest {
  private static final Pattern DATA_URL =
      Pattern.compile("data:([^;,]+)(?:;[^;,=]+=[^;,]*)*;base64,(.*)", Pattern.DOTALL);
  private static final ObjectReader WHOLE_JSON =
      Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Map<String, Integer> THINKING_BUDGETS =
      Map.of("none", 0, "minimal", 1024, "low", 1024, "medium", 2048, "high", 4096, "xhigh", 8192);

  private GeminiChatRequest() {}

  /**
   * Returns the Gemini request for a Chat request.
   *
   * @throws InvalidRequestException if the request has content Gemini cannot take, naming the
   *     parameter at fault
   */
  static ObjectNode convert(JsonNode chat) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode system = Json.MAPPER.createArrayNode();
    Turns turns = new Turns();
    Map<String, String> toolNames = new HashMap<>();
    JsonNode messages = chat.path("messages");
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      String param = "messages[" + i + "]";
      switch (message.path("role").asText("")) {
        case "system", "developer" -> system.addAll(textParts(message.path("content"), param));
        case "user" -> turns.add("user", userParts(message.path("content"), param));
        case "assistant" -> turns.add("model", assistantParts(message, param, toolNames));
        case "tool" -> turns.add("user", toolResult(message, param, toolNames));
        default ->
            throw new InvalidRequestException(
                param + ".role", "Gemini upstreams take system, user, assistant and tool messages");
      }
    }
    if (turns.contents.isEmpty()) {
      throw new InvalidRequestException(
          "messages", "the request needs at least one user or assistant message with content");
    }
    out.set("contents", turns.contents);
    if (!system.isEmpty()) {
      out.putObject("systemInstruction").set("parts", system);
    }
    ObjectNode config = generationConfig(chat);
    if (!config.isEmpty()) {
      out.set("generationConfig", config);
    }
    tools(chat, out);
    return out;
  }

  /** The contents under construction, merging consecutive turns of one role. */
  private static final class Turns {
    final ArrayNode contents = Json.MAPPER.createArrayNode();

    void add(String role, ArrayNode parts) {
      if (parts.isEmpty()) {
        return;
      }
      JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
      if (last != null && last.path("role").asText().equals(role)) {
        ((ArrayNode) last.get("parts")).addAll(parts);
      } else {
        ObjectNode turn = contents.addObject().put("role", role);
        turn.set("parts", parts);
      }
    }
  }

  private static ArrayNode textParts(JsonNode content, String param) {
    ArrayNode parts = Json.MAPPER.createArrayNode();
    if (content.isTextual()) {
      addText(parts, content.asText());
    } else if (content.isArray()) {
      for (int i = 0; i < content.size(); i++) {
        JsonNode part = content.get(i);
        String type = part.path("type").asText("");
        if (!type.equals("text") && !type.equals("refusal")) {
          throw new InvalidRequestException(
              param + ".content[" + i + "].type", "only text parts are allowed here");
        }
        addText(parts, part.path(type).asText(""));
      }
    }
    return parts;
  }

  private static ArrayNode userParts(JsonNode content, String param) {
    if (!content.isArray()) {
      return textParts(content, param);
    }
    ArrayNode parts = Json.MAPPER.createArrayNode();
    for (int i = 0; i < content.size(); i++) {
      JsonNode part = content.get(i);
      String at = param + ".content[" + i + "]";
      switch (part.path("type").asText("")) {
        case "text" -> addText(parts, part.path("text").asText(""));
        case "image_url" ->
            parts.add(inline(part.path("image_url").path("url"), at + ".image_url"));
        case "file" -> parts.add(inline(part.path("file").path("file_data"), at + ".file"));
        case "input_audio" -> {
          JsonNode audio = part.path("input_audio");
          ObjectNode data = parts.addObject().putObject("inlineData");
          data.put("mimeType", "audio/" + audio.path("format").asText("wav"));
          data.put("data", audio.path("data").asText(""));
        }
        default ->
            throw new InvalidRequestException(
                at + ".type", "Gemini upstreams take text, image_url, input_audio and file parts");
      }
    }
    return parts;
  }

  private static ObjectNode inline(JsonNode url, String param) {
    Matcher data = DATA_URL.matcher(url.asText(""));
    if (!data.matches()) {
      throw new InvalidRequestException(
          param, "Gemini upstreams take images and files only as base64 data: URLs");
    }
    ObjectNode part = Json.MAPPER.createObjectNode();
    part.putObject("inlineData").put("mimeType", data.group(1)).put("data", data.group(2));
    return part;
  }

  private static ArrayNode assistantParts(
      JsonNode message, String param, Map<String, String> toolNames) {
    ArrayNode parts = textParts(message.path("content"), param);
    JsonNode calls = message.path("tool_calls");
    for (int i = 0; i < calls.size(); i++) {
      JsonNode call = calls.get(i);
      String id = call.path("id").asText("");
      String name = call.path("function").path("name").asText("");
      if (name.isEmpty()) {
        throw new InvalidRequestException(
            param + ".tool_calls[" + i + "].function.name", "a tool call needs a function name");
      }
      toolNames.put(id, name);
      ObjectNode part = parts.addObject();
      ObjectNode functionCall = part.putObject("functionCall").put("name", name);
      functionCall.set("args", arguments(call.path("function").path("arguments").asText("")));
      GeminiToolCallIds.thoughtSignature(id)
          .ifPresent(signature -> part.put("thoughtSignature", signature));
    }
    return parts;
  }

  private static JsonNode arguments(String text) {
    if (text.isBlank()) {
      return Json.MAPPER.createObjectNode();
    }
    return parse(text)
        .filter(JsonNode::isObject)
        .orElseGet(() -> Json.MAPPER.createObjectNode().put("arguments", text));
  }

  private static ArrayNode toolResult(
      JsonNode message, String param, Map<String, String> toolNames) {
    String id = message.path("tool_call_id").asText("");
    String name = toolNames.get(id);
    if (name == null) {
      throw new InvalidRequestException(
          param + ".tool_call_id", "no earlier assistant tool call has the id '" + id + "'");
    }
    JsonNode content = message.path("content");
    String text = content.isTextual() ? content.asText() : joinedText(content);
    JsonNode value = parse(text).orElse(Json.MAPPER.getNodeFactory().textNode(text));
    ObjectNode response =
        value.isObject() ? (ObjectNode) value : Json.MAPPER.createObjectNode().set("result", value);
    ArrayNode parts = Json.MAPPER.createArrayNode();
    parts.addObject().putObject("functionResponse").put("name", name).set("response", response);
    return parts;
  }

  private static String joinedText(JsonNode content) {
    StringBuilder text = new StringBuilder();
    for (JsonNode part : content) {
      text.append(part.path("text").asText(""));
    }
    return text.toString();
  }

  private static ObjectNode generationConfig(JsonNode chat) {
    ObjectNode config = Json.MAPPER.createObjectNode();
    copyNumber(chat, "temperature", config, "temperature");
    copyNumber(chat, "top_p", config, "topP");
    copyNumber(chat, "n", config, "candidateCount");
    copyNumber(chat, "seed", config, "seed");
    copyNumber(chat, "presence_penalty", config, "presencePenalty");
    copyNumber(chat, "frequency_penalty", config, "frequencyPenalty");
    copyNumber(
        chat,
        chat.has("max_completion_tokens") ? "max_completion_tokens" : "max_tokens",
        config,
        "maxOutputTokens");
    JsonNode stop = chat.path("stop");
    if (stop.isTextual()) {
      config.putArray("stopSequences").add(stop.asText());
    } else if (stop.isArray() && !stop.isEmpty()) {
      config.set("stopSequences", stop.deepCopy());
    }
    JsonNode format = chat.path("response_format");
    switch (format.path("type").asText("")) {
      case "json_object" -> config.put("responseMimeType", "application/json");
      case "json_schema" -> {
        config.put("responseMimeType", "application/json");
        JsonNode schema = format.path("json_schema").path("schema");
        if (schema.isObject()) {
          config.set("responseSchema", GeminiSchemas.clean(schema));
        }
      }
      default -> {
        // text, or none: Gemini's default.
      }
    }
    JsonNode effort = chat.path("reasoning_effort");
    if (effort.isTextual()) {
      Integer budget = THINKING_BUDGETS.get(effort.asText());
      if (budget == null) {
        throw new InvalidRequestException(
            "reasoning_effort",
            "reasoning_effort must be none, minimal, low, medium, high or xhigh");
      }
      ObjectNode thinking = config.putObject("thinkingConfig").put("thinkingBudget", budget);
      if (budget > 0) {
        thinking.put("includeThoughts", true);
      }
    }
    return config;
  }

  private static void tools(JsonNode chat, ObjectNode out) {
    JsonNode tools = chat.path("tools");
    if (tools.isArray() && !tools.isEmpty()) {
      ArrayNode declarations = out.putArray("tools").addObject().putArray("functionDeclarations");
      for (int i = 0; i < tools.size(); i++) {
        JsonNode tool = tools.get(i);
        if (!tool.path("type").asText("function").equals("function")) {
          throw new InvalidRequestException(
              "tools[" + i + "].type", "Gemini upstreams take function tools only");
        }
        JsonNode function = tool.path("function");
        ObjectNode declaration =
            declarations.addObject().put("name", function.path("name").asText(""));
        if (function.path("description").isTextual()) {
          declaration.put("description", function.get("description").asText());
        }
        ObjectNode parameters = GeminiSchemas.clean(function.path("parameters"));
        if (!GeminiSchemas.isEmptyObject(parameters)) {
          declaration.set("parameters", parameters);
        }
      }
    }
    JsonNode choice = chat.path("tool_choice");
    if (!choice.isMissingNode() && !choice.isNull()) {
      out.putObject("toolConfig").set("functionCallingConfig", functionCallingConfig(choice));
    }
  }

  private static ObjectNode functionCallingConfig(JsonNode choice) {
    ObjectNode config = Json.MAPPER.createObjectNode();
    if (choice.isTextual()) {
      String mode =
          switch (choice.asText()) {
            case "none" -> "NONE";
            case "auto" -> "AUTO";
            case "required" -> "ANY";
            default ->
                throw new InvalidRequestException(
                    "tool_choice", "tool_choice must be none, auto, required or a function");
          };
      return config.put("mode", mode);
    }
    String name = choice.path("function").path("name").asText("");
    if (!choice.path("type").asText("").equals("function") || name.isEmpty()) {
      throw new InvalidRequestException(
          "tool_choice", "tool_choice must be none, auto, required or a function");
    }
    config.put("mode", "ANY").putArray("allowedFunctionNames").add(name);
    return config;
  }

  private static void copyNumber(JsonNode from, String field, ObjectNode to, String as) {
    JsonNode value = from.path(field);
    if (value.isNumber()) {
      to.set(as, value.deepCopy());
    }
  }

  private static void addText(ArrayNode parts, String text) {
    if (!text.isEmpty()) {
      parts.addObject().put("text", text);
    }
  }

  private static Optional<JsonNode> parse(String text) {
    try {
      return Optional.ofNullable(WHOLE_JSON.readTree(text)).filter(node -> !node.isMissingNode());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
