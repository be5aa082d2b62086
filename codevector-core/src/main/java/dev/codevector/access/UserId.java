package dev.codevector.access;

import dev.codevector.registry.Checks;

/**
 * The opaque, immutable identifier of a {@link User}.
 *
 * @param value the identifier's text, never blank
 */
public record UserId(String value) {

  /** Checks the identifier's text. */
  public UserId {
    Checks.checkId(value, "user id");
  }

  /**
   * Returns the identifier with the given text.
   *
   * @param value the identifier's text
   * @return the identifier
   * @throws IllegalArgumentException if {@code value} is blank
   */
  public static UserId of(String value) {
    return new UserId(value);
  }

  /**
   * Returns a new, random identifier.
   *
   * @return an identifier no other object has
   */
  public static UserId random() {
    return new UserId(Checks.randomId());
  }

  @Override
  public String toString() {
    return value;
  }
}
