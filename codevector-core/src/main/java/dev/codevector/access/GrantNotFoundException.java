package dev.codevector.access;

import dev.codevector.registry.NotFoundException;
import java.util.Objects;

/** Thrown when no grant has the requested id. */
public final class GrantNotFoundException extends NotFoundException {
  private static final long serialVersionUID = 1L;

  private final transient GrantId grantId;

  /**
   * Creates an exception for the missing grant.
   *
   * @param grantId the id that was looked for
   */
  public GrantNotFoundException(GrantId grantId) {
    super("grant", Objects.requireNonNull(grantId, "grantId").value());
    this.grantId = grantId;
  }

  /**
   * Returns the id that was looked for.
   *
   * @return the id
   */
  public GrantId grantId() {
    return grantId;
  }
}
