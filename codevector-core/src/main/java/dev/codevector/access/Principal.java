package dev.codevector.access;

import java.util.Objects;
import java.util.Optional;

/**
 * Whom a {@link Grant} names: one user, or one group and so each of its members. Exactly one of the
 * two is present. Instances are immutable.
 *
 * @param user the user, when the grant names a user
 * @param group the group, when the grant names a group
 */
public record Principal(Optional<UserId> user, Optional<GroupId> group) {

  /** Checks that exactly one of user and group is present. */
  public Principal {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(group, "group");
    if (user.isPresent() == group.isPresent()) {
      throw new IllegalArgumentException(
          "a principal is either a user or a group: " + user + group);
    }
  }

  /**
   * Returns the principal that is one user.
   *
   * @param user the user's id
   * @return the principal
   */
  public static Principal ofUser(UserId user) {
    return new Principal(Optional.of(Objects.requireNonNull(user, "user")), Optional.empty());
  }

  /**
   * Returns the principal that is every member of a group.
   *
   * @param group the group's id
   * @return the principal
   */
  public static Principal ofGroup(GroupId group) {
    return new Principal(Optional.empty(), Optional.of(Objects.requireNonNull(group, "group")));
  }

  /**
   * Returns {@code user '<id>'} or {@code group '<id>'}.
   *
   * @return the principal as error messages name it
   */
  @Override
  public String toString() {
    return user.map(u -> "user '" + u + "'").orElseGet(() -> "group '" + group.orElseThrow() + "'");
  }
}
