package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Anthropic Messages side of a translation: writes a {@link Conversation} as a Messages request
 * and reads the answer, by the policy in {@code docs/translation.md}. The turns are written by
 * {@link MessagesHistory}; the stream is read by {@link MessagesStreamReader}.
 *
 * <p>Request policy, where the reference leaves a choice:
 *
 * <ul>
 *   <li>{@code max_tokens}, which Anthropic requires, is the client's cap, else the model's output
 *       limit, else 4096. {@code temperature} is clamped to 1; {@code top_k} is sent to Claude
 *       upstreams only.
 *   <li>Tools are sent with their schema as {@code input_schema}; the tool choice (auto, none, any,
 *       or one tool) and {@code disable_parallel_tool_use}, from a client that disallowed parallel
 *       calls, only when there are tools.
 *   <li>A reasoning request becomes {@code thinking}: adaptive when the client asked for that, else
 *       enabled with the client's budget or the one its effort level gets from {@link
 *       ReasoningBudgets}; {@code max_tokens} is raised by the budget when it does not exceed it;
 *       {@code temperature}, {@code top_p} and {@code top_k} are dropped and a forced tool choice
 *       becomes auto, as Anthropic requires. Anthropic refuses thinking when the last assistant
 *       turn called tools without its thinking block, so thinking is left off for such a turn
 *       unless it carries reasoning sealed by Anthropic. Whether the client wants the reasoning's
 *       text is not sent: Claude always shows it.
 *   <li>The JSON schema of the answer becomes {@code output_config.format}, which current Claude
 *       models honour natively.
 *   <li>The end user's id becomes {@code metadata.user_id}, cleaned to {@code [A-Za-z0-9_-]} and
 *       hashed with SHA-256 when longer than 256 characters.
 * </ul>
 *
 * <p>Answer policy: {@code thinking} blocks become reasoning sealed by their signature, {@code
 * redacted_thinking} blocks reasoning without text sealed by their data; text and {@code tool_use}
 * blocks (arguments: the JSON text of {@code input}, {@code {}} when it is not an object) are kept
 * in order; every other block type is dropped.
 *
 * <p>Holds the state of one request. Not thread-safe; confine to the request's thread.
 */
final class MessagesUpstream implements UpstreamCodec {
  private static final int DEFAULT_MAX_TOKENS = 4096;
  private static final int MAX_USER_ID_LENGTH = 256;
  private static final Pattern NOT_ID_CHARACTER = Pattern.compile("[^A-Za-z0-9_-]");

  private final TranslationContext context;

  /**
   * Creates the upstream side of one request.
   *
   * @param context the request's route
   */
  MessagesUpstream(TranslationContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  @Override
  public ObjectNode write(Conversation conversation) {
    Objects.requireNonNull(conversation, "conversation");
    boolean claude = context.anthropicFamily();
    List<Part> lastAssistant = lastAssistantMessage(conversation.turns());
    boolean callsTools = lastAssistant.stream().anyMatch(Part.ToolCall.class::isInstance);
    boolean sealed =
        lastAssistant.stream()
            .anyMatch(
                part ->
                    part instanceof Part.Reasoning reasoning
                        && reasoning.sealedFor(Part.Seal.Family.ANTHROPIC));
    Optional<ReasoningRequest> reasoning =
        conversation.reasoning().filter(request -> !callsTools || (claude && sealed));
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("model", context.upstreamModel());
    new MessagesHistory(claude, reasoning.isPresent()).write(conversation.turns(), out);
    long maxTokens =
        conversation
            .maxOutputTokens()
            .orElse((long) context.maxOutputTokens().orElse(DEFAULT_MAX_TOKENS));
    out.put("max_tokens", maxTokens);
    conversation.temperature().ifPresent(value -> out.put("temperature", Math.min(value, 1.0)));
    conversation.topP().ifPresent(value -> out.put("top_p", value));
    if (claude) {
      conversation.topK().ifPresent(value -> out.put("top_k", value));
    }
    if (!conversation.stopSequences().isEmpty()) {
      ArrayNode sequences = out.putArray("stop_sequences");
      conversation.stopSequences().forEach(sequences::add);
    }
    if (conversation.stream()) {
      out.put("stream", true);
    }
    tools(conversation, out);
    reasoning.ifPresent(request -> thinking(request, maxTokens, out));
    conversation.user().ifPresent(user -> out.putObject("metadata").put("user_id", userId(user)));
    conversation
        .jsonSchema()
        .ifPresent(
            schema ->
                outputConfig(out)
                    .putObject("format")
                    .put("type", "json_schema")
                    .set("schema", schema.deepCopy()));
    return out;
  }

  @Override
  public Reply read(ObjectNode answer) {
    Objects.requireNonNull(answer, "answer");
    List<Part> content = MessagesContent.assistant(answer.path("content"));
    JsonNode stopReason = answer.path("stop_reason");
    String stopSequence = JsonText.text(answer, "stop_sequence");
    return new Reply(
        JsonText.text(answer, "id"),
        content,
        StopReason.fromAnthropic(stopReason.isTextual() ? stopReason.asText() : null),
        stopSequence.isEmpty() ? Optional.empty() : Optional.of(stopSequence),
        TokenUsage.fromAnthropic(answer.path("usage")));
  }

  @Override
  public ReplyStreamReader streamReader() {
    return new MessagesStreamReader();
  }

  /**
   * Returns the parts of the last assistant message: the last run of assistant turns, which {@link
   * MessagesHistory} merges into one message (system turns between them go to {@code system}).
   */
  private static List<Part> lastAssistantMessage(List<Turn> turns) {
    List<Part> parts = new ArrayList<>();
    int i = turns.size() - 1;
    while (i >= 0 && turns.get(i).role() != Turn.Role.ASSISTANT) {
      i--;
    }
    for (; i >= 0 && turns.get(i).role() != Turn.Role.USER; i--) {
      parts.addAll(turns.get(i).parts());
    }
    return parts;
  }

  /** Sends the tools and the tool choice, only when there are tools. */
  private static void tools(Conversation conversation, ObjectNode out) {
    if (conversation.tools().isEmpty()) {
      return;
    }
    ArrayNode tools = out.putArray("tools");
    for (ToolSpec spec : conversation.tools()) {
      ObjectNode tool = tools.addObject().put("name", spec.name());
      if (!spec.description().isEmpty()) {
        tool.put("description", spec.description());
      }
      tool.set("input_schema", spec.parameters().deepCopy());
    }
    Optional<ToolChoice> choice = conversation.toolChoice();
    boolean serial = !conversation.parallelToolCalls().orElse(true);
    if (choice.isEmpty() && !serial) {
      return;
    }
    ObjectNode toolChoice = out.putObject("tool_choice");
    ToolChoice given = choice.orElse(ToolChoice.AUTO);
    switch (given.mode()) {
      case AUTO -> toolChoice.put("type", "auto");
      case NONE -> toolChoice.put("type", "none");
      case REQUIRED -> toolChoice.put("type", "any");
      case NAMED -> toolChoice.put("type", "tool").put("name", given.name());
    }
    if (serial && given.mode() != ToolChoice.Mode.NONE) {
      toolChoice.put("disable_parallel_tool_use", true);
    }
  }

  private static void thinking(ReasoningRequest request, long maxTokens, ObjectNode out) {
    if (request.adaptive()) {
      out.putObject("thinking").put("type", "adaptive");
      request.effort().ifPresent(effort -> outputConfig(out).put("effort", effort));
    } else {
      long budget =
          request
              .budgetTokens()
              .orElseGet(
                  () ->
                      ReasoningBudgets.budgetFor(request.effortLevel())
                          .orElse(ReasoningBudgets.budgetFor("medium").orElseThrow()));
      out.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
      if (maxTokens <= budget) {
        out.put("max_tokens", maxTokens + budget);
      }
    }
    out.remove("temperature");
    out.remove("top_p");
    out.remove("top_k");
    JsonNode choice = out.path("tool_choice");
    String choiceType = JsonText.text(choice, "type");
    if (choiceType.equals("any") || choiceType.equals("tool")) {
      ((ObjectNode) choice).put("type", "auto").remove("name");
    }
  }

  private static ObjectNode outputConfig(ObjectNode out) {
    return out.has("output_config")
        ? (ObjectNode) out.get("output_config")
        : out.putObject("output_config");
  }

  private static String userId(String user) {
    String clean = NOT_ID_CHARACTER.matcher(user).replaceAll("_");
    return clean.length() > MAX_USER_ID_LENGTH ? Digests.sha256Hex(user) : clean;
  }
}
