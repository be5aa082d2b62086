package dev.codevector.internal.upstream.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import java.util.Optional;

/**
 * Converts Cohere's answer to {@code POST /v2/chat} into an OpenAI {@code chat.completion}, and
 * holds the mappings the stream shares: finish reasons and usage.
 *
 * <p>The text blocks of Cohere's message are joined into {@code content} ({@code null} when there
 * are none); tool calls keep their shape. Thinking blocks and the {@code tool_plan} (the model's
 * account of which tools it will call and why) become {@code reasoning_content}, the de facto
 * extension OpenAI-compatible servers use for reasoning text, which the Anthropic translation turns
 * into thinking for clients that asked for it. Finish reasons: {@code COMPLETE} and {@code
 * STOP_SEQUENCE} → {@code stop}, {@code MAX_TOKENS} → {@code length}, {@code TOOL_CALL} → {@code
 * tool_calls}; {@code ERROR} and {@code TIMEOUT} are failures, not answers. Usage comes from {@code
 * usage.tokens}, or {@code usage.billed_units} when Cohere gives no token counts.
 *
 * <p>Stateless; thread-safe.
 */
final class CohereChatAnswer {
  private CohereChatAnswer() {}

  /**
   * Returns the OpenAI answer for a Cohere answer.
   *
   * @param cohere Cohere's answer
   * @param model the model name to report
   * @param created the answer's {@code created} time, in epoch seconds
   * @return the {@code chat.completion}
   */
  static ObjectNode convert(JsonNode cohere, String model, long created) {
    JsonNode message = cohere.path("message");
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    for (JsonNode block : message.path("content")) {
      String type = block.path("type").asText("");
      if (type.equals("text")) {
        text.append(block.path("text").asText(""));
      } else if (type.equals("thinking")) {
        reasoning.append(block.path("thinking").asText(""));
      }
    }
    reasoning.append(message.path("tool_plan").asText(""));
    ObjectNode out = Json.MAPPER.createObjectNode().put("id", chatId(cohere.path("id")));
    out.put("object", "chat.completion").put("created", created).put("model", model);
    ObjectNode choice = out.putArray("choices").addObject().put("index", 0);
    ObjectNode reply = choice.putObject("message").put("role", "assistant");
    if (text.length() == 0) {
      reply.putNull("content");
    } else {
      reply.put("content", text.toString());
    }
    if (reasoning.length() > 0) {
      reply.put("reasoning_content", reasoning.toString());
    }
    JsonNode calls = message.path("tool_calls");
    if (calls.isArray() && !calls.isEmpty()) {
      reply.set("tool_calls", CohereToolCalls.copy(calls));
    }
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason(cohere.path("finish_reason").asText("")));
    out.set("usage", usage(cohere.path("usage")));
    return out;
  }

  /**
   * A generation Cohere ended without completing it, with the status that makes the router fail
   * over.
   *
   * @param status 500 for {@code ERROR}, 504 for {@code TIMEOUT}
   * @param message what went wrong
   */
  record Failure(int status, String message) {}

  /**
   * Returns the failure a finish reason stands for: Cohere's {@code ERROR} and {@code TIMEOUT} end
   * a generation that did not complete.
   *
   * @param finishReason Cohere's finish reason
   * @param error Cohere's error text, which may be empty
   * @return the failure, or empty for a finish that is an answer
   */
  static Optional<Failure> failure(String finishReason, String error) {
    switch (finishReason) {
      case "ERROR":
        return Optional.of(
            new Failure(
                500, error.isEmpty() ? "Cohere ended the generation with an error" : error));
      case "TIMEOUT":
        return Optional.of(
            new Failure(504, error.isEmpty() ? "Cohere's generation timed out" : error));
      default:
        return Optional.empty();
    }
  }

  /**
   * Returns OpenAI's finish reason for Cohere's.
   *
   * @param finishReason Cohere's finish reason
   * @return {@code stop}, {@code length} or {@code tool_calls}
   */
  static String finishReason(String finishReason) {
    switch (finishReason) {
      case "MAX_TOKENS":
        return "length";
      case "TOOL_CALL":
        return "tool_calls";
      default:
        return "stop";
    }
  }

  /**
   * Returns OpenAI usage for Cohere's usage.
   *
   * @param usage Cohere's {@code usage} object; a missing node reads as all zeros
   * @return {@code prompt_tokens}, {@code completion_tokens} and {@code total_tokens}
   */
  static ObjectNode usage(JsonNode usage) {
    JsonNode counts =
        usage.path("tokens").has("input_tokens") ? usage.get("tokens") : usage.path("billed_units");
    long prompt = counts.path("input_tokens").asLong(0);
    long completion = counts.path("output_tokens").asLong(0);
    return Json.MAPPER
        .createObjectNode()
        .put("prompt_tokens", prompt)
        .put("completion_tokens", completion)
        .put("total_tokens", prompt + completion);
  }

  /** The chunk and completion id for Cohere's message id. */
  static String chatId(JsonNode id) {
    return "chatcmpl-" + id.asText("");
  }
}
