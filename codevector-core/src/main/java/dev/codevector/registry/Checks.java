package dev.codevector.registry;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Field checks of the registry's and the access model's values, and the text of new identifiers;
 * each failure names the field and the value.
 */
public final class Checks {
  private static final Pattern SLUG = Pattern.compile("[a-z0-9-]+");
  private static final int MAX_SLUG = 64;
  private static final int MAX_MODEL_ID = 200;
  private static final int MAX_NAME = 100;

  private Checks() {}

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

  static boolean isSlug(String value) {
    return !value.isEmpty() && value.length() <= MAX_SLUG && SLUG.matcher(value).matches();
  }

  /** A Model slug: lowercase letters, digits and hyphens. */
  static String slug(String value) {
    required("slug", value);
    if (value.isEmpty() || value.length() > MAX_SLUG) {
      throw new ValidationException("slug", value, "must be 1 to " + MAX_SLUG + " characters long");
    }
    if (!SLUG.matcher(value).matches()) {
      throw new ValidationException(
          "slug", value, "must contain only lowercase letters, digits and hyphens");
    }
    return value;
  }

  /** An upstream model id as the provider's API expects it: no white space. */
  static String upstreamModelId(String value) {
    required("modelId", value);
    if (value.isEmpty() || value.length() > MAX_MODEL_ID) {
      throw new ValidationException(
          "modelId", value, "must be 1 to " + MAX_MODEL_ID + " characters long");
    }
    if (value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw new ValidationException("modelId", value, "must not contain white space");
    }
    return value;
  }

  static int positive(String field, int value) {
    if (value <= 0) {
      throw new ValidationException(field, Integer.toString(value), "must be positive");
    }
    return value;
  }

  static double between(String field, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new ValidationException(
          field, Double.toString(value), "must be between " + min + " and " + max);
    }
    return value;
  }

  static void times(Instant createdAt, Instant updatedAt) {
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  private static String required(String field, String value) {
    if (value == null) {
      throw new ValidationException(field, null, "is required");
    }
    return value;
  }
}
