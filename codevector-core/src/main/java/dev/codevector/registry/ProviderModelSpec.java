package dev.codevector.registry;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The description of a model as a provider serves it: what an operator enters for a custom Provider
 * Model, and what each catalog entry holds.
 *
 * @param modelId the upstream model id, as the provider's API expects it
 * @param kind chat or embedding
 * @param contextWindow the most tokens of input the model accepts
 * @param maxOutputTokens the most tokens the model writes in one answer; empty for embeddings
 * @param pricing what the model costs
 */
public record ProviderModelSpec(
    String modelId,
    ModelKind kind,
    int contextWindow,
    OptionalInt maxOutputTokens,
    Pricing pricing) {

  /** Checks every field. */
  public ProviderModelSpec {
    Checks.upstreamModelId(modelId);
    if (kind == null) {
      throw new ValidationException("kind", null, "is required");
    }
    Checks.positive("contextWindow", contextWindow);
    Objects.requireNonNull(maxOutputTokens, "maxOutputTokens")
        .ifPresent(n -> Checks.positive("maxOutputTokens", n));
    if (pricing == null) {
      throw new ValidationException("pricing", null, "is required");
    }
  }
}
