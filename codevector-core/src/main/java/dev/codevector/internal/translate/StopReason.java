package dev.codevector.internal.translate;

/**
 * Why the model stopped, in every dialect's terms: Anthropic's {@code stop_reason}, OpenAI Chat's
 * {@code finish_reason}, and Responses' status with its {@code incomplete_details.reason}.
 */
enum StopReason {
  /** The model finished its turn. */
  END_TURN("end_turn", "stop"),
  /** The output cap was reached. */
  MAX_TOKENS("max_tokens", "length"),
  /** A stop sequence was generated. */
  STOP_SEQUENCE("stop_sequence", "stop"),
  /** The model called tools and waits for their results. */
  TOOL_USE("tool_use", "tool_calls"),
  /** The model refused, or the upstream's content filter stopped it. */
  REFUSAL("refusal", "content_filter"),
  /** A long turn was paused and may be continued (Anthropic's server tools). */
  PAUSE_TURN("pause_turn", "stop"),
  /** The context window filled up. */
  CONTEXT_WINDOW("model_context_window_exceeded", "length");

  private final String anthropic;
  private final String openAi;

  StopReason(String anthropic, String openAi) {
    this.anthropic = anthropic;
    this.openAi = openAi;
  }

  /**
   * Returns Anthropic's {@code stop_reason}.
   *
   * @return the wire name
   */
  String anthropic() {
    return anthropic;
  }

  /**
   * Returns OpenAI Chat's {@code finish_reason}.
   *
   * @return the wire name
   */
  String openAi() {
    return openAi;
  }

  /**
   * Returns whether a Responses answer that stopped this way is {@code incomplete} rather than
   * {@code completed}.
   *
   * @return true for the output cap, the context window and a refusal by a content filter
   */
  boolean incomplete() {
    return this == MAX_TOKENS || this == CONTEXT_WINDOW || this == REFUSAL;
  }

  /**
   * Returns Responses' {@code incomplete_details.reason} for an {@link #incomplete()} stop.
   *
   * @return {@code max_output_tokens} or {@code content_filter}
   */
  String responsesIncompleteReason() {
    return this == REFUSAL ? "content_filter" : "max_output_tokens";
  }

  /**
   * Returns the reason a turn with tool calls ended: some OpenAI-compatible servers finish such a
   * turn with {@code stop}, and it is the tool calls that make an agent run the tools.
   *
   * @param hasToolCalls whether the answer holds tool calls
   * @return {@link #TOOL_USE} for an {@link #END_TURN} with tool calls, else this reason
   */
  StopReason withToolCalls(boolean hasToolCalls) {
    return hasToolCalls && this == END_TURN ? TOOL_USE : this;
  }

  /**
   * Returns the reason for an Anthropic {@code stop_reason}.
   *
   * @param stopReason the wire name; null when the upstream gave none
   * @return the reason; {@link #END_TURN} for an unknown or missing name
   */
  static StopReason fromAnthropic(String stopReason) {
    for (StopReason reason : values()) {
      if (reason.anthropic.equals(stopReason)) {
        return reason;
      }
    }
    return END_TURN;
  }

  /**
   * Returns the reason for an OpenAI {@code finish_reason}.
   *
   * @param finishReason the wire name; null when the upstream gave none
   * @return the reason; {@link #END_TURN} for {@code stop}, an unknown or a missing name
   */
  static StopReason fromOpenAi(String finishReason) {
    if (finishReason == null) {
      return END_TURN;
    }
    return switch (finishReason) {
      case "length" -> MAX_TOKENS;
      case "tool_calls", "function_call" -> TOOL_USE;
      case "content_filter" -> REFUSAL;
      default -> END_TURN;
    };
  }
}
