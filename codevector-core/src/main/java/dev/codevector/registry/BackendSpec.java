package dev.codevector.registry;

import java.util.Objects;

/**
 * What it takes to add a Backend to a Model.
 *
 * @param providerModelId the Provider Model to route to; its kind must equal the Model's
 * @param priority lower numbers are tried first; 0 or more
 * @param defaults request parameters filled in when the client leaves them out
 */
public record BackendSpec(ProviderModelId providerModelId, int priority, BackendDefaults defaults) {

  /** Checks every field. */
  public BackendSpec {
    if (providerModelId == null) {
      throw new ValidationException("providerModelId", null, "is required");
    }
    Backend.checkPriority(priority);
    Objects.requireNonNull(defaults, "defaults");
  }

  /**
   * Returns a Backend description without defaults.
   *
   * @param providerModelId the Provider Model to route to
   * @param priority lower numbers are tried first
   * @return the description
   */
  public static BackendSpec of(ProviderModelId providerModelId, int priority) {
    return new BackendSpec(providerModelId, priority, BackendDefaults.none());
  }
}
