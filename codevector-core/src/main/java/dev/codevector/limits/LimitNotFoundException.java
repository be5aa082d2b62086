package dev.codevector.limits;

import dev.codevector.registry.NotFoundException;
import java.util.Objects;

/** Thrown when no limit has the requested id. */
public final class LimitNotFoundException extends NotFoundException {
  private static final long serialVersionUID = 1L;

  private final transient LimitId limitId;

  /**
   * Creates an exception for the missing limit.
   *
   * @param limitId the id that was looked for
   */
  public LimitNotFoundException(LimitId limitId) {
    super("limit", Objects.requireNonNull(limitId, "limitId").value());
    this.limitId = limitId;
  }

  /**
   * Returns the id that was looked for.
   *
   * @return the id
   */
  public LimitId limitId() {
    return limitId;
  }
}
