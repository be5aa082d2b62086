package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.registry.ProviderKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The upstream side for an upstream that speaks OpenAI Chat Completions: writes a {@link
 * Conversation} as a Chat request and reads a Chat answer into a {@link Reply}, by the policy in
 * {@code docs/translation.md}.
 *
 * <p>The request (turns as {@link ChatMessages} writes them):
 *
 * <ul>
 *   <li>The output cap is {@code max_completion_tokens} for OpenAI and Azure, whose reasoning
 *       models reject {@code max_tokens}, and {@code max_tokens} elsewhere. {@code stop} keeps the
 *       first four stop sequences. {@code top_k} is dropped. A streamed request asks for usage with
 *       {@code stream_options.include_usage}, since the client's answer must carry it.
 *   <li>An end-user id longer than 64 characters (Claude Code's is) is sent as its SHA-256 hex.
 *   <li>Tool names longer than OpenAI's 64 characters are shortened by {@link ToolNames}, in the
 *       tools, the tool choice and the history alike, and restored in the answer. {@code
 *       tool_choice} and {@code parallel_tool_calls} are sent only when a tool is left, since
 *       OpenAI refuses them otherwise.
 *   <li>Reasoning becomes {@code reasoning_effort} for OpenAI and Azure, but not for model names of
 *       known non-reasoning families ({@code gpt-3*}, {@code gpt-4*}, {@code chatgpt-*}, {@code
 *       *gpt-5-chat*}), which reject the field, and for Google and Vertex AI, whose adapter makes
 *       it Gemini's thinking budget. Elsewhere it is dropped, since a compatible server cannot be
 *       known to take it.
 *   <li>A JSON schema becomes {@code response_format} {@code json_schema} named {@code
 *       structured_output}, {@code strict} only when the schema meets OpenAI's strict rules (every
 *       object closed and all its properties required).
 * </ul>
 *
 * <p>The answer: {@code reasoning_content} (or {@code reasoning}) becomes a leading, unsealed
 * reasoning part; content and a refusal become text; tool calls keep their ids and get their names
 * restored; a turn with tool calls that the upstream finished with {@code stop} stopped for {@link
 * StopReason#TOOL_USE}. See {@link ChatStreamReader} for the stream.
 *
 * <p>Holds the tool names it shortened for one request. Not thread-safe; confine to the request's
 * thread.
 */
final class ChatUpstream implements UpstreamCodec {
  private static final int MAX_STOP_SEQUENCES = 4;
  private static final int MAX_USER_LENGTH = 64;
  private static final String SCHEMA_NAME = "structured_output";

  private final TranslationContext context;
  private final ToolNames names = new ToolNames();

  /**
   * Creates the upstream side of one request.
   *
   * @param context the request's route
   */
  ChatUpstream(TranslationContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  @Override
  public ObjectNode write(Conversation conversation) {
    Objects.requireNonNull(conversation, "conversation");
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("model", context.upstreamModel());
    out.set("messages", ChatMessages.of(conversation.turns(), names));
    conversation
        .maxOutputTokens()
        .ifPresent(
            tokens ->
                out.put(
                    context.usesMaxCompletionTokens() ? "max_completion_tokens" : "max_tokens",
                    tokens));
    conversation.temperature().ifPresent(value -> out.put("temperature", value));
    conversation.topP().ifPresent(value -> out.put("top_p", value));
    List<String> stop = conversation.stopSequences();
    if (!stop.isEmpty()) {
      ArrayNode sequences = out.putArray("stop");
      stop.stream().limit(MAX_STOP_SEQUENCES).forEach(sequences::add);
    }
    if (conversation.stream()) {
      out.put("stream", true);
      out.putObject("stream_options").put("include_usage", true);
    }
    conversation
        .user()
        .ifPresent(
            user ->
                out.put("user", user.length() > MAX_USER_LENGTH ? Digests.sha256Hex(user) : user));
    tools(conversation, out);
    if (conversation.reasoning().isPresent() && takesReasoningEffort()) {
      out.put("reasoning_effort", conversation.reasoning().get().effortLevel());
    }
    conversation.jsonSchema().ifPresent(schema -> responseFormat(schema, out));
    return out;
  }

  @Override
  public Reply read(ObjectNode answer) {
    Objects.requireNonNull(answer, "answer");
    JsonNode choice = answer.path("choices").path(0);
    JsonNode message = choice.path("message");
    List<Part> content = new ArrayList<>();
    String reasoning = reasoningText(message);
    if (!reasoning.isEmpty()) {
      content.add(new Part.Reasoning(reasoning, Optional.empty()));
    }
    String text = assistantText(message.path("content")) + JsonText.text(message, "refusal");
    if (!text.isEmpty()) {
      content.add(Part.Text.of(text));
    }
    ArrayNode toolCalls = JsonText.array(message.get("tool_calls"));
    for (JsonNode call : toolCalls) {
      JsonNode function = call.path("function");
      content.add(
          new Part.ToolCall(
              JsonText.text(call, "id"),
              names.restore(JsonText.text(function, "name")),
              JsonText.text(function, "arguments")));
    }
    JsonNode finish = choice.path("finish_reason");
    StopReason stopReason =
        StopReason.fromOpenAi(finish.isTextual() ? finish.asText() : null)
            .withToolCalls(!toolCalls.isEmpty());
    return new Reply(
        JsonText.text(answer, "id"),
        content,
        stopReason,
        Optional.empty(),
        TokenUsage.fromOpenAi(answer.path("usage")));
  }

  @Override
  public ReplyStreamReader streamReader() {
    return new ChatStreamReader(names);
  }

  /**
   * Returns the reasoning text of an OpenAI-compatible message or delta: {@code reasoning_content}
   * (DeepSeek, Kimi, vLLM, SGLang) or {@code reasoning} (OpenRouter, newer vLLM).
   *
   * @param messageOrDelta a Chat message or stream delta, which may be missing
   * @return the reasoning text, empty when there is none
   */
  static String reasoningText(JsonNode messageOrDelta) {
    String reasoning = JsonText.text(messageOrDelta, "reasoning_content");
    return reasoning.isEmpty() ? JsonText.text(messageOrDelta, "reasoning") : reasoning;
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

  private void tools(Conversation conversation, ObjectNode out) {
    if (conversation.tools().isEmpty()) {
      return;
    }
    ArrayNode tools = out.putArray("tools");
    for (ToolSpec tool : conversation.tools()) {
      ObjectNode function = tools.addObject().put("type", "function").putObject("function");
      function.put("name", names.shorten(tool.name()));
      if (!tool.description().isEmpty()) {
        function.put("description", tool.description());
      }
      function.set("parameters", tool.parameters().deepCopy());
      tool.strict().ifPresent(strict -> function.put("strict", strict));
    }
    conversation.toolChoice().ifPresent(choice -> toolChoice(choice, out));
    conversation
        .parallelToolCalls()
        .ifPresent(parallel -> out.put("parallel_tool_calls", parallel));
  }

  private void toolChoice(ToolChoice choice, ObjectNode out) {
    switch (choice.mode()) {
      case AUTO -> out.put("tool_choice", "auto");
      case NONE -> out.put("tool_choice", "none");
      case REQUIRED -> out.put("tool_choice", "required");
      case NAMED ->
          out.putObject("tool_choice")
              .put("type", "function")
              .putObject("function")
              .put("name", names.shorten(choice.name()));
    }
  }

  private boolean takesReasoningEffort() {
    ProviderKind kind = context.upstreamKind();
    if (kind == ProviderKind.GOOGLE || kind == ProviderKind.VERTEX) {
      return true;
    }
    String model = context.upstreamModel().toLowerCase(Locale.ROOT);
    return context.usesMaxCompletionTokens()
        && !model.startsWith("gpt-3")
        && !model.startsWith("gpt-4")
        && !model.startsWith("chatgpt-")
        && !model.contains("gpt-5-chat");
  }

  private static void responseFormat(ObjectNode schema, ObjectNode out) {
    ObjectNode jsonSchema =
        out.putObject("response_format").put("type", "json_schema").putObject("json_schema");
    jsonSchema.put("name", SCHEMA_NAME);
    jsonSchema.set("schema", schema.deepCopy());
    jsonSchema.put("strict", isStrictCompatible(schema));
  }

  /**
   * Returns whether a schema meets OpenAI's strict mode: every object schema with properties sets
   * {@code additionalProperties:false} and lists all its properties as required.
   */
  private static boolean isStrictCompatible(JsonNode schema) {
    if (!schema.isObject() && !schema.isArray()) {
      return true;
    }
    JsonNode properties = schema.get("properties");
    if (schema.isObject() && properties != null && properties.isObject()) {
      Set<String> required = new HashSet<>();
      JsonText.array(schema.get("required")).forEach(name -> required.add(name.asText()));
      for (Map.Entry<String, JsonNode> property : properties.properties()) {
        if (!required.contains(property.getKey())) {
          return false;
        }
      }
      JsonNode additional = schema.path("additionalProperties");
      if (!additional.isBoolean() || additional.asBoolean()) {
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
