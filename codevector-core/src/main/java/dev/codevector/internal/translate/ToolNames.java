package dev.codevector.internal.translate;

import java.util.HashMap;
import java.util.Map;

/**
 * Fits tool names into OpenAI's 64-character limit and restores them in the answer. A longer name
 * (Claude Code's MCP tools, {@code mcp__server__tool…}) becomes its first 55 characters, {@code _}
 * and the first 8 hex digits of its SHA-256, so the same name always shortens the same way, in the
 * tool list and in the conversation history alike.
 *
 * <p>Holds the reverse map of one request. Not thread-safe; confine to one thread.
 */
final class ToolNames {
  private static final int MAX_LENGTH = 64;
  private static final int PREFIX_LENGTH = 55;

  private final Map<String, String> originals = new HashMap<>();

  /**
   * Returns the name to send upstream, remembering the original when it had to be shortened.
   *
   * @param name the client's tool name
   * @return the name itself when it fits, else its shortened form
   */
  String shorten(String name) {
    if (name.length() <= MAX_LENGTH) {
      return name;
    }
    String shortened =
        name.substring(0, PREFIX_LENGTH) + "_" + Digests.sha256Hex(name).substring(0, 8);
    originals.put(shortened, name);
    return shortened;
  }

  /**
   * Returns the client's name for a name the upstream answered with.
   *
   * @param name the name in the upstream's answer
   * @return the original name if this instance shortened it, else the name unchanged
   */
  String restore(String name) {
    return originals.getOrDefault(name, name);
  }
}
