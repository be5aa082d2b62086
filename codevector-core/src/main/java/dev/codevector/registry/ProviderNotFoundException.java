package dev.codevector.registry;

import java.util.Objects;

/** Thrown when no provider has the requested id. */
public final class ProviderNotFoundException extends NotFoundException {
  private static final long serialVersionUID = 1L;

  private final transient ProviderId providerId;

  /**
   * Creates an exception for the missing provider.
   *
   * @param providerId the id that was looked for
   */
  public ProviderNotFoundException(ProviderId providerId) {
    super("provider", Objects.requireNonNull(providerId, "providerId").value());
    this.providerId = providerId;
  }

  /**
   * Returns the id that was looked for.
   *
   * @return the id
   */
  public ProviderId providerId() {
    return providerId;
  }
}
