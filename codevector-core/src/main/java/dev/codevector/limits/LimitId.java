package dev.codevector.limits;

import dev.codevector.registry.Checks;

/**
 * The opaque, immutable identifier of a {@link Limit}.
 *
 * @param value the identifier's text, never blank
 */
public record LimitId(String value) {

  /** Checks the identifier's text. */
  public LimitId {
    Checks.checkId(value, "limit id");
  }

  /**
   * Returns the identifier with the given text.
   *
   * @param value the identifier's text
   * @return the identifier
   * @throws IllegalArgumentException if {@code value} is blank
   */
  public static LimitId of(String value) {
    return new LimitId(value);
  }

  /**
   * Returns a new, random identifier.
   *
   * @return an identifier no other object has
   */
  public static LimitId random() {
    return new LimitId(Checks.randomId());
  }

  @Override
  public String toString() {
    return value;
  }
}
