package dev.codevector.internal.upstream.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;

/**
 * Converts a whole Gemini {@code generateContent} response into an OpenAI {@code chat.completion}:
 * one choice per candidate, its text parts joined as {@code content} ({@code null} when the answer
 * only calls tools), thought parts joined as {@code reasoning_content}, {@code functionCall} parts
 * as {@code tool_calls}; finish reasons and usage as {@link GeminiAnswers} maps them.
 *
 * <p>Stateless; thread-safe.
 */
final class GeminiChatResponse {
  private GeminiChatResponse() {}

  static ObjectNode convert(JsonNode gemini, String model, long created) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("id", GeminiAnswers.completionId(gemini));
    out.put("object", "chat.completion").put("created", created).put("model", model);
    ArrayNode choices = out.putArray("choices");
    JsonNode candidates = gemini.path("candidates");
    for (int i = 0; i < candidates.size(); i++) {
      JsonNode candidate = candidates.get(i);
      choices.add(choice(candidate, candidate.path("index").asInt(i)));
    }
    out.set("usage", GeminiAnswers.usage(gemini.path("usageMetadata")));
    return out;
  }

  private static ObjectNode choice(JsonNode candidate, int index) {
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    ArrayNode toolCalls = Json.MAPPER.createArrayNode();
    for (JsonNode part : candidate.path("content").path("parts")) {
      if (part.has("functionCall")) {
        toolCalls.add(GeminiAnswers.toolCall(part));
      } else if (part.path("text").isTextual()) {
        (GeminiAnswers.isThought(part) ? reasoning : text).append(part.get("text").asText());
      }
    }
    ObjectNode message = Json.MAPPER.createObjectNode().put("role", "assistant");
    if (text.length() == 0 && !toolCalls.isEmpty()) {
      message.putNull("content");
    } else {
      message.put("content", text.toString());
    }
    message.putNull("refusal");
    if (reasoning.length() > 0) {
      message.put("reasoning_content", reasoning.toString());
    }
    if (!toolCalls.isEmpty()) {
      message.set("tool_calls", toolCalls);
    }
    ObjectNode choice = Json.MAPPER.createObjectNode().put("index", index);
    choice.set("message", message);
    choice.putNull("logprobs");
    choice.put(
        "finish_reason",
        GeminiAnswers.finishReason(
            candidate.path("finishReason").asText(""), !toolCalls.isEmpty()));
    return choice;
  }
}
