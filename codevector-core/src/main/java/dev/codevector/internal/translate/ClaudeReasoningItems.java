package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * Keeps Claude's thinking, which a Responses client carries as reasoning items sealed by CodeVector
 * ({@link ResponsesReasoning}), away from OpenAI's Responses service, which cannot read it and
 * would refuse the request: a conversation that moved from a Claude Backend to an OpenAI one (by
 * failover, or a client switching Models) reaches OpenAI without those items. A request that holds
 * none, as nearly all do, passes through byte for byte.
 *
 * <p>Stateless; thread-safe.
 */
public final class ClaudeReasoningItems {
  private static final byte[] MARKER =
      ResponsesReasoning.ANTHROPIC_PREFIX.getBytes(StandardCharsets.US_ASCII);

  private ClaudeReasoningItems() {}

  /**
   * Returns a Responses request without the reasoning items that hold Claude's thinking.
   *
   * @param request the request body, a JSON object
   * @return the request without them; the same array when it holds none
   */
  public static byte[] removedFrom(byte[] request) {
    if (indexOf(request, MARKER) < 0) {
      return request;
    }
    try {
      JsonNode root = Json.MAPPER.readTree(request);
      if (!(root instanceof ObjectNode body) || !(body.get("input") instanceof ArrayNode input)) {
        return request;
      }
      boolean removed = false;
      for (Iterator<JsonNode> items = input.iterator(); items.hasNext(); ) {
        JsonNode item = items.next();
        if (JsonText.text(item, "type").equals("reasoning")
            && JsonText.text(item, "encrypted_content")
                .startsWith(ResponsesReasoning.ANTHROPIC_PREFIX)) {
          items.remove();
          removed = true;
        }
      }
      return removed ? Json.MAPPER.writeValueAsBytes(body) : request;
    } catch (IOException e) {
      return request;
    }
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
