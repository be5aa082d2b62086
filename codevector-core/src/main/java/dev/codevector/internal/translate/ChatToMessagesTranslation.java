package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.routing.InvalidRequestException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Translates for a client that speaks OpenAI Chat Completions (OpenAI SDKs) and an upstream that
 * speaks Anthropic Messages, by the policy in {@code docs/translation.md}.
 *
 * <p>Request policy, where the reference leaves a choice:
 *
 * <ul>
 *   <li>All system and developer messages are hoisted, in order, into {@code system}: a string when
 *       there is one text, else text blocks. Empty texts are dropped everywhere.
 *   <li>Tool-call ids are cleaned to {@code [A-Za-z0-9_-]} by one {@link ToolIds} map, the same on
 *       {@code tool_use} and {@code tool_result}. A run of {@code tool} messages becomes one user
 *       message of {@code tool_result} blocks, followed by the blocks of the next user message; a
 *       call left without a result gets {@code {is_error:true, content:"no result"}}; a {@code
 *       tool} message answering no pending call is dropped. Adjacent same-role turns are merged,
 *       and a conversation opening with the assistant gets a {@code "Continue."} user turn first.
 *   <li>Arguments that are empty become {@code {}}; arguments that are not a JSON object are
 *       refused, naming the parameter. Images by data URL (JPEG, PNG, GIF, WebP only) or http(s)
 *       URL and PDF {@code file} parts by {@code file_data} are sent; audio input, file ids, other
 *       image types and unknown part types are refused.
 *   <li>{@code max_tokens} is {@code max_completion_tokens}, else {@code max_tokens}, else the
 *       model's output limit, else 4096. {@code temperature} is clamped to 1. {@code n > 1}, audio
 *       output ({@code modalities}, {@code audio}), {@code prediction}, {@code web_search_options},
 *       legacy {@code functions} and custom tools are refused; {@code logprobs} is dropped and the
 *       answer says {@code logprobs:null}; {@code seed}, penalties, {@code logit_bias}, {@code
 *       store}, {@code metadata}, {@code service_tier} and similar are dropped.
 *   <li>{@code tool_choice} {@code allowed_tools} keeps only its mode (required → any, else auto).
 *       {@code parallel_tool_calls:false} sets {@code disable_parallel_tool_use} on the tool
 *       choice. Without tools, neither is sent.
 *   <li>{@code reasoning_effort} becomes thinking with a budget (low 1024, medium 2048, high 4096,
 *       xhigh 8192; minimal counts as low, none as off); {@code max_tokens} is raised by the budget
 *       when it does not exceed it; temperature and top_p are dropped and a forced tool choice
 *       becomes auto. OpenAI clients do not send thinking blocks back, and Anthropic refuses a
 *       thinking request whose last assistant turn used tools without them, so thinking is left off
 *       for such a turn.
 *   <li>{@code response_format} {@code json_schema} becomes {@code output_config.format}, which
 *       current Claude models honour natively; {@code json_object} and {@code text} are dropped.
 *   <li>{@code user} (else {@code safety_identifier}) becomes {@code metadata.user_id}, cleaned to
 *       {@code [A-Za-z0-9_-]} and hashed with SHA-256 when longer than 256 characters.
 * </ul>
 *
 * <p>Answer policy: text blocks are concatenated into {@code content} ({@code null} when there is
 * none), thinking and other block types are dropped, and error types in the stream keep Anthropic's
 * names. See {@link MessageEventsToChatChunks} for the stream.
 *
 * <p>Holds the state of one request: whether the client asked for stream usage. Not thread-safe;
 * confine to the request's thread.
 */
public final class ChatToMessagesTranslation implements Translation {
  private static final int DEFAULT_MAX_TOKENS = 4096;
  private static final int MAX_USER_ID_LENGTH = 256;
  private static final Pattern NOT_ID_CHARACTER = Pattern.compile("[^A-Za-z0-9_-]");
  private static final Pattern DATA_URL =
      Pattern.compile("data:([^;,]+);base64,(.*)", Pattern.DOTALL);
  private static final Set<String> IMAGE_TYPES =
      Set.of("image/jpeg", "image/png", "image/gif", "image/webp");
  private static final List<String> REFUSED =
      List.of("audio", "prediction", "web_search_options", "functions", "function_call");

  private final TranslationContext context;
  private final long created;
  private final ToolIds ids = new ToolIds();
  private boolean includeUsage;

  /**
   * Creates the translation of one request.
   *
   * @param context the request's route
   * @param created the {@code created} time of the answer, in epoch seconds; core does not read the
   *     clock, so the caller passes it
   */
  public ChatToMessagesTranslation(TranslationContext context, long created) {
    this.context = Objects.requireNonNull(context, "context");
    this.created = created;
  }

  @Override
  public ObjectNode request(ObjectNode clientRequest) {
    Objects.requireNonNull(clientRequest, "clientRequest");
    refuseInexpressible(clientRequest);
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("model", context.upstreamModel());
    List<ObjectNode> system = new ArrayList<>();
    Conversation conversation = conversation(clientRequest, system);
    if (system.size() == 1) {
      out.put("system", system.get(0).path("text").asText());
    } else if (!system.isEmpty()) {
      out.putArray("system").addAll(system);
    }
    out.set("messages", conversation.messages);
    long maxTokens =
        integer(clientRequest, "max_completion_tokens")
            .or(() -> integer(clientRequest, "max_tokens"))
            .orElse((long) context.maxOutputTokens().orElse(DEFAULT_MAX_TOKENS));
    out.put("max_tokens", maxTokens);
    JsonNode temperature = clientRequest.path("temperature");
    if (temperature.isNumber()) {
      out.set(
          "temperature",
          temperature.decimalValue().compareTo(BigDecimal.ONE) > 0
              ? DecimalNode.valueOf(BigDecimal.ONE)
              : temperature.deepCopy());
    }
    if (clientRequest.path("top_p").isNumber()) {
      out.set("top_p", clientRequest.get("top_p").deepCopy());
    }
    stop(clientRequest, out);
    if (clientRequest.path("stream").isBoolean()) {
      out.put("stream", clientRequest.get("stream").asBoolean());
    }
    includeUsage = clientRequest.path("stream_options").path("include_usage").asBoolean(false);
    tools(clientRequest, out);
    thinking(clientRequest, out, maxTokens, conversation.lastAssistantUsesTools());
    String user = JsonText.text(clientRequest, "user");
    if (user.isEmpty()) {
      user = JsonText.text(clientRequest, "safety_identifier");
    }
    if (!user.isEmpty()) {
      String clean = NOT_ID_CHARACTER.matcher(user).replaceAll("_");
      out.putObject("metadata")
          .put("user_id", clean.length() > MAX_USER_ID_LENGTH ? Digests.sha256Hex(user) : clean);
    }
    JsonNode format = clientRequest.path("response_format");
    if (JsonText.text(format, "type").equals("json_schema")
        && format.path("json_schema").path("schema").isObject()) {
      out.putObject("output_config")
          .putObject("format")
          .put("type", "json_schema")
          .set("schema", format.path("json_schema").path("schema").deepCopy());
    }
    return out;
  }

  @Override
  public ObjectNode response(ObjectNode upstreamResponse) {
    Objects.requireNonNull(upstreamResponse, "upstreamResponse");
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("id", chatId(JsonText.text(upstreamResponse, "id")));
    out.put("object", "chat.completion");
    out.put("created", created);
    out.put("model", context.clientModel());
    ObjectNode choice = out.putArray("choices").addObject().put("index", 0);
    ObjectNode message =
        AssistantTurns.toChatMessage(upstreamResponse.path("content"), UnaryOperator.identity());
    choice.set("message", message.putNull("refusal"));
    choice.putNull("logprobs");
    JsonNode stopReason = upstreamResponse.path("stop_reason");
    choice.put(
        "finish_reason", StopReasons.toOpenAi(stopReason.isTextual() ? stopReason.asText() : null));
    out.set("usage", Usages.toOpenAi(upstreamResponse.path("usage")));
    return out;
  }

  @Override
  public StreamTranslator stream() {
    return new MessageEventsToChatChunks(context.clientModel(), created, includeUsage);
  }

  /** Returns the client-facing completion id for an Anthropic message id. */
  static String chatId(String messageId) {
    return messageId.isEmpty() ? ToolIds.random("chatcmpl-") : "chatcmpl-" + messageId;
  }

  private static void refuseInexpressible(JsonNode request) {
    if (request.path("n").asInt(1) > 1) {
      throw new InvalidRequestException("n", "n > 1 is not supported by this model's upstream");
    }
    for (JsonNode modality : JsonText.array(request.get("modalities"))) {
      if (!modality.asText().equals("text")) {
        throw new InvalidRequestException(
            "modalities", "only text output is supported by this model's upstream");
      }
    }
    for (String field : REFUSED) {
      JsonNode value = request.get(field);
      if (value != null && !value.isNull()) {
        throw new InvalidRequestException(
            field, field + " is not supported by this model's upstream");
      }
    }
  }

  private static Optional<Long> integer(JsonNode request, String field) {
    JsonNode value = request.path(field);
    return value.isIntegralNumber() ? Optional.of(value.asLong()) : Optional.empty();
  }

  private Conversation conversation(JsonNode request, List<ObjectNode> system) {
    JsonNode messages = request.get("messages");
    if (messages == null || !messages.isArray()) {
      throw new InvalidRequestException("messages", "messages must be an array");
    }
    Conversation conversation = new Conversation();
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      String param = "messages[" + i + "]";
      JsonNode content = message.path("content");
      switch (JsonText.text(message, "role")) {
        case "system", "developer" -> system.addAll(textBlocks(content));
        case "user" -> conversation.add("user", userBlocks(content, param));
        case "assistant" -> {
          List<ObjectNode> blocks = textBlocks(content);
          List<String> called = new ArrayList<>();
          ArrayNode calls = JsonText.array(message.get("tool_calls"));
          for (int j = 0; j < calls.size(); j++) {
            ObjectNode toolUse = toolUse(calls.get(j), param + ".tool_calls[" + j + "]");
            called.add(toolUse.path("id").asText());
            blocks.add(toolUse);
          }
          conversation.add("assistant", blocks);
          conversation.awaiting.addAll(called);
        }
        case "tool" -> conversation.answer(toolResult(message));
        default ->
            throw new InvalidRequestException(
                param + ".role", "role must be system, developer, user, assistant or tool");
      }
    }
    conversation.answerMissing();
    if (!conversation.messages.isEmpty()
        && conversation.messages.get(0).path("role").asText().equals("assistant")) {
      ObjectNode opening = Json.MAPPER.createObjectNode().put("role", "user");
      opening.putArray("content").add(text("Continue."));
      conversation.messages.insert(0, opening);
    }
    return conversation;
  }

  /**
   * The Anthropic conversation being built: turns merged by role, and the ids of the latest
   * assistant turn's tool calls that still wait for their result.
   */
  private static final class Conversation {
    final ArrayNode messages = Json.MAPPER.createArrayNode();
    final Set<String> awaiting = new LinkedHashSet<>();

    /** Adds a turn, first answering calls left without a result; merges with a same-role turn. */
    void add(String role, List<ObjectNode> blocks) {
      answerMissing();
      if (blocks.isEmpty()) {
        return;
      }
      JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
      if (last != null && last.path("role").asText().equals(role)) {
        ((ArrayNode) last.get("content")).addAll(blocks);
      } else {
        messages.addObject().put("role", role).putArray("content").addAll(blocks);
      }
    }

    /** Adds a tool result to the user turn after the assistant's calls, or drops an orphan. */
    void answer(ObjectNode result) {
      if (!awaiting.remove(result.path("tool_use_id").asText())) {
        return;
      }
      JsonNode last = messages.get(messages.size() - 1);
      if (last.path("role").asText().equals("user")) {
        ((ArrayNode) last.get("content")).add(result);
      } else {
        messages.addObject().put("role", "user").putArray("content").add(result);
      }
    }

    /** Answers every call still waiting with an error result, so the turn order stays valid. */
    void answerMissing() {
      List<String> missing = new ArrayList<>(awaiting);
      for (String id : missing) {
        ObjectNode result = Json.MAPPER.createObjectNode().put("type", "tool_result");
        result.put("tool_use_id", id).put("content", "no result").put("is_error", true);
        answer(result);
      }
    }

    boolean lastAssistantUsesTools() {
      for (int i = messages.size() - 1; i >= 0; i--) {
        JsonNode message = messages.get(i);
        if (message.path("role").asText().equals("assistant")) {
          for (JsonNode block : message.path("content")) {
            if (block.path("type").asText().equals("tool_use")) {
              return true;
            }
          }
          return false;
        }
      }
      return false;
    }
  }

  /** Returns the non-empty text blocks of a string, or of text and refusal parts. */
  private static List<ObjectNode> textBlocks(JsonNode content) {
    List<ObjectNode> blocks = new ArrayList<>();
    if (content.isTextual() && !content.asText().isEmpty()) {
      blocks.add(text(content.asText()));
    }
    for (JsonNode part : JsonText.array(content)) {
      String text = JsonText.text(part, "text") + JsonText.text(part, "refusal");
      if (!text.isEmpty()) {
        blocks.add(text(text));
      }
    }
    return blocks;
  }

  private static ObjectNode text(String text) {
    return Json.MAPPER.createObjectNode().put("type", "text").put("text", text);
  }

  private static List<ObjectNode> userBlocks(JsonNode content, String param) {
    if (!content.isArray()) {
      return textBlocks(content);
    }
    List<ObjectNode> blocks = new ArrayList<>();
    for (int j = 0; j < content.size(); j++) {
      JsonNode part = content.get(j);
      String partParam = param + ".content[" + j + "]";
      switch (JsonText.text(part, "type")) {
        case "text" -> {
          if (!JsonText.text(part, "text").isEmpty()) {
            blocks.add(text(JsonText.text(part, "text")));
          }
        }
        case "image_url" ->
            blocks.add(image(JsonText.text(part.path("image_url"), "url"), partParam));
        case "file" -> blocks.add(document(part.path("file"), partParam));
        default ->
            throw new InvalidRequestException(
                partParam,
                "content part type '"
                    + JsonText.text(part, "type")
                    + "' is not supported by this model's upstream");
      }
    }
    return blocks;
  }

  private static ObjectNode image(String url, String param) {
    ObjectNode block = Json.MAPPER.createObjectNode().put("type", "image");
    if (url.startsWith("http://") || url.startsWith("https://")) {
      block.putObject("source").put("type", "url").put("url", url);
      return block;
    }
    var dataUrl = DATA_URL.matcher(url);
    if (!dataUrl.matches() || !IMAGE_TYPES.contains(dataUrl.group(1))) {
      throw new InvalidRequestException(
          param, "images must be http(s) URLs or base64 data URLs of type jpeg, png, gif or webp");
    }
    block
        .putObject("source")
        .put("type", "base64")
        .put("media_type", dataUrl.group(1))
        .put("data", dataUrl.group(2));
    return block;
  }

  private static ObjectNode document(JsonNode file, String param) {
    var dataUrl = DATA_URL.matcher(JsonText.text(file, "file_data"));
    if (!dataUrl.matches() || !dataUrl.group(1).equals("application/pdf")) {
      throw new InvalidRequestException(
          param, "files must be PDF documents sent as base64 data URLs in file_data");
    }
    ObjectNode block = Json.MAPPER.createObjectNode().put("type", "document");
    block
        .putObject("source")
        .put("type", "base64")
        .put("media_type", "application/pdf")
        .put("data", dataUrl.group(2));
    return block;
  }

  private ObjectNode toolUse(JsonNode call, String param) {
    if (!JsonText.text(call, "type").equals("function") && call.has("type")) {
      throw new InvalidRequestException(
          param + ".type", "only function tool calls are supported by this model's upstream");
    }
    JsonNode function = call.path("function");
    String arguments = JsonText.text(function, "arguments");
    JsonNode input = Json.MAPPER.createObjectNode();
    if (!arguments.isBlank()) {
      input =
          JsonText.parse(arguments)
              .filter(JsonNode::isObject)
              .orElseThrow(
                  () ->
                      new InvalidRequestException(
                          param + ".function.arguments", "arguments must be a JSON object"));
    }
    ObjectNode block = Json.MAPPER.createObjectNode().put("type", "tool_use");
    block.put("id", ids.map(JsonText.text(call, "id")));
    block.put("name", JsonText.text(function, "name"));
    block.set("input", input);
    return block;
  }

  private ObjectNode toolResult(JsonNode message) {
    ObjectNode result = Json.MAPPER.createObjectNode().put("type", "tool_result");
    result.put("tool_use_id", ids.map(JsonText.text(message, "tool_call_id")));
    JsonNode content = message.path("content");
    if (content.isTextual() && !content.asText().isEmpty()) {
      result.put("content", content.asText());
    } else if (content.isArray()) {
      List<ObjectNode> blocks = textBlocks(content);
      if (!blocks.isEmpty()) {
        result.putArray("content").addAll(blocks);
      }
    }
    return result;
  }

  private static void stop(JsonNode request, ObjectNode out) {
    JsonNode stop = request.path("stop");
    ArrayNode sequences = Json.MAPPER.createArrayNode();
    if (stop.isTextual() && !stop.asText().isBlank()) {
      sequences.add(stop.asText());
    }
    for (JsonNode sequence : JsonText.array(stop)) {
      if (sequence.isTextual() && !sequence.asText().isBlank()) {
        sequences.add(sequence.asText());
      }
    }
    if (!sequences.isEmpty()) {
      out.set("stop_sequences", sequences);
    }
  }

  /**
   * Sends function tools with their schema (an empty object schema when missing), and the tool
   * choice mapped to Anthropic's, only when there are tools.
   */
  private static void tools(JsonNode request, ObjectNode out) {
    ArrayNode tools = JsonText.array(request.get("tools"));
    if (tools.isEmpty()) {
      return;
    }
    ArrayNode anthropicTools = out.putArray("tools");
    for (int i = 0; i < tools.size(); i++) {
      JsonNode tool = tools.get(i);
      if (!JsonText.text(tool, "type").equals("function")) {
        throw new InvalidRequestException(
            "tools[" + i + "].type", "only function tools are supported by this model's upstream");
      }
      JsonNode function = tool.path("function");
      ObjectNode anthropicTool = anthropicTools.addObject();
      anthropicTool.put("name", JsonText.text(function, "name"));
      String description = JsonText.text(function, "description");
      if (!description.isEmpty()) {
        anthropicTool.put("description", description);
      }
      JsonNode parameters = function.path("parameters");
      if (parameters.isObject()) {
        anthropicTool.set("input_schema", parameters.deepCopy());
      } else {
        anthropicTool.putObject("input_schema").put("type", "object").putObject("properties");
      }
    }
    ObjectNode choice = toolChoice(request.path("tool_choice"));
    if (request.path("parallel_tool_calls").isBoolean()
        && !request.get("parallel_tool_calls").asBoolean()) {
      if (choice == null) {
        choice = Json.MAPPER.createObjectNode().put("type", "auto");
      }
      if (!choice.path("type").asText().equals("none")) {
        choice.put("disable_parallel_tool_use", true);
      }
    }
    if (choice != null) {
      out.set("tool_choice", choice);
    }
  }

  /** Returns Anthropic's tool choice for OpenAI's, or null when the client sent none. */
  private static ObjectNode toolChoice(JsonNode choice) {
    if (choice.isMissingNode() || choice.isNull()) {
      return null;
    }
    String type =
        switch (choice.isTextual() ? choice.asText() : JsonText.text(choice, "type")) {
          case "none" -> "none";
          case "auto" -> "auto";
          case "required" -> "any";
          case "function" -> "tool";
          case "allowed_tools" ->
              JsonText.text(choice.path("allowed_tools"), "mode").equals("required")
                  ? "any"
                  : "auto";
          default ->
              throw new InvalidRequestException(
                  "tool_choice", "tool_choice must be none, auto, required or a function");
        };
    ObjectNode out = Json.MAPPER.createObjectNode().put("type", type);
    if (type.equals("tool")) {
      out.put("name", JsonText.text(choice.path("function"), "name"));
    }
    return out;
  }

  private static void thinking(
      JsonNode request, ObjectNode out, long maxTokens, boolean lastAssistantUsesTools) {
    JsonNode effort = request.path("reasoning_effort");
    if (!effort.isTextual() || effort.asText().equals("none") || lastAssistantUsesTools) {
      return;
    }
    int budget =
        ReasoningBudgets.budgetFor(effort.asText())
            .orElseThrow(
                () ->
                    new InvalidRequestException(
                        "reasoning_effort",
                        "reasoning_effort must be none, minimal, low, medium, high or xhigh"));
    out.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
    if (maxTokens <= budget) {
      out.put("max_tokens", maxTokens + budget);
    }
    out.remove("temperature");
    out.remove("top_p");
    JsonNode choice = out.path("tool_choice");
    String choiceType = JsonText.text(choice, "type");
    if (choiceType.equals("any") || choiceType.equals("tool")) {
      ((ObjectNode) choice).put("type", "auto").remove("name");
    }
  }
}
