package dev.codevector.limits;

import dev.codevector.registry.Checks;
import dev.codevector.registry.ModelId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A cap on the requests, tokens or spend of a key, a user, a group or everyone, for one Model or
 * for every Model. A request is admitted only if every limit that applies to it has room. Instances
 * are immutable; changes return copies.
 *
 * @param id the limit's id
 * @param spec what it caps, for whom and for which Model
 * @param version the stored version, for compare-and-set updates; 0 before it is first stored
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 */
public record Limit(
    LimitId id, LimitSpec spec, long version, Instant createdAt, Instant updatedAt) {

  /** Checks every field. */
  public Limit {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Checks.checkVersion(version);
    if (updatedAt.isBefore(createdAt)) {
      throw new IllegalArgumentException("updatedAt before createdAt");
    }
  }

  /**
   * Returns a new, not yet stored limit.
   *
   * @param spec what it caps, for whom and for which Model
   * @param now the creation time
   * @return the limit, at version 0
   */
  public static Limit create(LimitSpec spec, Instant now) {
    return new Limit(LimitId.random(), spec, 0, now, now);
  }

  /**
   * Returns a copy with another spec.
   *
   * @param newSpec the new spec
   * @param now the time of the change
   * @return the changed limit, at the same version (the store moves it on)
   */
  public Limit withSpec(LimitSpec newSpec, Instant now) {
    return new Limit(id, newSpec, version, createdAt, now);
  }

  /**
   * Returns whose requests the limit counts.
   *
   * @return the scope
   */
  public LimitScope scope() {
    return spec.scope();
  }

  /**
   * Returns the Model whose requests the limit counts.
   *
   * @return the Model's id; empty for every Model
   */
  public Optional<ModelId> model() {
    return spec.model();
  }

  /**
   * Tells whether the limit counts a request.
   *
   * @param subject who makes the request
   * @param model the requested Model
   * @return true if the scope covers the subject and the limit is for that Model or every Model
   */
  public boolean appliesTo(Subject subject, ModelId model) {
    return spec.model().map(model::equals).orElse(true) && spec.scope().covers(subject);
  }

  /**
   * Returns the value of one cap.
   *
   * @param cap the cap
   * @return how many requests or tokens, or how many US dollars; empty if the limit does not set it
   */
  public Optional<BigDecimal> cap(Cap cap) {
    return switch (cap) {
      case REQUESTS_PER_MINUTE -> decimal(spec.requestsPerMinute());
      case TOKENS_PER_MINUTE -> decimal(spec.tokensPerMinute());
      case BUDGET -> spec.budget().map(Budget::amount);
    };
  }

  /**
   * Returns the window of one meter that holds an instant: the minute for {@link Meter#RATE}, the
   * budget's period for {@link Meter#BUDGET}.
   *
   * @param meter the meter
   * @param at the instant
   * @return the window's start, included, and end, excluded
   * @throws IllegalStateException if the meter is the budget's and the limit has no budget
   */
  public Window window(Meter meter, Instant at) {
    return switch (meter) {
      case RATE -> Window.minuteOf(at);
      case BUDGET ->
          spec.budget()
              .map(budget -> new Window(budget.period().start(at), budget.period().end(at)))
              .orElseThrow(() -> new IllegalStateException("limit " + id + " has no budget"));
    };
  }

  private static Optional<BigDecimal> decimal(OptionalLong value) {
    return value.isPresent()
        ? Optional.of(BigDecimal.valueOf(value.getAsLong()))
        : Optional.empty();
  }

  /**
   * Returns how error messages name the limit: its id, scope and Model.
   *
   * @return such as {@code limit 'ab12' on user 'u1' for every model}
   */
  @Override
  public String toString() {
    return "limit '"
        + id
        + "' on "
        + spec.scope()
        + spec.model().map(m -> " for model '" + m + "'").orElse(" for every model");
  }
}
