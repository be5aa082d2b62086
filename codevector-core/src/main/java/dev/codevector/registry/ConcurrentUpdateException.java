package dev.codevector.registry;

import dev.codevector.CodeVectorException;
import java.util.Objects;

/**
 * Thrown when an update was based on a version of an object that another writer has changed in the
 * meantime. Of two writers racing on one version, exactly one wins and the other gets this
 * exception; read the object again and retry.
 */
public final class ConcurrentUpdateException extends CodeVectorException {
  private static final long serialVersionUID = 1L;

  /** The kind of thing, such as {@code provider}. */
  private final String what;

  /** The id of the thing changed meanwhile. */
  private final String id;

  /** The version the update was based on. */
  private final long expectedVersion;

  /**
   * Creates an exception for a lost race.
   *
   * @param what the kind of object, such as {@code model}
   * @param id the object's id
   * @param expectedVersion the version the update was based on
   */
  public ConcurrentUpdateException(String what, String id, long expectedVersion) {
    super(
        Objects.requireNonNull(what, "what")
            + " '"
            + Objects.requireNonNull(id, "id")
            + "' was changed concurrently (expected version "
            + expectedVersion
            + ")");
    this.what = what;
    this.id = id;
    this.expectedVersion = expectedVersion;
  }

  /**
   * Returns the kind of object that was changed concurrently.
   *
   * @return the kind, such as {@code provider}
   */
  public String what() {
    return what;
  }

  /**
   * Returns the id of the object that was changed concurrently.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * Returns the version the lost update was based on.
   *
   * @return the expected version
   */
  public long expectedVersion() {
    return expectedVersion;
  }
}
