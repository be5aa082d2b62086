package dev.codevector.internal.translate;

/**
 * Maps the reason a model stopped between OpenAI's {@code finish_reason} and Anthropic's {@code
 * stop_reason}.
 *
 * <p>Stateless; thread-safe.
 */
final class StopReasons {
  private StopReasons() {}

  /**
   * Returns Anthropic's stop reason for an OpenAI finish reason. Some OpenAI-compatible servers
   * finish a tool-calling turn with {@code stop}; when the answer holds tool calls, the turn is
   * reported as {@code tool_use}, which is what makes Claude Code run the tools.
   *
   * @param finishReason the OpenAI finish reason; null when the upstream gave none
   * @param hasToolCalls whether the answer holds tool calls
   * @return the Anthropic stop reason
   */
  static String toAnthropic(String finishReason, boolean hasToolCalls) {
    String mapped =
        finishReason == null
            ? "end_turn"
            : switch (finishReason) {
              case "length" -> "max_tokens";
              case "tool_calls", "function_call" -> "tool_use";
              case "content_filter" -> "refusal";
              default -> "end_turn";
            };
    return hasToolCalls && mapped.equals("end_turn") ? "tool_use" : mapped;
  }

  /**
   * Returns OpenAI's finish reason for an Anthropic stop reason.
   *
   * @param stopReason the Anthropic stop reason; null when the upstream gave none
   * @return the OpenAI finish reason
   */
  static String toOpenAi(String stopReason) {
    if (stopReason == null) {
      return "stop";
    }
    return switch (stopReason) {
      case "max_tokens", "model_context_window_exceeded" -> "length";
      case "tool_use" -> "tool_calls";
      case "refusal" -> "content_filter";
      default -> "stop";
    };
  }
}
