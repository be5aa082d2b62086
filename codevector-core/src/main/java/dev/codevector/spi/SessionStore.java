package dev.codevector.spi;

import dev.codevector.registry.AlreadyExistsException;
import java.time.Instant;
import java.util.Optional;

/**
 * The admin console's sessions a {@link Store} keeps, under the rules of the {@link Store}
 * contract, so that every server process sharing the store serves every session. A session is known
 * by the SHA-256 hash of its id, which is unique: a session inserted under a hash that is taken is
 * refused with {@link ConsoleSession#duplicate()}. Sessions have no version: they are inserted,
 * touched when used and deleted. The store keeps them as given and judges none: a find returns a
 * session whether or not it has expired, until it is deleted.
 */
public interface SessionStore {

  /**
   * Inserts a session.
   *
   * @param session the session
   * @throws AlreadyExistsException if a session with the same hash exists; then nothing is written
   */
  void putSession(ConsoleSession session);

  /**
   * Returns the session with the given hash, expired or not.
   *
   * @param idHash the SHA-256 hash of the session id
   * @return the session, or empty
   */
  Optional<ConsoleSession> findSession(byte[] idHash);

  /**
   * Records a use of a session: sets its last use and its expiry, but only if the given last use is
   * later than the stored one, so that of two processes touching a session at once the later use
   * wins whatever the order of their writes.
   *
   * @param idHash the SHA-256 hash of the session id
   * @param lastUsedAt when the session was used
   * @param expiresAt when it ends unless used again, after {@code lastUsedAt}
   * @return true if the session was changed; false if there is none with that hash or its stored
   *     last use is not earlier than {@code lastUsedAt}
   * @throws IllegalArgumentException if {@code expiresAt} is not after {@code lastUsedAt}
   */
  boolean touchSession(byte[] idHash, Instant lastUsedAt, Instant expiresAt);

  /**
   * Deletes a session.
   *
   * @param idHash the SHA-256 hash of the session id
   * @return true if there was a session with that hash
   */
  boolean deleteSession(byte[] idHash);

  /**
   * Deletes every session expired at an instant: those whose {@code expiresAt} is not after it.
   *
   * @param now the instant
   * @return how many sessions were deleted
   */
  int deleteExpiredSessions(Instant now);
}
