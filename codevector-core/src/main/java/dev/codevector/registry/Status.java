package dev.codevector.registry;

/**
 * Whether a {@link Provider} or a {@link ProviderModel} takes part in routing. Disabled ones are
 * skipped by every route; their configuration stays intact.
 */
public enum Status {
  /** Takes part in routing. */
  ACTIVE,
  /** Excluded from routing. */
  DISABLED;

  /**
   * Returns the status's wire name, {@code active} or {@code disabled}.
   *
   * @return the lowercase name
   */
  public String id() {
    return WireNames.of(this);
  }

  /**
   * Returns the status with the given wire name.
   *
   * @param id {@code active} or {@code disabled}
   * @return the status
   * @throws ValidationException if {@code id} names no status
   */
  public static Status of(String id) {
    return WireNames.parse(Status.class, "status", id);
  }
}
