package dev.codevector.internal.upstream.google;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.ErrorBody;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The pieces of a Gemini answer that read the same in a whole response and in a stream chunk:
 * parts, finish reasons, usage and a blocked prompt, in OpenAI Chat terms.
 *
 * <p>Usage: {@code prompt_tokens} is {@code promptTokenCount} (cached tokens included, as OpenAI
 * counts them, with {@code cachedContentTokenCount} as {@code cached_tokens}); {@code
 * completion_tokens} is {@code candidatesTokenCount} plus {@code thoughtsTokenCount}, the latter
 * also given as {@code reasoning_tokens}.
 *
 * <p>Stateless; thread-safe.
 */
final class GeminiAnswers {
  private static final Set<String> FILTERED =
      Set.of("SAFETY", "RECITATION", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "IMAGE_SAFETY");

  private GeminiAnswers() {}

  /** Returns a completion id: Gemini's {@code responseId} when it gave one, else a random one. */
  static String completionId(JsonNode gemini) {
    String responseId = gemini.path("responseId").asText("");
    return "chatcmpl-"
        + (responseId.isEmpty()
            ? UUID.randomUUID().toString().replace("-", "").substring(0, 24)
            : responseId);
  }

  /** Whether a part is a thought summary, which goes to {@code reasoning_content}. */
  static boolean isThought(JsonNode part) {
    return part.path("thought").asBoolean(false);
  }

  /**
   * Returns the OpenAI tool call of a {@code functionCall} part: a fresh id (carrying the part's
   * {@code thoughtSignature}), the name, and the arguments as JSON text.
   */
  static ObjectNode toolCall(JsonNode part) {
    JsonNode call = part.path("functionCall");
    Optional<String> signature =
        Optional.of(part.path("thoughtSignature").asText("")).filter(s -> !s.isEmpty());
    ObjectNode toolCall = Json.MAPPER.createObjectNode();
    toolCall.put("id", GeminiToolCallIds.create(signature)).put("type", "function");
    JsonNode args = call.path("args");
    toolCall
        .putObject("function")
        .put("name", call.path("name").asText(""))
        .put("arguments", write(args.isObject() ? args : Json.MAPPER.createObjectNode()));
    return toolCall;
  }

  /**
   * Returns OpenAI's finish reason for a Gemini one: {@code STOP} is {@code stop}, or {@code
   * tool_calls} when the answer calls tools; {@code MAX_TOKENS} is {@code length}; the safety
   * reasons are {@code content_filter}; anything else is {@code stop}.
   */
  static String finishReason(String geminiReason, boolean callsTools) {
    if (geminiReason.equals("MAX_TOKENS")) {
      return "length";
    }
    if (FILTERED.contains(geminiReason)) {
      return "content_filter";
    }
    return callsTools ? "tool_calls" : "stop";
  }

  /** Returns OpenAI's usage for Gemini's {@code usageMetadata}. */
  static ObjectNode usage(JsonNode metadata) {
    long prompt = metadata.path("promptTokenCount").asLong(0);
    long thoughts = metadata.path("thoughtsTokenCount").asLong(0);
    long completion = metadata.path("candidatesTokenCount").asLong(0) + thoughts;
    ObjectNode usage = Json.MAPPER.createObjectNode();
    usage.put("prompt_tokens", prompt);
    usage.put("completion_tokens", completion);
    usage.put("total_tokens", prompt + completion);
    usage
        .putObject("prompt_tokens_details")
        .put("cached_tokens", metadata.path("cachedContentTokenCount").asLong(0));
    usage.putObject("completion_tokens_details").put("reasoning_tokens", thoughts);
    return usage;
  }

  /**
   * Returns the refusal of a prompt Gemini blocked ({@code promptFeedback.blockReason} and no
   * candidates): a 400 error body of type {@code invalid_request_error} and code {@code
   * content_filter} naming the reason, as Azure OpenAI answers a prompt its filter blocked.
   */
  static Optional<byte[]> blockedPrompt(JsonNode gemini) {
    String reason = gemini.path("promptFeedback").path("blockReason").asText("");
    if (reason.isEmpty() || gemini.path("candidates").size() > 0) {
      return Optional.empty();
    }
    String detail = gemini.path("promptFeedback").path("blockReasonMessage").asText("");
    String message =
        "the upstream blocked the prompt ("
            + reason
            + ")"
            + (detail.isEmpty() ? "" : ": " + detail);
    return Optional.of(
        ErrorBody.of(Dialect.OPENAI_CHAT, 400, message, "messages", "content_filter"));
  }

  static String write(JsonNode node) {
    try {
      return Json.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}
