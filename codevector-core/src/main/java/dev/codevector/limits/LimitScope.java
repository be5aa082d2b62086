package dev.codevector.limits;

import dev.codevector.access.ApiKeyId;
import dev.codevector.access.GroupId;
import dev.codevector.access.UserId;
import java.util.Objects;

/**
 * Whose requests a {@link Limit} counts: those made with one API key, by one user (with any of the
 * user's keys), by the members of one group, or by everyone.
 */
public sealed interface LimitScope {

  /**
   * Tells whether the scope covers a request made by a subject.
   *
   * @param subject who makes the request
   * @return true if the limit counts the request
   */
  boolean covers(Subject subject);

  /**
   * The requests made with one API key.
   *
   * @param keyId the key's id
   */
  record Key(ApiKeyId keyId) implements LimitScope {
    /** Checks the key's id. */
    public Key {
      Objects.requireNonNull(keyId, "keyId");
    }

    @Override
    public boolean covers(Subject subject) {
      return subject.keyId().filter(keyId::equals).isPresent();
    }

    @Override
    public String toString() {
      return "key '" + keyId + "'";
    }
  }

  /**
   * The requests made by one user, with any of the user's keys.
   *
   * @param userId the user's id
   */
  record User(UserId userId) implements LimitScope {
    /** Checks the user's id. */
    public User {
      Objects.requireNonNull(userId, "userId");
    }

    @Override
    public boolean covers(Subject subject) {
      return subject.userId().filter(userId::equals).isPresent();
    }

    @Override
    public String toString() {
      return "user '" + userId + "'";
    }
  }

  /**
   * The requests made by the members of one group, counted together.
   *
   * @param groupId the group's id
   */
  record Group(GroupId groupId) implements LimitScope {
    /** Checks the group's id. */
    public Group {
      Objects.requireNonNull(groupId, "groupId");
    }

    @Override
    public boolean covers(Subject subject) {
      return subject.groupIds().contains(groupId);
    }

    @Override
    public String toString() {
      return "group '" + groupId + "'";
    }
  }

  /** Every request, whoever makes it, counted together. */
  record All() implements LimitScope {
    @Override
    public boolean covers(Subject subject) {
      return true;
    }

    @Override
    public String toString() {
      return "everyone";
    }
  }
}
