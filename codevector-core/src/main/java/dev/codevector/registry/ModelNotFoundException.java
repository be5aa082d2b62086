package dev.codevector.registry;

import java.util.Objects;

/**
 * Thrown when no Model has the requested id or slug, or when the one that has it may not be used
 * where it was asked for; the message says which.
 */
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
   * Creates an exception for a Model that exists but does not count as found where it was looked
   * for, such as a draft a request asked for. Servers answer it as they answer a missing Model, so
   * that the reason reaches operators, never clients.
   *
   * @param reference the id or slug that was looked for
   * @param reason why it does not count, such as {@code it is a draft}
   */
  public ModelNotFoundException(String reference, String reason) {
    super(
        "model",
        Objects.requireNonNull(reference, "reference"),
        Objects.requireNonNull(reason, "reason"));
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
