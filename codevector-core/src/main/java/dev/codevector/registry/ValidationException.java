package dev.codevector.registry;

import dev.codevector.CodeVectorException;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown when input to the registry breaks a rule: a malformed slug, a missing required field, a
 * Backend whose kind differs from its Model's. The message names the field and, unless the field
 * holds a secret, the offending value.
 */
public final class ValidationException extends CodeVectorException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_SHOWN_VALUE = 120;

  /** The field whose value is refused. */
  private final String field;

  private final transient String value;

  /**
   * Creates an exception for a field whose value breaks a rule.
   *
   * @param field the field's name, such as {@code slug}
   * @param value the offending value, or null when it was missing
   * @param problem what is wrong, such as {@code must not be blank}
   */
  public ValidationException(String field, String value, String problem) {
    super(message(field, value, problem));
    this.field = Objects.requireNonNull(field, "field");
    this.value = value;
  }

  private ValidationException(String field, String problem) {
    super(field + " " + problem);
    this.field = field;
    this.value = null;
  }

  /**
   * Creates an exception for a secret field; the message never shows the value.
   *
   * @param field the secret field's name, such as {@code credentials.apiKey}
   * @param problem what is wrong
   * @return the exception
   */
  public static ValidationException ofSecret(String field, String problem) {
    return new ValidationException(Objects.requireNonNull(field, "field"), problem);
  }

  /**
   * Returns the name of the field that broke a rule.
   *
   * @return the field's name
   */
  public String field() {
    return field;
  }

  /**
   * Returns the offending value; empty when it was missing or is secret.
   *
   * @return the value
   */
  public Optional<String> value() {
    return Optional.ofNullable(value);
  }

  private static String message(String field, String value, String problem) {
    if (value == null) {
      return field + " " + problem;
    }
    String shown =
        value.length() > MAX_SHOWN_VALUE ? value.substring(0, MAX_SHOWN_VALUE) + "..." : value;
    return field + " '" + shown + "' " + problem;
  }
}
