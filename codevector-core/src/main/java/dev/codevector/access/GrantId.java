package dev.codevector.access;

import dev.codevector.registry.Checks;

/**
 * The opaque, immutable identifier of a {@link Grant}.
 *
 * @param value the identifier's text, never blank
 */
public record GrantId(String value) {

  /** Checks the identifier's text. */
  public GrantId {
    Checks.checkId(value, "grant id");
  }

  /**
   * Returns the identifier with the given text.
   *
   * @param value the identifier's text
   * @return the identifier
   * @throws IllegalArgumentException if {@code value} is blank
   */
  public static GrantId of(String value) {
    return new GrantId(value);
  }

  /**
   * Returns a new, random identifier.
   *
   * @return an identifier no other object has
   */
  public static GrantId random() {
    return new GrantId(Checks.randomId());
  }

  @Override
  public String toString() {
    return value;
  }
}
