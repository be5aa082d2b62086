package dev.codevector.access;

import java.util.Objects;

/**
 * Who sent a request, as {@link Access#authenticate(String)} found out from its API key. Instances
 * are immutable.
 *
 * @param userId the user the key belongs to
 * @param keyId the key that authenticated the request
 */
public record Caller(UserId userId, ApiKeyId keyId) {

  /** Checks the fields. */
  public Caller {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(keyId, "keyId");
  }
}
