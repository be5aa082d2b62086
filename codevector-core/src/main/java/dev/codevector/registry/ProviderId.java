package dev.codevector.registry;

/**
 * The opaque, immutable identifier of a {@link Provider}: an upstream account.
 *
 * @param value the identifier's text, never blank
 */
public record ProviderId(String value) {

  /** Checks the identifier's text. */
  public ProviderId {
    Checks.checkId(value, "provider id");
  }

  /**
   * Returns the identifier with the given text.
   *
   * @param value the identifier's text
   * @return the identifier
   * @throws IllegalArgumentException if {@code value} is blank
   */
  public static ProviderId of(String value) {
    return new ProviderId(value);
  }

  /**
   * Returns a new, random identifier.
   *
   * @return an identifier no other object has
   */
  public static ProviderId random() {
    return new ProviderId(Checks.randomId());
  }

  @Override
  public String toString() {
    return value;
  }
}
