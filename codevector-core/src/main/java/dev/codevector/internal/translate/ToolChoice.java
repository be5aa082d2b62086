package dev.codevector.internal.translate;

import java.util.Objects;

/**
 * Whether and which tool the model must call.
 *
 * @param mode the rule
 * @param name the tool that must be called, for {@link Mode#NAMED}; empty otherwise
 */
record ToolChoice(Mode mode, String name) {

  /** The rule for tool calls. */
  enum Mode {
    /** The model decides. */
    AUTO,
    /** The model must not call a tool. */
    NONE,
    /** The model must call some tool (Anthropic's {@code any}, OpenAI's {@code required}). */
    REQUIRED,
    /** The model must call the named tool. */
    NAMED
  }

  /** The model decides. */
  static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, "");

  /** The model must not call a tool. */
  static final ToolChoice NONE = new ToolChoice(Mode.NONE, "");

  /** The model must call some tool. */
  static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, "");

  /** Checks the fields. */
  ToolChoice {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(name, "name");
    if ((mode == Mode.NAMED) == name.isEmpty()) {
      throw new IllegalArgumentException("a name goes with NAMED and only with it");
    }
  }

  /**
   * Returns the choice of one named tool.
   *
   * @param name the tool's name
   * @return the choice
   */
  static ToolChoice named(String name) {
    return new ToolChoice(Mode.NAMED, name);
  }
}
