package dev.codevector.limits;

import dev.codevector.access.ApiKeyId;
import dev.codevector.access.GroupId;
import dev.codevector.access.UserId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who makes a request, as far as limits are concerned: the API key and its user with the user's
 * groups, when the request was authenticated; nobody in particular otherwise, when only the limits
 * on everyone apply. Instances are immutable.
 *
 * @param keyId the key the request was made with, if any
 * @param userId the user who made it, if known
 * @param groupIds the user's groups; empty without a user
 */
public record Subject(Optional<ApiKeyId> keyId, Optional<UserId> userId, Set<GroupId> groupIds) {

  /** Checks the fields and copies the groups. */
  public Subject {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(userId, "userId");
    groupIds = Set.copyOf(groupIds);
    if (userId.isEmpty() && (keyId.isPresent() || !groupIds.isEmpty())) {
      throw new IllegalArgumentException("a key or groups without a user");
    }
  }

  /**
   * Returns the subject of a request nobody in particular makes, such as an application's own call
   * in-process: only the limits on everyone apply to it.
   *
   * @return the anonymous subject
   */
  public static Subject anyone() {
    return new Subject(Optional.empty(), Optional.empty(), Set.of());
  }

  /**
   * Returns the subject of a request a user makes with one of its keys.
   *
   * @param keyId the key's id
   * @param userId the key's user
   * @param groupIds the user's groups
   * @return the subject
   */
  public static Subject of(ApiKeyId keyId, UserId userId, Set<GroupId> groupIds) {
    return new Subject(
        Optional.of(Objects.requireNonNull(keyId, "keyId")),
        Optional.of(Objects.requireNonNull(userId, "userId")),
        groupIds);
  }
}
