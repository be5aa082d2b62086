package dev.codevector.access;

import dev.codevector.registry.Checks;

/**
 * The opaque, immutable identifier of a {@link Group} of users.
 *
 * @param value the identifier's text, never blank
 */
public record GroupId(String value) {

  /** Checks the identifier's text. */
  public GroupId {
    Checks.checkId(value, "group id");
  }

  /**
   * Returns the identifier with the given text.
   *
   * @param value the identifier's text
   * @return the identifier
   * @throws IllegalArgumentException if {@code value} is blank
   */
  public static GroupId of(String value) {
    return new GroupId(value);
  }

  /**
   * Returns a new, random identifier.
   *
   * @return an identifier no other object has
   */
  public static GroupId random() {
    return new GroupId(Checks.randomId());
  }

  @Override
  public String toString() {
    return value;
  }
}
