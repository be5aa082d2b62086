package dev.codevector.registry;

/**
 * The opaque, immutable identifier of a {@link ProviderModel}: a model as one provider serves it.
 *
 * @param value the identifier's text, never blank
 */
public record ProviderModelId(String value) {

  /** Checks the identifier's text. */
  public ProviderModelId {
    Checks.checkId(value, "provider model id");
  }

  /**
   * Returns the identifier with the given text.
   *
   * @param value the identifier's text
   * @return the identifier
   * @throws IllegalArgumentException if {@code value} is blank
   */
  public static ProviderModelId of(String value) {
    return new ProviderModelId(value);
  }

  /**
   * Returns a new, random identifier.
   *
   * @return an identifier no other object has
   */
  public static ProviderModelId random() {
    return new ProviderModelId(Checks.randomId());
  }

  @Override
  public String toString() {
    return value;
  }
}
