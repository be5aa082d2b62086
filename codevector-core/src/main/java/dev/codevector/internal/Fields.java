package dev.codevector.internal;

import dev.codevector.registry.ValidationException;
import java.util.Objects;
import java.util.UUID;

/**
 * Field checks and identifier generation shared by the public values of several packages; each
 * failure names the field and the value.
 */
public final class Fields {
  private static final int MAX_NAME = 100;

  private Fields() {}

  /**
   * Checks an identifier's text.
   *
   * @param value the text
   * @param what the kind of identifier, such as {@code provider id}
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is blank
   */
  public static void checkId(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException("blank " + what);
    }
  }

  /**
   * Returns the text of a new, random identifier.
   *
   * @return text no other identifier has
   */
  public static String randomId() {
    return UUID.randomUUID().toString();
  }

  /**
   * Checks a display name: one line, not blank, at most 100 characters once trimmed.
   *
   * @param field the field's name, for the error
   * @param value the name
   * @return the trimmed name
   * @throws ValidationException if the name is missing, blank, too long or holds control characters
   */
  public static String name(String field, String value) {
    if (value == null) {
      throw new ValidationException(field, null, "is required");
    }
    String trimmed = value.strip();
    if (trimmed.isEmpty()) {
      throw new ValidationException(field, value, "must not be blank");
    }
    if (trimmed.length() > MAX_NAME) {
      throw new ValidationException(field, trimmed, "must be at most " + MAX_NAME + " characters");
    }
    if (trimmed.chars().anyMatch(Character::isISOControl)) {
      throw new ValidationException(field, trimmed, "must not contain control characters");
    }
    return trimmed;
  }

  /**
   * Checks a stored version.
   *
   * @param version the version
   * @throws IllegalArgumentException if it is negative
   */
  public static void checkVersion(long version) {
    if (version < 0) {
      throw new IllegalArgumentException("negative version " + version);
    }
  }
}
