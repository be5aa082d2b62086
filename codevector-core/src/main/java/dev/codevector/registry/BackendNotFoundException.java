package dev.codevector.registry;

import java.util.Objects;

/** Thrown when no backend has the requested id. */
public final class BackendNotFoundException extends NotFoundException {
  private static final long serialVersionUID = 1L;

  private final transient BackendId backendId;

  /**
   * Creates an exception for the missing backend.
   *
   * @param backendId the id that was looked for
   */
  public BackendNotFoundException(BackendId backendId) {
    super("backend", Objects.requireNonNull(backendId, "backendId").value());
    this.backendId = backendId;
  }

  /**
   * Returns the id that was looked for.
   *
   * @return the id
   */
  public BackendId backendId() {
    return backendId;
  }
}
