package dev.codevector.internal.translate;

import java.util.OptionalInt;

/**
 * Converts between OpenAI's {@code reasoning_effort} levels and Anthropic's thinking {@code
 * budget_tokens}, with LiteLLM's budgets (low 1024, medium 2048, high 4096, xhigh 8192).
 *
 * <p>Stateless; thread-safe.
 */
final class ReasoningBudgets {
  private static final int LOW = 1024;
  private static final int MEDIUM = 2048;
  private static final int HIGH = 4096;
  private static final int XHIGH = 8192;

  private ReasoningBudgets() {}

  /**
   * Returns the thinking budget for an effort level. {@code minimal} gets the low budget, the
   * smallest Anthropic takes; {@code max} gets the xhigh one.
   *
   * @param effort an OpenAI effort level other than {@code none}
   * @return the budget in tokens, or empty when the level is unknown
   */
  static OptionalInt budgetFor(String effort) {
    return switch (effort) {
      case "minimal", "low" -> OptionalInt.of(LOW);
      case "medium" -> OptionalInt.of(MEDIUM);
      case "high" -> OptionalInt.of(HIGH);
      case "xhigh", "max" -> OptionalInt.of(XHIGH);
      default -> OptionalInt.empty();
    };
  }

  /**
   * Returns the effort level for a thinking budget: the highest level whose budget it reaches.
   *
   * @param budgetTokens Anthropic's {@code budget_tokens}
   * @return {@code low}, {@code medium} or {@code high}
   */
  static String effortForBudget(long budgetTokens) {
    if (budgetTokens >= HIGH) {
      return "high";
    }
    return budgetTokens >= MEDIUM ? "medium" : "low";
  }

  /**
   * Returns the OpenAI effort level for Anthropic's {@code output_config.effort}, which Claude Code
   * sends with adaptive thinking.
   *
   * @param effort Anthropic's effort; empty when the client sent none
   * @return the same level for low, medium and high; high for {@code max}; medium otherwise
   */
  static String effortForAnthropicEffort(String effort) {
    return switch (effort) {
      case "low" -> "low";
      case "high", "max" -> "high";
      default -> "medium";
    };
  }
}
