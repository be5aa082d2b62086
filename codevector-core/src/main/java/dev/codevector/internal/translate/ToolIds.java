package dev.codevector.internal.translate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Makes tool-call ids acceptable to Anthropic ({@code ^[a-zA-Z0-9_-]+$}): every other character
 * becomes {@code _}, so Moonshot's {@code functions.Bash:0} becomes {@code functions_Bash_0}. The
 * mapping is deterministic and remembered, so a {@code tool_use} id and the {@code tool_result}
 * that answers it map to the same value; two ids that would collide after cleaning are told apart
 * by a {@code _2}, {@code _3}… suffix in order of first use. An empty id becomes a fresh random
 * one.
 *
 * <p>Holds the mapping of one request or response. Not thread-safe; confine to one thread.
 */
final class ToolIds {
  private static final Pattern NOT_ALLOWED = Pattern.compile("[^A-Za-z0-9_-]");

  private final Map<String, String> byOriginal = new HashMap<>();
  private final Set<String> used = new HashSet<>();

  /**
   * Returns the clean id for an original id, the same one every time it is asked.
   *
   * @param original the id as the other side sent it; may be empty
   * @return an id matching {@code ^[a-zA-Z0-9_-]+$}, unique among the ids this instance returned
   */
  String map(String original) {
    return byOriginal.computeIfAbsent(original, this::claim);
  }

  private String claim(String original) {
    String base =
        original.isEmpty() ? random("toolu_") : NOT_ALLOWED.matcher(original).replaceAll("_");
    String candidate = base;
    for (int n = 2; used.contains(candidate); n++) {
      candidate = base + "_" + n;
    }
    used.add(candidate);
    return candidate;
  }

  /**
   * Returns a fresh random id, for tool calls and messages the upstream left without one. The id
   * does not come from the clock, so core stays free of the system time.
   *
   * @param prefix the id's prefix, such as {@code toolu_} or {@code msg_}
   * @return the prefix followed by 24 lowercase hex digits
   */
  static String random(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
  }
}
