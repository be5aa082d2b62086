package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.routing.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The OpenAI Chat Completions side of a translation (OpenAI SDKs as clients): reads the request
 * into a {@link Conversation} and writes the answer as a {@code chat.completion}, by the policy in
 * {@code docs/translation.md}. {@link ChatStreamWriter} writes the stream.
 *
 * <p>Request policy, where the reference leaves a choice:
 *
 * <ul>
 *   <li>System and developer messages become system turns, in order; text and refusal parts become
 *       text, empty texts are dropped. A {@code tool} message becomes a tool result in the user
 *       turn after the assistant's calls, joining the results before it.
 *   <li>Arguments that are empty become {@code {}}; arguments that are not a JSON object are
 *       refused, naming the parameter. Images by data URL (JPEG, PNG, GIF, WebP only, as OpenAI
 *       takes) or http(s) URL and PDF {@code file} parts by {@code file_data} are read; audio
 *       input, file ids, other image types and unknown part types are refused.
 *   <li>The output cap is {@code max_completion_tokens}, else {@code max_tokens}. {@code n > 1},
 *       audio output ({@code modalities}, {@code audio}), {@code prediction}, {@code
 *       web_search_options}, legacy {@code functions} and custom tools are refused; {@code
 *       logprobs} is dropped and the answer says {@code logprobs:null}; {@code seed}, penalties,
 *       {@code logit_bias}, {@code store}, {@code metadata}, {@code service_tier} and similar are
 *       dropped.
 *   <li>{@code tool_choice} {@code allowed_tools} keeps only its mode (required, else auto).
 *   <li>{@code reasoning_effort} other than {@code none} asks for reasoning of that effort, without
 *       its text: OpenAI clients neither show nor send back thinking.
 *   <li>{@code response_format} {@code json_schema} gives the answer's schema; {@code json_object}
 *       and {@code text} are dropped. {@code user}, else {@code safety_identifier}, is the end
 *       user.
 * </ul>
 *
 * <p>Answer policy: text is concatenated into {@code content} ({@code null} when there is none),
 * tool calls become {@code tool_calls}, reasoning text becomes {@code reasoning_content} (as
 * DeepSeek, vLLM and most OpenAI-compatible servers name it; clients that do not know it ignore it)
 * while its seal stays behind, since no Chat client sends reasoning back; the id is {@code
 * chatcmpl-} and the upstream's id, the model the client's.
 *
 * <p>Holds the state of one request: whether the client asked for stream usage. Not thread-safe;
 * confine to the request's thread.
 */
final class ChatClient implements ClientCodec {
  private static final Pattern DATA_URL =
      Pattern.compile("data:([^;,]+);base64,(.*)", Pattern.DOTALL);
  private static final Set<String> IMAGE_TYPES =
      Set.of("image/jpeg", "image/png", "image/gif", "image/webp");
  private static final List<String> REFUSED =
      List.of("audio", "prediction", "web_search_options", "functions", "function_call");

  private final String clientModel;
  private final long created;
  private boolean includeUsage;

  /**
   * Creates the client side of one request.
   *
   * @param clientModel the model name the client asked for, echoed in the answer
   * @param created the {@code created} time of the answer, in epoch seconds; core does not read the
   *     clock, so the caller passes it
   */
  ChatClient(String clientModel, long created) {
    this.clientModel = Objects.requireNonNull(clientModel, "clientModel");
    this.created = created;
  }

  @Override
  public Conversation read(ObjectNode request) {
    Objects.requireNonNull(request, "request");
    refuseInexpressible(request);
    Conversation.Builder conversation = Conversation.builder();
    turns(request).forEach(conversation::turn);
    tools(request, conversation);
    integer(request, "max_completion_tokens")
        .or(() -> integer(request, "max_tokens"))
        .ifPresent(conversation::maxOutputTokens);
    JsonText.number(request, "temperature").ifPresent(conversation::temperature);
    JsonText.number(request, "top_p").ifPresent(conversation::topP);
    JsonNode stop = request.path("stop");
    List<JsonNode> sequences = new ArrayList<>();
    sequences.add(stop);
    JsonText.array(stop).forEach(sequences::add);
    for (JsonNode sequence : sequences) {
      if (sequence.isTextual() && !sequence.asText().isBlank()) {
        conversation.stopSequence(sequence.asText());
      }
    }
    conversation.stream(request.path("stream").asBoolean(false));
    includeUsage = request.path("stream_options").path("include_usage").asBoolean(false);
    reasoning(request).ifPresent(conversation::reasoning);
    JsonNode format = request.path("response_format");
    if (JsonText.text(format, "type").equals("json_schema")
        && format.path("json_schema").path("schema").isObject()) {
      conversation.jsonSchema((ObjectNode) format.path("json_schema").path("schema").deepCopy());
    }
    String user = JsonText.text(request, "user");
    if (user.isEmpty()) {
      user = JsonText.text(request, "safety_identifier");
    }
    if (!user.isEmpty()) {
      conversation.user(user);
    }
    return conversation.build();
  }

  @Override
  public ObjectNode write(Reply reply) {
    Objects.requireNonNull(reply, "reply");
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("id", chatId(reply.id()));
    out.put("object", "chat.completion");
    out.put("created", created);
    out.put("model", clientModel);
    ObjectNode choice = out.putArray("choices").addObject().put("index", 0);
    ObjectNode message = ChatMessages.assistant(reply.content(), UnaryOperator.identity(), true);
    choice.set("message", message);
    message.putNull("refusal");
    choice.putNull("logprobs");
    choice.put("finish_reason", reply.stopReason().openAi());
    out.set("usage", reply.usage().toOpenAi());
    return out;
  }

  @Override
  public ReplyStreamWriter streamWriter() {
    return new ChatStreamWriter(clientModel, created, includeUsage);
  }

  /**
   * Returns the client-facing completion id for an upstream's answer id.
   *
   * @param upstreamId the upstream's id; empty when it gave none
   * @return {@code chatcmpl-} and the id, or a random one
   */
  static String chatId(String upstreamId) {
    return upstreamId.isEmpty() ? ToolIds.random("chatcmpl-") : "chatcmpl-" + upstreamId;
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

  private static List<Turn> turns(JsonNode request) {
    List<Turn> turns = new ArrayList<>();
    for (RequestMessage message : RequestMessage.all(request)) {
      JsonNode content = message.content();
      String param = message.param();
      switch (message.role()) {
        case "system", "developer" -> Turn.addUnlessEmpty(turns, Turn.Role.SYSTEM, texts(content));
        case "user" -> Turn.addUnlessEmpty(turns, Turn.Role.USER, userParts(content, param));
        case "assistant" -> {
          List<Part> parts = texts(content);
          ArrayNode calls = JsonText.array(message.node().get("tool_calls"));
          for (int j = 0; j < calls.size(); j++) {
            parts.add(toolCall(calls.get(j), param + ".tool_calls[" + j + "]"));
          }
          Turn.addUnlessEmpty(turns, Turn.Role.ASSISTANT, parts);
        }
        case "tool" -> {
          Part result =
              new Part.ToolResult(
                  JsonText.text(message.node(), "tool_call_id"), texts(content), false);
          Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
          if (last != null && last.role() == Turn.Role.USER) {
            List<Part> joined = new ArrayList<>(last.parts());
            joined.add(result);
            turns.set(turns.size() - 1, new Turn(Turn.Role.USER, joined));
          } else {
            turns.add(Turn.of(Turn.Role.USER, result));
          }
        }
        default ->
            throw new InvalidRequestException(
                param + ".role", "role must be system, developer, user, assistant or tool");
      }
    }
    return turns;
  }

  /** Returns the non-empty texts of a string, or of text and refusal parts. */
  private static List<Part> texts(JsonNode content) {
    List<Part> parts = new ArrayList<>();
    if (content.isTextual() && !content.asText().isEmpty()) {
      parts.add(Part.Text.of(content.asText()));
    }
    for (JsonNode part : JsonText.array(content)) {
      String text = JsonText.text(part, "text") + JsonText.text(part, "refusal");
      if (!text.isEmpty()) {
        parts.add(Part.Text.of(text));
      }
    }
    return parts;
  }

  private static List<Part> userParts(JsonNode content, String param) {
    if (!content.isArray()) {
      return texts(content);
    }
    List<Part> parts = new ArrayList<>();
    for (int j = 0; j < content.size(); j++) {
      JsonNode part = content.get(j);
      String partParam = param + ".content[" + j + "]";
      switch (JsonText.text(part, "type")) {
        case "text" -> {
          if (!JsonText.text(part, "text").isEmpty()) {
            parts.add(Part.Text.of(JsonText.text(part, "text")));
          }
        }
        case "image_url" -> parts.add(image(part.path("image_url"), partParam));
        case "file" -> parts.add(document(part.path("file"), partParam));
        default ->
            throw new InvalidRequestException(
                partParam,
                "content part type '"
                    + JsonText.text(part, "type")
                    + "' is not supported by this model's upstream");
      }
    }
    return parts;
  }

  private static Part image(JsonNode imageUrl, String param) {
    String url = JsonText.text(imageUrl, "url");
    var dataUrl = DATA_URL.matcher(url);
    boolean web = url.startsWith("http://") || url.startsWith("https://");
    if (!web && (!dataUrl.matches() || !IMAGE_TYPES.contains(dataUrl.group(1)))) {
      throw new InvalidRequestException(
          param, "images must be http(s) URLs or base64 data URLs of type jpeg, png, gif or webp");
    }
    return Part.Image.ofUrl(url, JsonText.text(imageUrl, "detail"));
  }

  private static Part document(JsonNode file, String param) {
    var dataUrl = DATA_URL.matcher(JsonText.text(file, "file_data"));
    if (!dataUrl.matches() || !dataUrl.group(1).equals("application/pdf")) {
      throw new InvalidRequestException(
          param, "files must be PDF documents sent as base64 data URLs in file_data");
    }
    return new Part.Document("application/pdf", dataUrl.group(2), JsonText.text(file, "filename"));
  }

  private static Part toolCall(JsonNode call, String param) {
    if (!JsonText.text(call, "type").equals("function") && call.has("type")) {
      throw new InvalidRequestException(
          param + ".type", "only function tool calls are supported by this model's upstream");
    }
    JsonNode function = call.path("function");
    String arguments = JsonText.text(function, "arguments");
    if (arguments.isBlank()) {
      arguments = "{}";
    } else if (JsonText.parse(arguments).filter(JsonNode::isObject).isEmpty()) {
      throw new InvalidRequestException(
          param + ".function.arguments", "arguments must be a JSON object");
    }
    return new Part.ToolCall(JsonText.text(call, "id"), JsonText.text(function, "name"), arguments);
  }

  /** Reads the function tools and the tool choice. */
  private static void tools(JsonNode request, Conversation.Builder conversation) {
    ArrayNode tools = JsonText.array(request.get("tools"));
    for (int i = 0; i < tools.size(); i++) {
      JsonNode tool = tools.get(i);
      if (!JsonText.text(tool, "type").equals("function")) {
        throw new InvalidRequestException(
            "tools[" + i + "].type", "only function tools are supported by this model's upstream");
      }
      JsonNode function = tool.path("function");
      conversation.tool(
          ToolSpec.read(
              JsonText.text(function, "name"),
              JsonText.text(function, "description"),
              function.path("parameters"),
              function.path("strict")));
    }
    toolChoice(request.path("tool_choice")).ifPresent(conversation::toolChoice);
    if (request.path("parallel_tool_calls").isBoolean()) {
      conversation.parallelToolCalls(request.get("parallel_tool_calls").asBoolean());
    }
  }

  private static Optional<ToolChoice> toolChoice(JsonNode choice) {
    if (choice.isMissingNode() || choice.isNull()) {
      return Optional.empty();
    }
    return Optional.of(
        switch (choice.isTextual() ? choice.asText() : JsonText.text(choice, "type")) {
          case "none" -> ToolChoice.NONE;
          case "auto" -> ToolChoice.AUTO;
          case "required" -> ToolChoice.REQUIRED;
          case "function" -> namedChoice(JsonText.text(choice.path("function"), "name"));
          case "allowed_tools" ->
              JsonText.text(choice.path("allowed_tools"), "mode").equals("required")
                  ? ToolChoice.REQUIRED
                  : ToolChoice.AUTO;
          default ->
              throw new InvalidRequestException(
                  "tool_choice", "tool_choice must be none, auto, required or a function");
        });
  }

  private static ToolChoice namedChoice(String name) {
    if (name.isEmpty()) {
      throw new InvalidRequestException("tool_choice", "tool_choice must name a function");
    }
    return ToolChoice.named(name);
  }

  private static Optional<ReasoningRequest> reasoning(JsonNode request) {
    JsonNode effort = request.path("reasoning_effort");
    if (!effort.isTextual() || effort.asText().equals("none")) {
      return Optional.empty();
    }
    if (ReasoningBudgets.budgetFor(effort.asText()).isEmpty()) {
      throw new InvalidRequestException(
          "reasoning_effort", "reasoning_effort must be none, minimal, low, medium, high or xhigh");
    }
    return Optional.of(
        new ReasoningRequest(Optional.of(effort.asText()), OptionalLong.empty(), false, false));
  }
}
