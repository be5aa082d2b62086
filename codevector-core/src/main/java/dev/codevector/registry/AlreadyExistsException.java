package dev.codevector.registry;

import dev.codevector.CodeVectorException;
import java.util.Objects;

/**
 * Thrown when creating or renaming an object would break a uniqueness rule: a second Model with the
 * same slug, a second Provider with the same name, the same upstream model id twice at one
 * Provider, or the same Provider Model wired twice to one Model.
 */
public final class AlreadyExistsException extends CodeVectorException {
  private static final long serialVersionUID = 1L;

  /** The kind of thing, such as {@code model}. */
  private final String what;

  /** The value that is taken, such as the slug. */
  private final String value;

  /**
   * Creates an exception naming the unique key that is taken.
   *
   * @param what the unique key, such as {@code model slug}
   * @param value the value that is taken
   */
  public AlreadyExistsException(String what, String value) {
    super(
        Objects.requireNonNull(what, "what")
            + " '"
            + Objects.requireNonNull(value, "value")
            + "' already exists");
    this.what = what;
    this.value = value;
  }

  /**
   * Returns the unique key that is taken, such as {@code model slug}.
   *
   * @return the key's name
   */
  public String what() {
    return what;
  }

  /**
   * Returns the value that is taken.
   *
   * @return the value
   */
  public String value() {
    return value;
  }
}
