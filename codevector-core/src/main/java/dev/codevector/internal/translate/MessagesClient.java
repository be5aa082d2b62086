package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.routing.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The client side for a client that speaks Anthropic Messages (Claude Code, Anthropic SDKs), by the
 * policy in {@code docs/translation.md}.
 *
 * <p>Reading the request, where the reference leaves a choice:
 *
 * <ul>
 *   <li>Top-level {@code system} (a string or text blocks) and every {@code role:"system"} message
 *       inside {@code messages} (Claude Code sends these) become one leading system turn, their
 *       non-empty texts in order.
 *   <li>Text blocks keep their {@code cache_control} as a cache breakpoint; empty text blocks of a
 *       user turn are dropped. Images by base64 or URL are kept, other image sources refused. PDF
 *       documents are kept and text documents become text; a document by URL or file id is refused.
 *       {@code thinking} and {@code redacted_thinking} blocks become reasoning sealed for
 *       Anthropic. A {@code tool_result} keeps its text and images and its {@code is_error}.
 *       Content blocks of other types ({@code tool_reference}, {@code search_result}, {@code
 *       citations}…) are dropped, and so are user turns and assistant turns left empty.
 *   <li>Server tools (a versioned {@code type}) are dropped, and so are tool {@code strict}, {@code
 *       defer_loading} and {@code cache_control}. {@code tool_choice} {@code auto}, {@code any},
 *       {@code tool} and {@code none} keep their meaning; {@code disable_parallel_tool_use} forbids
 *       parallel tool calls.
 *   <li>Thinking {@code enabled} asks for reasoning with its {@code budget_tokens}; {@code
 *       adaptive} with the effort of {@code output_config.effort} ({@code max} as {@code high},
 *       {@code medium} when absent); {@code display:"omitted"} asks not to see its text. An {@code
 *       output_config.format} JSON schema is kept; {@code metadata.user_id} is the end user.
 *   <li>Anthropic-only fields ({@code context_management}, {@code container}, {@code service_tier},
 *       the rest of {@code output_config}, …) are dropped.
 * </ul>
 *
 * <p>Writing the answer: the id is {@code msg_} and the upstream's id, the model the client's;
 * reasoning becomes thinking blocks only when the client enabled thinking without {@code
 * display:"omitted"}, signed when sealed by Anthropic and with an empty signature otherwise; tool
 * call ids are made acceptable to Anthropic by {@link ToolIds}; tool-call arguments that are empty
 * become {@code {}} and arguments that are not a JSON object become {@code {"_raw":"<arguments>"}},
 * so the client's tool validation reports the problem to the model. See {@link
 * MessagesStreamWriter} for the stream.
 *
 * <p>Holds whether the client wants reasoning text. Not thread-safe; confine to the request's
 * thread.
 */
final class MessagesClient implements ClientCodec {
  private static final Set<String> THINKING_ON = Set.of("enabled", "adaptive");

  private final String clientModel;
  private boolean wantsThinking;

  /**
   * Creates the client side of one request.
   *
   * @param clientModel the model name the client asked for, echoed in the answer
   */
  MessagesClient(String clientModel) {
    this.clientModel = Objects.requireNonNull(clientModel, "clientModel");
  }

  @Override
  public Conversation read(ObjectNode request) {
    Objects.requireNonNull(request, "request");
    Conversation.Builder conversation = Conversation.builder();
    turns(request, conversation);
    JsonNode maxTokens = request.path("max_tokens");
    if (maxTokens.isIntegralNumber()) {
      conversation.maxOutputTokens(maxTokens.asLong());
    }
    JsonText.number(request, "temperature").ifPresent(conversation::temperature);
    JsonText.number(request, "top_p").ifPresent(conversation::topP);
    if (request.path("top_k").canConvertToInt()) {
      conversation.topK(request.path("top_k").asInt());
    }
    for (JsonNode sequence : JsonText.array(request.get("stop_sequences"))) {
      if (sequence.isTextual()) {
        conversation.stopSequence(sequence.asText());
      }
    }
    conversation.stream(request.path("stream").asBoolean(false));
    String userId = JsonText.text(request.path("metadata"), "user_id");
    if (!userId.isEmpty()) {
      conversation.user(userId);
    }
    tools(request, conversation);
    reasoning(request).ifPresent(conversation::reasoning);
    JsonNode format = request.path("output_config").path("format");
    if (JsonText.text(format, "type").equals("json_schema") && format.path("schema").isObject()) {
      conversation.jsonSchema((ObjectNode) format.get("schema").deepCopy());
    }
    return conversation.build();
  }

  @Override
  public ObjectNode write(Reply reply) {
    Objects.requireNonNull(reply, "reply");
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("id", messageId(reply.id()));
    out.put("type", "message");
    out.put("role", "assistant");
    out.put("model", clientModel);
    ArrayNode content = out.putArray("content");
    ToolIds ids = new ToolIds();
    for (Part part : reply.content()) {
      if (part instanceof Part.Reasoning reasoning) {
        if (wantsThinking) {
          thinkingBlock(reasoning).ifPresent(content::add);
        }
      } else if (part instanceof Part.Text text) {
        if (!text.text().isEmpty()) {
          content.addObject().put("type", "text").put("text", text.text());
        }
      } else if (part instanceof Part.ToolCall call) {
        ObjectNode block = content.addObject().put("type", "tool_use");
        block.put("id", ids.map(call.id()));
        block.put("name", call.name());
        block.set("input", toolInput(call.arguments()));
      }
    }
    out.put("stop_reason", reply.stopReason().anthropic());
    reply
        .stopSequence()
        .ifPresentOrElse(
            sequence -> out.put("stop_sequence", sequence), () -> out.putNull("stop_sequence"));
    out.set("usage", reply.usage().toAnthropic());
    return out;
  }

  @Override
  public ReplyStreamWriter streamWriter() {
    return new MessagesStreamWriter(clientModel, wantsThinking);
  }

  /**
   * Returns the id of an Anthropic message for the upstream's id of the answer.
   *
   * @param upstreamId the upstream's id; empty when it gave none
   * @return {@code msg_} and the upstream's id, or a fresh random {@code msg_} id
   */
  static String messageId(String upstreamId) {
    return upstreamId.isEmpty() ? ToolIds.random("msg_") : "msg_" + upstreamId;
  }

  /**
   * Returns a tool call's arguments as the object Anthropic's {@code input} must be: empty
   * arguments are {@code {}}, and arguments that are not a JSON object are kept as text under
   * {@code _raw}.
   *
   * @param arguments the arguments' JSON text, as the model produced it
   * @return the input object
   */
  static ObjectNode toolInput(String arguments) {
    if (arguments.isBlank()) {
      return Json.MAPPER.createObjectNode();
    }
    Optional<JsonNode> parsed = JsonText.parse(arguments);
    if (parsed.isPresent() && parsed.get().isObject()) {
      return (ObjectNode) parsed.get();
    }
    return Json.MAPPER.createObjectNode().put("_raw", arguments);
  }

  /**
   * Returns the thinking block of a reasoning part: {@code redacted_thinking} for Anthropic's
   * redacted data, else {@code thinking} with Anthropic's signature or an empty one; none for a
   * part with neither text nor Anthropic seal.
   */
  private static Optional<ObjectNode> thinkingBlock(Part.Reasoning reasoning) {
    boolean sealed = reasoning.sealedFor(Part.Seal.Family.ANTHROPIC);
    ObjectNode block = Json.MAPPER.createObjectNode();
    if (sealed && reasoning.seal().get().redacted()) {
      return Optional.of(
          block.put("type", "redacted_thinking").put("data", reasoning.seal().get().value()));
    }
    if (reasoning.text().isEmpty() && !sealed) {
      return Optional.empty();
    }
    block.put("type", "thinking").put("thinking", reasoning.text());
    return Optional.of(block.put("signature", sealed ? reasoning.seal().get().value() : ""));
  }

  private static void turns(JsonNode request, Conversation.Builder conversation) {
    List<RequestMessage> messages = RequestMessage.all(request);
    List<Part> system = new ArrayList<>();
    addSystemText(request.get("system"), system);
    List<Turn> turns = new ArrayList<>();
    for (RequestMessage message : messages) {
      JsonNode content = message.content();
      switch (message.role()) {
        case "system" -> addSystemText(content, system);
        case "user" ->
            Turn.addUnlessEmpty(
                turns, Turn.Role.USER, MessagesContent.user(content, message.param()));
        case "assistant" ->
            Turn.addUnlessEmpty(turns, Turn.Role.ASSISTANT, MessagesContent.assistant(content));
        default ->
            throw new InvalidRequestException(
                message.param() + ".role", "role must be user or assistant");
      }
    }
    if (!system.isEmpty()) {
      conversation.turn(new Turn(Turn.Role.SYSTEM, system));
    }
    turns.forEach(conversation::turn);
  }

  /** Adds the non-empty texts of a string or of the text blocks of a block array. */
  private static void addSystemText(JsonNode content, List<Part> system) {
    if (content == null) {
      return;
    }
    if (content.isTextual()) {
      if (!content.asText().isEmpty()) {
        system.add(Part.Text.of(content.asText()));
      }
      return;
    }
    for (JsonNode block : JsonText.array(content)) {
      String text = JsonText.text(block, "text");
      if (JsonText.text(block, "type").equals("text") && !text.isEmpty()) {
        system.add(new Part.Text(text, block.has("cache_control")));
      }
    }
  }

  /**
   * Reads the client's own tools, {@code tool_choice} and {@code disable_parallel_tool_use}; the
   * choice and the parallel setting only when a tool is left.
   */
  private static void tools(JsonNode request, Conversation.Builder conversation) {
    int kept = 0;
    for (JsonNode tool : JsonText.array(request.get("tools"))) {
      String type = JsonText.text(tool, "type");
      if (!type.isEmpty() && !type.equals("custom")) {
        continue;
      }
      // Anthropic's strict flag is dropped.
      conversation.tool(
          ToolSpec.read(
              JsonText.text(tool, "name"),
              JsonText.text(tool, "description"),
              tool.path("input_schema"),
              MissingNode.getInstance()));
      kept++;
    }
    if (kept == 0) {
      return;
    }
    JsonNode choice = request.path("tool_choice");
    switch (JsonText.text(choice, "type")) {
      case "auto" -> conversation.toolChoice(ToolChoice.AUTO);
      case "any" -> conversation.toolChoice(ToolChoice.REQUIRED);
      case "none" -> conversation.toolChoice(ToolChoice.NONE);
      case "tool" -> {
        String name = JsonText.text(choice, "name");
        if (name.isEmpty()) {
          throw new InvalidRequestException(
              "tool_choice.name", "a tool choice of type tool names a tool");
        }
        conversation.toolChoice(ToolChoice.named(name));
      }
      default -> {
        // No tool_choice: the model decides, in every dialect.
      }
    }
    if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
      conversation.parallelToolCalls(false);
    }
  }

  /** Reads {@code thinking}, and remembers whether the client wants to see the reasoning. */
  private Optional<ReasoningRequest> reasoning(JsonNode request) {
    JsonNode thinking = request.path("thinking");
    String type = JsonText.text(thinking, "type");
    if (!THINKING_ON.contains(type)) {
      return Optional.empty();
    }
    boolean showText = !JsonText.text(thinking, "display").equals("omitted");
    wantsThinking = showText;
    if (type.equals("enabled")) {
      JsonNode budget = thinking.path("budget_tokens");
      return Optional.of(
          new ReasoningRequest(
              Optional.empty(),
              budget.canConvertToLong() ? OptionalLong.of(budget.asLong()) : OptionalLong.empty(),
              false,
              showText));
    }
    String effort = JsonText.text(request.path("output_config"), "effort");
    return Optional.of(
        new ReasoningRequest(
            Optional.of(ReasoningBudgets.effortForAnthropicEffort(effort)),
            OptionalLong.empty(),
            true,
            showText));
  }
}
