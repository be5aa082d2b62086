package dev.codevector.internal.translate;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How much the client wants the model to reason, in whichever terms its dialect uses: an effort
 * level (OpenAI's {@code reasoning_effort}, Responses' {@code reasoning.effort}, Anthropic's {@code
 * output_config.effort} with adaptive thinking) or a token budget (Anthropic's {@code
 * budget_tokens}). Upstream codecs convert one into the other with {@link ReasoningBudgets}.
 *
 * @param effort the effort level ({@code minimal}, {@code low}, {@code medium}, {@code high},
 *     {@code xhigh}), when the client gave one
 * @param budgetTokens the thinking budget, when the client gave one
 * @param adaptive whether the client asked for Anthropic's adaptive thinking
 * @param showText whether the client wants the reasoning's text in the answer (Anthropic's {@code
 *     display} other than {@code omitted}; Responses' {@code reasoning.summary})
 */
record ReasoningRequest(
    Optional<String> effort, OptionalLong budgetTokens, boolean adaptive, boolean showText) {

  /** Checks the fields. */
  ReasoningRequest {
    Objects.requireNonNull(effort, "effort");
    Objects.requireNonNull(budgetTokens, "budgetTokens");
  }

  /**
   * Returns the effort level: the one the client gave, else the level its budget reaches, else
   * {@code medium}.
   *
   * @return the effort level
   */
  String effortLevel() {
    return effort.orElseGet(
        () ->
            budgetTokens.isPresent()
                ? ReasoningBudgets.effortForBudget(budgetTokens.getAsLong())
                : "medium");
  }
}
