package dev.codevector.usage;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The programs a {@link Client} can be, each known by a short name such as {@code claude-code}. */
public enum ClientKind {
  /** Anthropic's Claude Code command-line agent. */
  CLAUDE_CODE,
  /** OpenAI's Codex command-line agent. */
  CODEX,
  /** The Cursor editor. */
  CURSOR,
  /** One of OpenAI's SDKs, in any language. */
  OPENAI_SDK,
  /** One of Anthropic's SDKs, in any language. */
  ANTHROPIC_SDK,
  /** Any other program, or one that did not say. */
  OTHER;

  /**
   * Returns the short name, such as {@code claude-code} or {@code openai-sdk}.
   *
   * @return the name, in lower case with dashes
   */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Returns the kind of a short name.
   *
   * @param key a name as {@link #key()} gives it
   * @return the kind, or empty if no kind has that name
   */
  public static Optional<ClientKind> fromKey(String key) {
    Objects.requireNonNull(key, "key");
    return Arrays.stream(values()).filter(k -> k.key().equals(key)).findFirst();
  }
}
