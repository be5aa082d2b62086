package dev.codevector.registry;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Field checks shared by the registry's values; each failure names the field and the value. Checks
 * that other packages share, such as display names, are in {@code dev.codevector.internal.Fields}.
 */
final class Checks {
  private static final Pattern SLUG = Pattern.compile("[a-z0-9-]+");
  private static final int MAX_SLUG = 64;
  private static final int MAX_MODEL_ID = 200;

  private Checks() {}

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
