package dev.codevector.registry;

/**
 * The opaque, immutable identifier of a {@link Model}: a model facade; stable when the slug
 * changes.
 *
 * @param value the identifier's text, never blank
 */
public record ModelId(String value) {

  /** Checks the identifier's text. */
  public ModelId {
    Checks.checkId(value, "model id");
  }

  /**
   * Returns the identifier with the given text.
   *
   * @param value the identifier's text
   * @return the identifier
   * @throws IllegalArgumentException if {@code value} is blank
   */
  public static ModelId of(String value) {
    return new ModelId(value);
  }

  /**
   * Returns a new, random identifier.
   *
   * @return an identifier no other object has
   */
  public static ModelId random() {
    return new ModelId(Checks.randomId());
  }

  @Override
  public String toString() {
    return value;
  }
}
