package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Responses {@code reasoning} items to and from {@link Part.Reasoning}, so that a Responses client
 * such as Codex carries any model family's sealed reasoning from one turn to the next.
 *
 * <p>Codex stores a reasoning item's {@code encrypted_content} and sends it back unchanged. OpenAI
 * reasoning keeps its own {@code encrypted_content}. Claude's thinking needs its {@code signature}
 * (or its {@code redacted_thinking} data) and its exact text back: Anthropic refuses a thinking
 * request whose last tool-calling assistant turn lacks its signed thinking. So reasoning sealed for
 * Anthropic is written as {@code encrypted_content} of CodeVector's own making: the prefix {@value
 * #ANTHROPIC_PREFIX} and the unpadded base64url of {@code {"text","seal","redacted"}}; its text
 * also goes in {@code summary} when the client asked for a summary. Reading reverses this; any
 * other {@code encrypted_content} is OpenAI's, with the summary's text as the reasoning's text. A
 * token with the prefix that does not decode drops its item, never failing the request; so does an
 * item with neither text nor a seal.
 *
 * <p>Stateless; thread-safe.
 */
final class ResponsesReasoning {

  /** The prefix of an {@code encrypted_content} that holds Claude's thinking. */
  static final String ANTHROPIC_PREFIX = "cv-anthropic.";

  private ResponsesReasoning() {}

  /**
   * Reads a {@code reasoning} item.
   *
   * @param item the item
   * @return the reasoning, or empty when the item holds nothing an upstream could use
   */
  static Optional<Part.Reasoning> read(JsonNode item) {
    String encrypted = JsonText.text(item, "encrypted_content");
    if (encrypted.startsWith(ANTHROPIC_PREFIX)) {
      return decode(encrypted.substring(ANTHROPIC_PREFIX.length()));
    }
    String text = summaryText(item.path("summary"));
    if (encrypted.isEmpty()) {
      return text.isEmpty()
          ? Optional.empty()
          : Optional.of(new Part.Reasoning(text, Optional.empty()));
    }
    return Optional.of(
        new Part.Reasoning(
            text, Optional.of(new Part.Seal(Part.Seal.Family.OPENAI, encrypted, false))));
  }

  /**
   * Writes a reasoning part as a {@code reasoning} item.
   *
   * @param id the item's id
   * @param reasoning the reasoning
   * @param showText whether the client asked for the reasoning's text, as a summary
   * @return the complete item
   */
  static ObjectNode write(String id, Part.Reasoning reasoning, boolean showText) {
    ObjectNode item = Json.MAPPER.createObjectNode().put("id", id).put("type", "reasoning");
    ArrayNode summary = item.putArray("summary");
    if (showText && !reasoning.text().isEmpty()) {
      summary.add(summaryPart(reasoning.text()));
    }
    reasoning
        .seal()
        .ifPresent(seal -> item.put("encrypted_content", encryptedContent(reasoning.text(), seal)));
    return item;
  }

  /**
   * Returns a {@code summary_text} part.
   *
   * @param text the summary's text
   * @return the part
   */
  static ObjectNode summaryPart(String text) {
    return Json.MAPPER.createObjectNode().put("type", "summary_text").put("text", text);
  }

  private static String encryptedContent(String text, Part.Seal seal) {
    if (seal.family() == Part.Seal.Family.OPENAI) {
      return seal.value();
    }
    ObjectNode token = Json.MAPPER.createObjectNode();
    token.put("text", text).put("seal", seal.value()).put("redacted", seal.redacted());
    return ANTHROPIC_PREFIX
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(JsonText.write(token).getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<Part.Reasoning> decode(String token) {
    byte[] json;
    try {
      json = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    return JsonText.parse(new String(json, StandardCharsets.UTF_8))
        .filter(node -> node.path("text").isTextual() && node.path("seal").isTextual())
        .map(
            node ->
                new Part.Reasoning(
                    node.get("text").asText(),
                    Optional.of(
                        new Part.Seal(
                            Part.Seal.Family.ANTHROPIC,
                            node.get("seal").asText(),
                            node.path("redacted").asBoolean(false)))));
  }

  private static String summaryText(JsonNode summary) {
    List<String> texts = new ArrayList<>();
    for (JsonNode part : JsonText.array(summary)) {
      String text = JsonText.text(part, "text");
      if (!text.isEmpty()) {
        texts.add(text);
      }
    }
    return String.join("\n\n", texts);
  }
}
