package dev.codevector.registry;

/**
 * The opaque, immutable identifier of a {@link Backend}: the wiring of a Model to one Provider
 * Model.
 *
 * @param value the identifier's text, never blank
 */
public record BackendId(String value) {

  /** Checks the identifier's text. */
  public BackendId {
    Checks.checkId(value, "backend id");
  }

  /**
   * Returns the identifier with the given text.
   *
   * @param value the identifier's text
   * @return the identifier
   * @throws IllegalArgumentException if {@code value} is blank
   */
  public static BackendId of(String value) {
    return new BackendId(value);
  }

  /**
   * Returns a new, random identifier.
   *
   * @return an identifier no other object has
   */
  public static BackendId random() {
    return new BackendId(Checks.randomId());
  }

  @Override
  public String toString() {
    return value;
  }
}
