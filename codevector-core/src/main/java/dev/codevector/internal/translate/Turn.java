package dev.codevector.internal.translate;

import java.util.List;
import java.util.Objects;

/**
 * One turn of a {@link Conversation}: who speaks and what they say, in order.
 *
 * <p>Tool results are parts of {@link Role#USER} turns, as in Anthropic Messages; a dialect that
 * sends them as messages of their own (OpenAI Chat's {@code tool} role, Responses' {@code
 * function_call_output} items) splits or joins them in its codec.
 *
 * @param role who speaks
 * @param parts what the turn says, in order; never empty for a user or assistant turn
 */
record Turn(Role role, List<Part> parts) {

  /** Who speaks in a turn. */
  enum Role {
    /** Instructions: a system prompt, or a {@code developer} message. Text parts only. */
    SYSTEM,
    /** The user, and the results of tools the assistant called. */
    USER,
    /** The model: text, reasoning and tool calls. */
    ASSISTANT
  }

  /** Checks the fields and copies the parts. */
  Turn {
    Objects.requireNonNull(role, "role");
    parts = List.copyOf(parts);
  }

  /**
   * Returns a turn of one role and parts.
   *
   * @param role who speaks
   * @param parts what the turn says
   * @return the turn
   */
  static Turn of(Role role, Part... parts) {
    return new Turn(role, List.of(parts));
  }

  /**
   * Adds a turn of one role and parts, unless there are no parts: a dialect's message left empty
   * once translated is dropped.
   *
   * @param turns the turns to add to
   * @param role who speaks
   * @param parts what the turn says
   */
  static void addUnlessEmpty(List<Turn> turns, Role role, List<Part> parts) {
    if (!parts.isEmpty()) {
      turns.add(new Turn(role, parts));
    }
  }
}
