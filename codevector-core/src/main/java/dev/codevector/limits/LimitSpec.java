package dev.codevector.limits;

import dev.codevector.registry.ModelId;
import dev.codevector.registry.ValidationException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a {@link Limit} caps, for whom and for which Model: what an admin gives to create or change
 * one. At least one cap is set. Instances are immutable.
 *
 * @param scope whose requests it counts
 * @param model the Model whose requests it counts; empty for every Model
 * @param requestsPerMinute the most requests admitted in a minute; positive
 * @param tokensPerMinute the most tokens, input and output together, in a minute; positive
 * @param budget the most that may be spent in each budget period
 */
public record LimitSpec(
    LimitScope scope,
    Optional<ModelId> model,
    OptionalLong requestsPerMinute,
    OptionalLong tokensPerMinute,
    Optional<Budget> budget) {

  /** Checks every field. */
  public LimitSpec {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(requestsPerMinute, "requestsPerMinute");
    Objects.requireNonNull(tokensPerMinute, "tokensPerMinute");
    Objects.requireNonNull(budget, "budget");
    positive("requestsPerMinute", requestsPerMinute);
    positive("tokensPerMinute", tokensPerMinute);
    if (requestsPerMinute.isEmpty() && tokensPerMinute.isEmpty() && budget.isEmpty()) {
      throw new ValidationException(
          "limit", null, "must set requestsPerMinute, tokensPerMinute or budget");
    }
  }

  private static void positive(String field, OptionalLong value) {
    if (value.isPresent() && value.getAsLong() <= 0) {
      throw new ValidationException(field, Long.toString(value.getAsLong()), "must be positive");
    }
  }
}
