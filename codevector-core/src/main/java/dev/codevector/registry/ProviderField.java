package dev.codevector.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One credential or configuration field that a {@link ProviderKind} takes, described so that forms
 * and scripts need no special cases per kind.
 *
 * @param name the field's key in a Provider's credentials or configuration, such as {@code apiKey}
 * @param label the field's human-readable label, such as {@code API key}
 * @param required whether every Provider of the kind must have a value
 * @param secret whether the value is a credential: sealed at rest and never shown again
 * @param format the shape a value must have
 * @param defaultValue the value used when an optional field is left out
 */
public record ProviderField(
    String name,
    String label,
    boolean required,
    boolean secret,
    Format format,
    Optional<String> defaultValue) {

  /** The shapes a field's value can take; each checks a value and gives it its canonical form. */
  public enum Format {
    /** An absolute {@code http} or {@code https} URL without query, fragment or user info. */
    URL,
    /** A single line of text. */
    TEXT,
    /**
     * A cloud region or location such as {@code us-east-1}, {@code us-central1} or {@code global}.
     */
    REGION,
    /** An API version such as {@code 2024-10-21} or {@code 2025-04-01-preview}. */
    API_VERSION,
    /** A Google Cloud project id. */
    PROJECT,
    /** A whole number of seconds, from 1 to 86400. */
    SECONDS,
    /**
     * A secret token such as an API key, sent in an HTTP header: visible ASCII characters only, so
     * no white space, no control characters and nothing a header cannot carry.
     */
    TOKEN,
    /** A secret document such as a service-account JSON key. */
    DOCUMENT
  }

  private static final int MAX_LINE = 2_048;
  private static final int MAX_DOCUMENT = 65_536;
  private static final Pattern REGION = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  private static final Pattern API_VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,39}");
  private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");

  /** Checks the description. */
  public ProviderField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(defaultValue, "defaultValue");
  }

  static ProviderField config(String name, String label, Format format, boolean required) {
    return new ProviderField(name, label, required, false, format, Optional.empty());
  }

  static ProviderField config(String name, String label, Format format, String defaultValue) {
    return new ProviderField(name, label, false, false, format, Optional.of(defaultValue));
  }

  static ProviderField credential(String name, String label, Format format, boolean required) {
    return new ProviderField(name, label, required, true, format, Optional.empty());
  }

  /**
   * Checks a value for this field and returns it in canonical form: surrounding white space
   * removed, and a URL without a trailing slash.
   *
   * @param key the name to report in errors, such as {@code config.baseUrl}
   * @param value the value to check
   * @return the canonical value
   * @throws ValidationException if the value does not have this field's format; for a secret field
   *     the message never contains the value
   */
  public String check(String key, String value) {
    Objects.requireNonNull(key, "key");
    if (value == null || value.isBlank()) {
      throw invalid(key, value, "must not be blank");
    }
    String trimmed = value.strip();
    if (format == Format.DOCUMENT) {
      if (trimmed.length() > MAX_DOCUMENT) {
        throw invalid(key, trimmed, "must be at most " + MAX_DOCUMENT + " characters");
      }
      return trimmed;
    }
    if (trimmed.length() > MAX_LINE) {
      throw invalid(key, trimmed, "must be at most " + MAX_LINE + " characters");
    }
    if (trimmed.chars().anyMatch(c -> Character.isISOControl(c))) {
      throw invalid(key, trimmed, "must not contain control characters");
    }
    switch (format) {
      case URL:
        return checkUrl(key, trimmed);
      case REGION:
        return matching(key, trimmed, REGION, "must be a region such as us-east-1 or us-central1");
      case API_VERSION:
        return matching(key, trimmed, API_VERSION, "must be an API version such as 2024-10-21");
      case PROJECT:
        return matching(key, trimmed, PROJECT, "must be a Google Cloud project id");
      case SECONDS:
        return checkSeconds(key, trimmed);
      case TOKEN:
        if (!trimmed.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
          throw invalid(
              key, trimmed, "must contain only visible ASCII characters, without white space");
        }
        return trimmed;
      default:
        return trimmed;
    }
  }

  private String checkUrl(String key, String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw invalid(key, value, "must be a URL");
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw invalid(key, value, "must be an http or https URL");
    }
    if (uri.getHost() == null) {
      throw invalid(key, value, "must name a host");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw invalid(key, value, "must not contain user info, a query or a fragment");
    }
    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }

  private String checkSeconds(String key, String value) {
    if (!value.matches("[0-9]{1,5}")
        || Integer.parseInt(value) < 1
        || Integer.parseInt(value) > 86_400) {
      throw invalid(key, value, "must be a whole number of seconds from 1 to 86400");
    }
    return Integer.toString(Integer.parseInt(value));
  }

  private String matching(String key, String value, Pattern pattern, String problem) {
    if (!pattern.matcher(value).matches()) {
      throw invalid(key, value, problem);
    }
    return value;
  }

  private ValidationException invalid(String key, String value, String problem) {
    return secret
        ? ValidationException.ofSecret(key, problem)
        : new ValidationException(key, value, problem);
  }
}
