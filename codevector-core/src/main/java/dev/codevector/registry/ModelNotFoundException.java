package dev.codevector.registry;

import java.util.Objects;

/** Thrown when no Model has the requested id or slug. */
public final class ModelNotFoundException extends NotFoundException {
  private static final long serialVersionUID = 1L;

  /** The slug or id that names no Model. */
  private final String reference;

  /**
   * Creates an exception for the missing Model.
   *
   * @param reference the id or slug that was looked for
   */
  public ModelNotFoundException(String reference) {
    super("model", Objects.requireNonNull(reference, "reference"));
    this.reference = reference;
  }

  /**
   * Returns the id or slug that was looked for.
   *
   * @return the reference
   */
  public String reference() {
    return reference;
  }
}
