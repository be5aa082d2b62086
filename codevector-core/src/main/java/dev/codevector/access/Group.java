package dev.codevector.access;

import dev.codevector.registry.Checks;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A named set of users, so that a Model can be granted to all of them at once. A group and its
 * members are stored and versioned together. Instances are immutable; changes return copies.
 *
 * @param id the group's id
 * @param name the group's name: not blank, at most 100 characters; unique among groups
 * @param members the users in the group
 * @param createdAt when the group was created
 * @param version the stored version, for compare-and-set updates; 0 before it is first stored
 */
public record Group(GroupId id, String name, Set<UserId> members, Instant createdAt, long version) {

  /** Checks every field, trims the name and copies the members. */
  public Group {
    Objects.requireNonNull(id, "id");
    name = Checks.name("name", name);
    members = Set.copyOf(Objects.requireNonNull(members, "members"));
    Objects.requireNonNull(createdAt, "createdAt");
    Checks.checkVersion(version);
  }

  /**
   * Returns a new, not yet stored group without members.
   *
   * @param name the name
   * @param now the creation time
   * @return the group, at version 0
   * @throws dev.codevector.registry.ValidationException if the name is malformed
   */
  public static Group create(String name, Instant now) {
    return new Group(GroupId.random(), name, Set.of(), now, 0);
  }

  /**
   * Returns a copy at another stored version; for {@link dev.codevector.spi.Store} implementations,
   * which store each put at the next version.
   *
   * @param newVersion the version
   * @return the copy
   */
  public Group withVersion(long newVersion) {
    return new Group(id, name, members, createdAt, newVersion);
  }

  /**
   * Returns whether a user is a member.
   *
   * @param user the user's id
   * @return true if the user is in this group
   */
  public boolean hasMember(UserId user) {
    return members.contains(Objects.requireNonNull(user, "user"));
  }

  /**
   * Returns a copy with one more member; this group if the user is a member already.
   *
   * @param user the user's id
   * @return the changed copy
   */
  public Group withMember(UserId user) {
    if (hasMember(user)) {
      return this;
    }
    Set<UserId> changed = new HashSet<>(members);
    changed.add(user);
    return new Group(id, name, changed, createdAt, version);
  }

  /**
   * Returns a copy without a member; this group if the user is no member.
   *
   * @param user the user's id
   * @return the changed copy
   */
  public Group withoutMember(UserId user) {
    if (!hasMember(user)) {
      return this;
    }
    Set<UserId> changed = new HashSet<>(members);
    changed.remove(user);
    return new Group(id, name, changed, createdAt, version);
  }
}
