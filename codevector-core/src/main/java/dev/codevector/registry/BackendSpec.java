package dev.codevector.registry;

import java.util.Objects;

/**
 * What it takes to add a Backend to a Model.
 *
 * @param providerModelId the Provider Model to route to; its kind must equal the Model's
 * @param priority lower numbers are tried first; 0 or more
 * @param weight its share among the Backends of its priority under balanced routing; 1 to {@value
 *     Backend#MAX_WEIGHT}
 * @param defaults request parameters filled in when the client leaves them out
 */
public record BackendSpec(
    ProviderModelId providerModelId, int priority, int weight, BackendDefaults defaults) {

  /** Checks every field. */
  public BackendSpec {
    if (providerModelId == null) {
      throw new ValidationException("providerModelId", null, "is required");
    }
    Backend.checkPriority(priority);
    Backend.checkWeight(weight);
    Objects.requireNonNull(defaults, "defaults");
  }

  /**
   * Describes a Backend of the default weight.
   *
   * @param providerModelId the Provider Model to route to; its kind must equal the Model's
   * @param priority lower numbers are tried first; 0 or more
   * @param defaults request parameters filled in when the client leaves them out
   */
  public BackendSpec(ProviderModelId providerModelId, int priority, BackendDefaults defaults) {
    this(providerModelId, priority, Backend.DEFAULT_WEIGHT, defaults);
  }

  /**
   * Returns a Backend description without defaults, of the default weight.
   *
   * @param providerModelId the Provider Model to route to
   * @param priority lower numbers are tried first
   * @return the description
   */
  public static BackendSpec of(ProviderModelId providerModelId, int priority) {
    return new BackendSpec(providerModelId, priority, BackendDefaults.none());
  }

  /**
   * Returns a copy with another weight.
   *
   * @param newWeight the weight, 1 to {@value Backend#MAX_WEIGHT}
   * @return the description
   */
  public BackendSpec withWeight(int newWeight) {
    return new BackendSpec(providerModelId, priority, newWeight, defaults);
  }
}
