package dev.codevector.access;

import dev.codevector.registry.Checks;

/**
 * The opaque, immutable identifier of an {@link ApiKey}; not the key itself, which is secret.
 *
 * @param value the identifier's text, never blank
 */
public record ApiKeyId(String value) {

  /** Checks the identifier's text. */
  public ApiKeyId {
    Checks.checkId(value, "api key id");
  }

  /**
   * Returns the identifier with the given text.
   *
   * @param value the identifier's text
   * @return the identifier
   * @throws IllegalArgumentException if {@code value} is blank
   */
  public static ApiKeyId of(String value) {
    return new ApiKeyId(value);
  }

  /**
   * Returns a new, random identifier.
   *
   * @return an identifier no other object has
   */
  public static ApiKeyId random() {
    return new ApiKeyId(Checks.randomId());
  }

  @Override
  public String toString() {
    return value;
  }
}
