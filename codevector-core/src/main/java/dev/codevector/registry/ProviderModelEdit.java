package dev.codevector.registry;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Changes to a Provider Model's limits and pricing; an empty field keeps the current value. The
 * upstream model id and the kind cannot change: remove the Provider Model and add another.
 *
 * @param contextWindow the new context window
 * @param maxOutputTokens the new output limit
 * @param pricing the new pricing
 */
public record ProviderModelEdit(
    Optional<Integer> contextWindow, OptionalInt maxOutputTokens, Optional<Pricing> pricing) {

  /** Checks the fields that are present. */
  public ProviderModelEdit {
    Objects.requireNonNull(contextWindow, "contextWindow")
        .ifPresent(n -> Checks.positive("contextWindow", n));
    Objects.requireNonNull(maxOutputTokens, "maxOutputTokens")
        .ifPresent(n -> Checks.positive("maxOutputTokens", n));
    Objects.requireNonNull(pricing, "pricing");
  }

  /**
   * Returns an edit that changes nothing; add changes with the {@code with} methods.
   *
   * @return the empty edit
   */
  public static ProviderModelEdit none() {
    return new ProviderModelEdit(Optional.empty(), OptionalInt.empty(), Optional.empty());
  }

  /**
   * Returns a copy that also sets the context window.
   *
   * @param tokens the context window
   * @return the edit
   */
  public ProviderModelEdit withContextWindow(int tokens) {
    return new ProviderModelEdit(Optional.of(tokens), maxOutputTokens, pricing);
  }

  /**
   * Returns a copy that also sets the output limit.
   *
   * @param tokens the output limit
   * @return the edit
   */
  public ProviderModelEdit withMaxOutputTokens(int tokens) {
    return new ProviderModelEdit(contextWindow, OptionalInt.of(tokens), pricing);
  }

  /**
   * Returns a copy that also sets the pricing.
   *
   * @param newPricing the pricing
   * @return the edit
   */
  public ProviderModelEdit withPricing(Pricing newPricing) {
    return new ProviderModelEdit(
        contextWindow, maxOutputTokens, Optional.of(Objects.requireNonNull(newPricing, "pricing")));
  }
}
