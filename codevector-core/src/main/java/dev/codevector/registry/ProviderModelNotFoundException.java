package dev.codevector.registry;

import java.util.Objects;

/** Thrown when no provider model has the requested id. */
public final class ProviderModelNotFoundException extends NotFoundException {
  private static final long serialVersionUID = 1L;

  private final transient ProviderModelId providerModelId;

  /**
   * Creates an exception for the missing provider model.
   *
   * @param providerModelId the id that was looked for
   */
  public ProviderModelNotFoundException(ProviderModelId providerModelId) {
    super("provider model", Objects.requireNonNull(providerModelId, "providerModelId").value());
    this.providerModelId = providerModelId;
  }

  /**
   * Returns the id that was looked for.
   *
   * @return the id
   */
  public ProviderModelId providerModelId() {
    return providerModelId;
  }
}
