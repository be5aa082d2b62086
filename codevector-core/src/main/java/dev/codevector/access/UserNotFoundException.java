package dev.codevector.access;

import dev.codevector.registry.NotFoundException;
import java.util.Objects;

/** Thrown when no user has the requested id. */
public final class UserNotFoundException extends NotFoundException {
  private static final long serialVersionUID = 1L;

  private final transient UserId userId;

  /**
   * Creates an exception for the missing user.
   *
   * @param userId the id that was looked for
   */
  public UserNotFoundException(UserId userId) {
    super("user", Objects.requireNonNull(userId, "userId").value());
    this.userId = userId;
  }

  /**
   * Returns the id that was looked for.
   *
   * @return the id
   */
  public UserId userId() {
    return userId;
  }
}
