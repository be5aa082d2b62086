package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.routing.InvalidRequestException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Translates for a client that speaks Anthropic Messages (Claude Code, Anthropic SDKs) and an
 * upstream that speaks OpenAI Chat Completions, by the policy in {@code docs/translation.md}.
 *
 * <p>Request policy, where the reference leaves a choice:
 *
 * <ul>
 *   <li>Top-level {@code system} blocks and every {@code role:"system"} message inside {@code
 *       messages} (Claude Code sends these) become one leading system message, in order, joined
 *       with a blank line. User text blocks are joined the same way into a string; assistant text
 *       blocks are concatenated as they are, as the model produced them.
 *   <li>{@code cache_control}, {@code top_k}, {@code thinking}/{@code redacted_thinking} blocks,
 *       {@code citations}, server tools (versioned {@code type}), tool {@code strict} and {@code
 *       defer_loading}, and Anthropic-only fields ({@code context_management}, {@code container},
 *       {@code service_tier}, {@code output_config} other than a JSON-schema format, …) are
 *       dropped. Content blocks of other types ({@code tool_reference}, {@code search_result}, …)
 *       are dropped.
 *   <li>A {@code tool_result} becomes a {@code tool} message ahead of the user's other content;
 *       {@code is_error} prefixes its text with {@code Error: }; images inside it move into the
 *       user message that follows. PDF documents become {@code file} parts; a document by URL or
 *       file id is refused.
 *   <li>{@code stop_sequences} beyond the first four are dropped. A {@code metadata.user_id} longer
 *       than 64 characters (Claude Code's is) is sent as its SHA-256 hex.
 *   <li>Thinking maps to {@code reasoning_effort} only for OpenAI and Azure upstreams, and not for
 *       model names of known non-reasoning families ({@code gpt-3*}, {@code gpt-4*}, {@code
 *       chatgpt-*}, {@code *gpt-5-chat*}), which reject the field: an enabled budget buckets to
 *       low/medium/high; adaptive thinking takes {@code output_config.effort} (medium when absent).
 *       Elsewhere thinking is dropped, since a compatible server cannot be known to take it.
 *   <li>An {@code output_config.format} JSON schema becomes {@code response_format} {@code
 *       json_schema}, {@code strict} only when the schema meets OpenAI's strict rules (every object
 *       closed and all its properties required).
 * </ul>
 *
 * <p>Answer policy: the upstream's {@code reasoning_content} (or {@code reasoning}) becomes a
 * leading thinking block with an empty signature only when the client enabled thinking without
 * {@code display:"omitted"}; a refusal is shown as text; tool-call arguments that are empty become
 * {@code {}} and arguments that are not a JSON object become {@code {"_raw":"<arguments>"}}, so the
 * client's tool validation reports the problem to the model; a turn with tool calls that the
 * upstream finished with {@code stop} is reported as {@code tool_use}. See {@link
 * ChatChunksToMessageEvents} for the stream.
 *
 * <p>Holds the state of one request: the tool-name reverse map and whether the client wants
 * thinking. Not thread-safe; confine to the request's thread.
 */
public final class MessagesToChatTranslation implements Translation {
  private static final int MAX_STOP_SEQUENCES = 4;
  private static final int MAX_USER_LENGTH = 64;
  private static final Set<String> THINKING_ON = Set.of("enabled", "adaptive");

  private final TranslationContext context;
  private final ToolNames names = new ToolNames();
  private boolean clientWantsThinking;

  /**
   * Creates the translation of one request.
   *
   * @param context the request's route
   */
  public MessagesToChatTranslation(TranslationContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  @Override
  public ObjectNode request(ObjectNode clientRequest) {
    Objects.requireNonNull(clientRequest, "clientRequest");
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("model", context.upstreamModel());
    out.set("messages", messages(clientRequest));
    JsonNode maxTokens = clientRequest.path("max_tokens");
    if (maxTokens.isIntegralNumber()) {
      out.set(
          context.usesMaxCompletionTokens() ? "max_completion_tokens" : "max_tokens",
          maxTokens.deepCopy());
    }
    copyNumber(clientRequest, out, "temperature");
    copyNumber(clientRequest, out, "top_p");
    stop(clientRequest, out);
    if (clientRequest.path("stream").asBoolean(false)) {
      out.put("stream", true);
      out.putObject("stream_options").put("include_usage", true);
    } else if (clientRequest.has("stream")) {
      out.put("stream", false);
    }
    String userId = JsonText.text(clientRequest.path("metadata"), "user_id");
    if (!userId.isEmpty()) {
      out.put("user", userId.length() > MAX_USER_LENGTH ? Digests.sha256Hex(userId) : userId);
    }
    tools(clientRequest, out);
    reasoning(clientRequest, out);
    responseFormat(clientRequest, out);
    return out;
  }

  @Override
  public ObjectNode response(ObjectNode upstreamResponse) {
    Objects.requireNonNull(upstreamResponse, "upstreamResponse");
    JsonNode choice = upstreamResponse.path("choices").path(0);
    JsonNode message = choice.path("message");
    ObjectNode out = Json.MAPPER.createObjectNode();
    String upstreamId = JsonText.text(upstreamResponse, "id");
    out.put("id", upstreamId.isEmpty() ? ToolIds.random("msg_") : "msg_" + upstreamId);
    out.put("type", "message");
    out.put("role", "assistant");
    out.put("model", context.clientModel());
    ArrayNode content = out.putArray("content");
    String reasoning = reasoningText(message);
    if (clientWantsThinking && !reasoning.isEmpty()) {
      content.addObject().put("type", "thinking").put("thinking", reasoning).put("signature", "");
    }
    String text = assistantText(message.path("content")) + JsonText.text(message, "refusal");
    if (!text.isEmpty()) {
      content.addObject().put("type", "text").put("text", text);
    }
    ToolIds ids = new ToolIds();
    ArrayNode toolCalls = JsonText.array(message.get("tool_calls"));
    for (JsonNode call : toolCalls) {
      JsonNode function = call.path("function");
      ObjectNode block = content.addObject().put("type", "tool_use");
      block.put("id", ids.map(JsonText.text(call, "id")));
      block.put("name", names.restore(JsonText.text(function, "name")));
      block.set("input", toolInput(JsonText.text(function, "arguments")));
    }
    JsonNode finish = choice.path("finish_reason");
    out.put(
        "stop_reason",
        StopReasons.toAnthropic(finish.isTextual() ? finish.asText() : null, !toolCalls.isEmpty()));
    out.putNull("stop_sequence");
    out.set("usage", Usages.toAnthropic(upstreamResponse.path("usage")));
    return out;
  }

  @Override
  public StreamTranslator stream() {
    return new ChatChunksToMessageEvents(context.clientModel(), clientWantsThinking, names);
  }

  /**
   * Returns the reasoning text of an OpenAI-compatible message or delta: {@code reasoning_content}
   * (DeepSeek, Kimi, vLLM, SGLang) or {@code reasoning} (OpenRouter, newer vLLM).
   */
  static String reasoningText(JsonNode messageOrDelta) {
    String reasoning = JsonText.text(messageOrDelta, "reasoning_content");
    return reasoning.isEmpty() ? JsonText.text(messageOrDelta, "reasoning") : reasoning;
  }

  /**
   * Returns a tool call's arguments as the object Anthropic's {@code input} must be: empty
   * arguments are {@code {}}, and arguments that are not a JSON object are kept as text under
   * {@code _raw}.
   */
  private static ObjectNode toolInput(String arguments) {
    if (arguments.isBlank()) {
      return Json.MAPPER.createObjectNode();
    }
    Optional<JsonNode> parsed = JsonText.parse(arguments);
    if (parsed.isPresent() && parsed.get().isObject()) {
      return (ObjectNode) parsed.get();
    }
    return Json.MAPPER.createObjectNode().put("_raw", arguments);
  }

  /** Returns the text of an assistant message's content: a string, or text parts concatenated. */
  private static String assistantText(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : JsonText.array(content)) {
      text.append(JsonText.text(part, "text"));
    }
    return text.toString();
  }

  private ArrayNode messages(ObjectNode request) {
    JsonNode messages = request.get("messages");
    if (messages == null || !messages.isArray()) {
      throw new InvalidRequestException("messages", "messages must be an array");
    }
    List<String> system = new ArrayList<>();
    collectText(request.get("system"), system);
    ArrayNode conversation = Json.MAPPER.createArrayNode();
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      String param = "messages[" + i + "]";
      String role = JsonText.text(message, "role");
      JsonNode content = message.path("content");
      switch (role) {
        case "system" -> collectText(content, system);
        case "user" -> addUser(content, conversation, param);
        case "assistant" -> addAssistant(content, conversation);
        default ->
            throw new InvalidRequestException(param + ".role", "role must be user or assistant");
      }
    }
    ArrayNode out = Json.MAPPER.createArrayNode();
    if (!system.isEmpty()) {
      out.addObject().put("role", "system").put("content", String.join("\n\n", system));
    }
    return out.addAll(conversation);
  }

  /** Adds the non-empty texts of a string or of the text blocks of a block array. */
  private static void collectText(JsonNode content, List<String> sink) {
    if (content == null) {
      return;
    }
    if (content.isTextual()) {
      if (!content.asText().isEmpty()) {
        sink.add(content.asText());
      }
      return;
    }
    for (JsonNode block : JsonText.array(content)) {
      String text = JsonText.text(block, "text");
      if (JsonText.text(block, "type").equals("text") && !text.isEmpty()) {
        sink.add(text);
      }
    }
  }

  /**
   * Adds a user turn: one {@code tool} message per {@code tool_result} first, then one {@code user}
   * message with the rest (a string when it is all text).
   */
  private void addUser(JsonNode content, ArrayNode conversation, String param) {
    if (content.isTextual()) {
      conversation.addObject().put("role", "user").put("content", content.asText());
      return;
    }
    List<ObjectNode> parts = new ArrayList<>();
    ArrayNode blocks = JsonText.array(content);
    for (int j = 0; j < blocks.size(); j++) {
      JsonNode block = blocks.get(j);
      String blockParam = param + ".content[" + j + "]";
      switch (JsonText.text(block, "type")) {
        case "tool_result" -> conversation.add(toolMessage(block, parts, blockParam));
        case "text" -> addTextPart(JsonText.text(block, "text"), parts);
        case "image" -> parts.add(imagePart(block, blockParam));
        case "document" -> parts.add(documentPart(block, blockParam));
        default -> {
          // Other block types have no Chat counterpart and are dropped (class Javadoc).
        }
      }
    }
    if (parts.isEmpty()) {
      return;
    }
    ObjectNode user = conversation.addObject().put("role", "user");
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

  /** Returns the {@code tool} message for a {@code tool_result}, moving its images to parts. */
  private ObjectNode toolMessage(JsonNode result, List<ObjectNode> parts, String param) {
    JsonNode content = result.path("content");
    List<String> texts = new ArrayList<>();
    if (content.isTextual()) {
      texts.add(content.asText());
    }
    ArrayNode blocks = JsonText.array(content);
    for (int k = 0; k < blocks.size(); k++) {
      JsonNode block = blocks.get(k);
      String type = JsonText.text(block, "type");
      if (type.equals("text")) {
        texts.add(JsonText.text(block, "text"));
      } else if (type.equals("image")) {
        parts.add(imagePart(block, param + ".content[" + k + "]"));
      }
    }
    String text = String.join("\n", texts);
    if (result.path("is_error").asBoolean(false)) {
      text = "Error: " + text;
    }
    ObjectNode message = Json.MAPPER.createObjectNode().put("role", "tool");
    message.put("tool_call_id", JsonText.text(result, "tool_use_id"));
    return message.put("content", text);
  }

  private static void addTextPart(String text, List<ObjectNode> parts) {
    if (!text.isEmpty()) {
      parts.add(Json.MAPPER.createObjectNode().put("type", "text").put("text", text));
    }
  }

  private static ObjectNode imagePart(JsonNode block, String param) {
    JsonNode source = block.path("source");
    String url =
        switch (JsonText.text(source, "type")) {
          case "base64" ->
              "data:"
                  + JsonText.text(source, "media_type")
                  + ";base64,"
                  + JsonText.text(source, "data");
          case "url" -> JsonText.text(source, "url");
          default ->
              throw new InvalidRequestException(
                  param + ".source", "only base64 and url image sources can be sent upstream");
        };
    ObjectNode part = Json.MAPPER.createObjectNode().put("type", "image_url");
    part.putObject("image_url").put("url", url);
    return part;
  }

  private static ObjectNode documentPart(JsonNode block, String param) {
    JsonNode source = block.path("source");
    String type = JsonText.text(source, "type");
    if (type.equals("text")) {
      return Json.MAPPER
          .createObjectNode()
          .put("type", "text")
          .put("text", JsonText.text(source, "data"));
    }
    if (!type.equals("base64")) {
      throw new InvalidRequestException(
          param + ".source", "only base64 and text documents can be sent upstream");
    }
    String title = JsonText.text(block, "title");
    ObjectNode part = Json.MAPPER.createObjectNode().put("type", "file");
    part.putObject("file")
        .put("filename", title.isEmpty() ? "document.pdf" : title)
        .put(
            "file_data",
            "data:"
                + JsonText.text(source, "media_type")
                + ";base64,"
                + JsonText.text(source, "data"));
    return part;
  }

  /** Adds an assistant turn, skipping one left with neither text nor tool calls. */
  private void addAssistant(JsonNode content, ArrayNode conversation) {
    ObjectNode assistant = AssistantTurns.toChatMessage(content, names::shorten);
    if (!assistant.get("content").isNull() || assistant.has("tool_calls")) {
      conversation.add(assistant);
    }
  }

  private static void copyNumber(JsonNode from, ObjectNode to, String field) {
    JsonNode value = from.path(field);
    if (value.isNumber()) {
      to.set(field, value.deepCopy());
    }
  }

  private static void stop(JsonNode request, ObjectNode out) {
    ArrayNode stop = Json.MAPPER.createArrayNode();
    for (JsonNode sequence : JsonText.array(request.get("stop_sequences"))) {
      if (sequence.isTextual() && stop.size() < MAX_STOP_SEQUENCES) {
        stop.add(sequence.asText());
      }
    }
    if (!stop.isEmpty()) {
      out.set("stop", stop);
    }
  }

  /**
   * Sends the client's own tools as function tools, and {@code tool_choice} and {@code
   * parallel_tool_calls} only when at least one tool is left (OpenAI refuses them otherwise).
   */
  private void tools(JsonNode request, ObjectNode out) {
    ArrayNode tools = Json.MAPPER.createArrayNode();
    for (JsonNode tool : JsonText.array(request.get("tools"))) {
      String type = JsonText.text(tool, "type");
      if (!type.isEmpty() && !type.equals("custom")) {
        continue;
      }
      ObjectNode function = tools.addObject().put("type", "function").putObject("function");
      function.put("name", names.shorten(JsonText.text(tool, "name")));
      String description = JsonText.text(tool, "description");
      if (!description.isEmpty()) {
        function.put("description", description);
      }
      JsonNode schema = tool.path("input_schema");
      if (schema.isObject()) {
        function.set("parameters", schema.deepCopy());
      } else {
        function.putObject("parameters").put("type", "object").putObject("properties");
      }
    }
    if (tools.isEmpty()) {
      return;
    }
    out.set("tools", tools);
    JsonNode choice = request.path("tool_choice");
    switch (JsonText.text(choice, "type")) {
      case "auto" -> out.put("tool_choice", "auto");
      case "any" -> out.put("tool_choice", "required");
      case "none" -> out.put("tool_choice", "none");
      case "tool" ->
          out.putObject("tool_choice")
              .put("type", "function")
              .putObject("function")
              .put("name", names.shorten(JsonText.text(choice, "name")));
      default -> {
        // No tool_choice: OpenAI's default with tools is auto, as Anthropic's is.
      }
    }
    if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
      out.put("parallel_tool_calls", false);
    }
  }

  private void reasoning(JsonNode request, ObjectNode out) {
    JsonNode thinking = request.path("thinking");
    String type = JsonText.text(thinking, "type");
    clientWantsThinking =
        THINKING_ON.contains(type) && !JsonText.text(thinking, "display").equals("omitted");
    if (!THINKING_ON.contains(type) || !takesReasoningEffort()) {
      return;
    }
    String effort =
        type.equals("enabled")
            ? ReasoningBudgets.effortForBudget(thinking.path("budget_tokens").asLong(0))
            : ReasoningBudgets.effortForAnthropicEffort(
                JsonText.text(request.path("output_config"), "effort"));
    out.put("reasoning_effort", effort);
  }

  private boolean takesReasoningEffort() {
    String model = context.upstreamModel().toLowerCase(Locale.ROOT);
    return context.usesMaxCompletionTokens()
        && !model.startsWith("gpt-3")
        && !model.startsWith("gpt-4")
        && !model.startsWith("chatgpt-")
        && !model.contains("gpt-5-chat");
  }

  private static void responseFormat(JsonNode request, ObjectNode out) {
    JsonNode format = request.path("output_config").path("format");
    JsonNode schema = format.path("schema");
    if (!JsonText.text(format, "type").equals("json_schema") || !schema.isObject()) {
      return;
    }
    ObjectNode jsonSchema =
        out.putObject("response_format").put("type", "json_schema").putObject("json_schema");
    jsonSchema.put("name", "structured_output");
    jsonSchema.set("schema", schema.deepCopy());
    jsonSchema.put("strict", isStrictCompatible(schema));
  }

  /**
   * Returns whether a schema meets OpenAI's strict mode: every object schema with properties sets
   * {@code additionalProperties:false} and lists all its properties as required.
   */
  private static boolean isStrictCompatible(JsonNode schema) {
    if (schema.isArray()) {
      for (JsonNode element : schema) {
        if (!isStrictCompatible(element)) {
          return false;
        }
      }
      return true;
    }
    if (!schema.isObject()) {
      return true;
    }
    JsonNode properties = schema.get("properties");
    if (properties != null && properties.isObject()) {
      Set<String> required = new HashSet<>();
      JsonText.array(schema.get("required")).forEach(name -> required.add(name.asText()));
      for (Map.Entry<String, JsonNode> property : properties.properties()) {
        if (!required.contains(property.getKey())) {
          return false;
        }
      }
      if (!schema.path("additionalProperties").isBoolean()
          || schema.path("additionalProperties").asBoolean()) {
        return false;
      }
    }
    for (JsonNode child : schema) {
      if (!isStrictCompatible(child)) {
        return false;
      }
    }
    return true;
  }
}
