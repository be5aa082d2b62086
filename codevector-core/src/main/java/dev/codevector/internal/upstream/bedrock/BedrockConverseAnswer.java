package dev.codevector.internal.upstream.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import java.util.UUID;

/**
 * Reads Converse answers as Anthropic Messages answers: the whole answer, and the usage and stop
 * reason of a stream. Text and tool-use blocks keep their order; reasoning blocks are left out,
 * since they carry no signature Claude's thinking blocks would need. Converse answers have no id,
 * so each gets a fresh one. Converse counts input tokens without cache reads and writes, as
 * Anthropic does.
 *
 * <p>Stateless; thread-safe.
 */
final class BedrockConverseAnswer {
  private BedrockConverseAnswer() {}

  /**
   * Returns the Anthropic message for a Converse answer.
   *
   * @param converse the Converse answer
   * @param model the upstream model id, the message's {@code model}
   */
  static ObjectNode message(JsonNode converse, String model) {
    ObjectNode message = Json.MAPPER.createObjectNode().put("id", messageId());
    message.put("type", "message").put("role", "assistant").put("model", model);
    ArrayNode content = message.putArray("content");
    for (JsonNode block : converse.path("output").path("message").path("content")) {
      if (block.has("text")) {
        content.addObject().put("type", "text").put("text", block.path("text").asText());
      } else if (block.has("toolUse")) {
        JsonNode toolUse = block.path("toolUse");
        content
            .addObject()
            .put("type", "tool_use")
            .put("id", toolUse.path("toolUseId").asText())
            .put("name", toolUse.path("name").asText())
            .set("input", toolUse.path("input"));
      }
    }
    message.put("stop_reason", stopReason(converse.path("stopReason").asText("")));
    message.putNull("stop_sequence");
    message.set("usage", usage(converse.path("usage")));
    return message;
  }

  /**
   * Returns Anthropic's stop reason for Converse's: guardrail and content-filter stops read as
   * {@code refusal}; the others share Anthropic's names.
   */
  static String stopReason(String converse) {
    return switch (converse) {
      case "guardrail_intervened", "content_filtered" -> "refusal";
      case "" -> "end_turn";
      default -> converse;
    };
  }

  /** Returns Anthropic usage for Converse usage; missing counts read as 0. */
  static ObjectNode usage(JsonNode converse) {
    ObjectNode usage = Json.MAPPER.createObjectNode();
    usage.put("input_tokens", converse.path("inputTokens").asLong(0));
    usage.put("cache_read_input_tokens", converse.path("cacheReadInputTokens").asLong(0));
    usage.put("cache_creation_input_tokens", converse.path("cacheWriteInputTokens").asLong(0));
    usage.put("output_tokens", converse.path("outputTokens").asLong(0));
    return usage;
  }

  /** Returns a fresh message id, since Converse gives none. */
  static String messageId() {
    return "msg_bdrk_" + UUID.randomUUID().toString().replace("-", "");
  }
}
