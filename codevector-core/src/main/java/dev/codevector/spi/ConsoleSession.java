package dev.codevector.spi;

import dev.codevector.registry.AlreadyExistsException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A session of the admin console as a {@link Store} keeps it: the SHA-256 hash of the session id
 * the browser holds in its cookie (never the id itself), when it was opened and last used, and when
 * it expires unless used again. The hash is copied in and out; instances are immutable.
 *
 * @param idHash the SHA-256 hash of the session id, 32 bytes
 * @param createdAt when the session was opened
 * @param lastUsedAt when the session was last used, not before {@code createdAt}
 * @param expiresAt when the session ends unless it is used again, after {@code lastUsedAt}
 */
public record ConsoleSession(
    byte[] idHash, Instant createdAt, Instant lastUsedAt, Instant expiresAt) {
  /** The length of a SHA-256 hash, in bytes. */
  public static final int HASH_LENGTH = 32;

  /** Copies the hash and checks the fields. */
  public ConsoleSession {
    idHash = Objects.requireNonNull(idHash, "idHash").clone();
    if (idHash.length != HASH_LENGTH) {
      throw new IllegalArgumentException(
          "a session id hash has " + HASH_LENGTH + " bytes, not " + idHash.length);
    }
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (lastUsedAt.isBefore(createdAt)) {
      throw new IllegalArgumentException("a session cannot be used before it is opened");
    }
    if (!expiresAt.isAfter(lastUsedAt)) {
      throw new IllegalArgumentException("a session must expire after its last use");
    }
  }

  /**
   * Returns a copy of the hash of the session id.
   *
   * @return the SHA-256 hash, 32 bytes
   */
  @Override
  public byte[] idHash() {
    return idHash.clone();
  }

  /**
   * Tells whether the session has ended at an instant: it has from its {@code expiresAt} on.
   *
   * @param now the instant
   * @return true if the session is expired at {@code now}
   */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /**
   * Returns the error for this session when another one has the same hash, naming the hash's first
   * four bytes; for {@link Store} implementations, so that every store refuses with the same
   * message.
   *
   * @return the error
   */
  public AlreadyExistsException duplicate() {
    return new AlreadyExistsException("console session", HexFormat.of().formatHex(idHash, 0, 4));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ConsoleSession session
        && Arrays.equals(idHash, session.idHash)
        && createdAt.equals(session.createdAt)
        && lastUsedAt.equals(session.lastUsedAt)
        && expiresAt.equals(session.expiresAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(idHash), createdAt, lastUsedAt, expiresAt);
  }

  @Override
  public String toString() {
    return "ConsoleSession[createdAt="
        + createdAt
        + ", lastUsedAt="
        + lastUsedAt
        + ", expiresAt="
        + expiresAt
        + "]";
  }
}
