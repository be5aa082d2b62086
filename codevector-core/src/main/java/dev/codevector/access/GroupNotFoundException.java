package dev.codevector.access;

import dev.codevector.registry.NotFoundException;
import java.util.Objects;

/** Thrown when no group has the requested id. */
public final class GroupNotFoundException extends NotFoundException {
  private static final long serialVersionUID = 1L;

  private final transient GroupId groupId;

  /**
   * Creates an exception for the missing group.
   *
   * @param groupId the id that was looked for
   */
  public GroupNotFoundException(GroupId groupId) {
    super("group", Objects.requireNonNull(groupId, "groupId").value());
    this.groupId = groupId;
  }

  /**
   * Returns the id that was looked for.
   *
   * @return the id
   */
  public GroupId groupId() {
    return groupId;
  }
}
