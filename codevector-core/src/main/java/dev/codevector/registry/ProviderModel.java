package dev.codevector.registry;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One model as one Provider serves it, such as {@code gpt-4o} at a given OpenAI account. Backends
 * wire Models to Provider Models. Instances are immutable; changes return copies.
 *
 * @param id the Provider Model's id
 * @param providerId the Provider that serves it
 * @param modelId the upstream model id, unique within the Provider
 * @param kind chat or embedding; fixed after creation
 * @param status whether it takes part in routing
 * @param contextWindow the most tokens of input the model accepts
 * @param maxOutputTokens the most tokens the model writes in one answer; empty for embeddings
 * @param pricing what the model costs
 * @param source the catalog it was imported from, or custom
 * @param version the stored version, for compare-and-set updates; 0 before it is first stored
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 */
public record ProviderModel(
    ProviderModelId id,
    ProviderId providerId,
    String modelId,
    ModelKind kind,
    Status status,
    int contextWindow,
    OptionalInt maxOutputTokens,
    Pricing pricing,
    ModelSource source,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  /** Checks every field. */
  public ProviderModel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(source, "source");
    new ProviderModelSpec(modelId, kind, contextWindow, maxOutputTokens, pricing);
    Checks.checkVersion(version);
    Checks.times(createdAt, updatedAt);
  }

  /**
   * Returns a new, not yet stored Provider Model made from a description.
   *
   * @param providerId the Provider that serves it
   * @param spec the model's description
   * @param source the catalog it comes from, or custom
   * @param now the creation time
   * @return the Provider Model, active, at version 0
   */
  public static ProviderModel create(
      ProviderId providerId, ProviderModelSpec spec, ModelSource source, Instant now) {
    return new ProviderModel(
        ProviderModelId.random(),
        providerId,
        spec.modelId(),
        spec.kind(),
        Status.ACTIVE,
        spec.contextWindow(),
        spec.maxOutputTokens(),
        spec.pricing(),
        source,
        0,
        now,
        now);
  }

  /**
   * Returns a copy at another stored version; for {@link dev.codevector.spi.Store} implementations,
   * which store each put at the next version.
   *
   * @param newVersion the version
   * @return the copy
   */
  public ProviderModel withVersion(long newVersion) {
    return copy(status, contextWindow, maxOutputTokens, pricing, newVersion, updatedAt);
  }

  /**
   * Returns whether routes may use this Provider Model (its Provider's status aside).
   *
   * @return true when active
   */
  public boolean isRoutable() {
    return status == Status.ACTIVE;
  }

  /**
   * Returns a copy with another status.
   *
   * @param newStatus the status
   * @param now the time of the change
   * @return the changed copy
   */
  public ProviderModel withStatus(Status newStatus, Instant now) {
    return copy(newStatus, contextWindow, maxOutputTokens, pricing, version, now);
  }

  /**
   * Returns a copy with the limits and pricing of another description; the kind stays.
   *
   * @param edit the changes to apply
   * @param now the time of the change
   * @return the changed copy
   */
  public ProviderModel with(ProviderModelEdit edit, Instant now) {
    return copy(
        status,
        edit.contextWindow().orElse(contextWindow),
        edit.maxOutputTokens().isPresent() ? edit.maxOutputTokens() : maxOutputTokens,
        edit.pricing().orElse(pricing),
        version,
        now);
  }

  /** Returns a copy of the same Provider Model, kind and source with the other fields given. */
  private ProviderModel copy(
      Status newStatus,
      int newContextWindow,
      OptionalInt newMaxOutputTokens,
      Pricing newPricing,
      long newVersion,
      Instant newUpdatedAt) {
    return new ProviderModel(
        id,
        providerId,
        modelId,
        kind,
        newStatus,
        newContextWindow,
        newMaxOutputTokens,
        newPricing,
        source,
        newVersion,
        createdAt,
        newUpdatedAt);
  }
}
