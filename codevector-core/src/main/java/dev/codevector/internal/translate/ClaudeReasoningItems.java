package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

  /** How far the search may move on, by the byte under the marker's last position. */
  private static final int[] SKIPS = skips(MARKER);

  private ClaudeReasoningItems() {}

  private static int[] skips(byte[] pattern) {
    int[] skips = new int[256];
    Arrays.fill(skips, pattern.length);
    for (int i = 0; i < pattern.length - 1; i++) {
      skips[pattern[i] & 0xff] = pattern.length - 1 - i;
    }
    return skips;
  }

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

  /**
   * Returns where the marker first stands in the data, or -1: a Horspool search, which skips up to
   * the marker's length at each step, since a Codex request can run to hundreds of kilobytes.
   */
  private static int indexOf(byte[] data, byte[] pattern) {
    int last = pattern.length - 1;
    for (int i = 0; i <= data.length - pattern.length; i += SKIPS[data[i + last] & 0xff]) {
      int j = last;
      while (j >= 0 && data[i + j] == pattern[j]) {
        j--;
      }
      if (j < 0) {
        return i;
      }
    }
    return -1;
  }
}
