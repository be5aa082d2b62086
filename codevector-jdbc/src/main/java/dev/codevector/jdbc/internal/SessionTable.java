package dev.codevector.jdbc.internal;

import dev.codevector.spi.ConsoleSession;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Console sessions in the {@code console_sessions} table, by the SHA-256 hash of their id as bytes.
 * A touch is one conditional update, so that of touches racing on any number of processes the
 * latest use wins. Thread-safe.
 */
public final class SessionTable {
  private final Database database;

  /**
   * Creates access to the table.
   *
   * @param database the database
   */
  public SessionTable(Database database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /**
   * Inserts a session.
   *
   * @param session the session
   */
  public void insert(ConsoleSession session) {
    database.inTransaction(
        "store a console session",
        h ->
            Constraint.execute(
                h.createUpdate(
                        "INSERT INTO console_sessions (id_hash, created_at, last_used_at,"
                            + " expires_at) VALUES (:hash, :createdAt, :lastUsedAt, :expiresAt)")
                    .bind("hash", session.idHash())
                    .bind("createdAt", session.createdAt())
                    .bind("lastUsedAt", session.lastUsedAt())
                    .bind("expiresAt", session.expiresAt()),
                Map.of(Constraint.PK_CONSOLE_SESSIONS, session::duplicate)));
  }

  /**
   * Returns the session with the given hash.
   *
   * @param hash the SHA-256 hash of the session id
   * @return the session, or empty
   */
  public Optional<ConsoleSession> find(byte[] hash) {
    return database.withHandle(
        "read a console session",
        h ->
            h.createQuery(
                    "SELECT id_hash, created_at, last_used_at, expires_at FROM console_sessions"
                        + " WHERE id_hash = :hash")
                .bind("hash", hash)
                .map(
                    (rs, context) ->
                        new ConsoleSession(
                            rs.getBytes("id_hash"),
                            Columns.instant(rs, "created_at"),
                            Columns.instant(rs, "last_used_at"),
                            Columns.instant(rs, "expires_at")))
                .findOne());
  }

  /**
   * Sets a session's last use and expiry if its stored last use is earlier.
   *
   * @param hash the SHA-256 hash of the session id
   * @param lastUsedAt the new last use
   * @param expiresAt the new expiry
   * @return true if the session was changed
   */
  public boolean touch(byte[] hash, Instant lastUsedAt, Instant expiresAt) {
    return database.inTransaction(
        "touch a console session",
        h ->
            h.createUpdate(
                        "UPDATE console_sessions SET last_used_at = :lastUsedAt,"
                            + " expires_at = :expiresAt"
                            + " WHERE id_hash = :hash AND last_used_at < :lastUsedAt")
                    .bind("hash", hash)
                    .bind("lastUsedAt", lastUsedAt)
                    .bind("expiresAt", expiresAt)
                    .execute()
                > 0);
  }

  /**
   * Deletes a session.
   *
   * @param hash the SHA-256 hash of the session id
   * @return true if there was one
   */
  public boolean delete(byte[] hash) {
    return database.inTransaction(
        "delete a console session",
        h ->
            h.createUpdate("DELETE FROM console_sessions WHERE id_hash = :hash")
                    .bind("hash", hash)
                    .execute()
                > 0);
  }

  /**
   * Deletes the sessions expired at an instant.
   *
   * @param now the instant
   * @return how many were deleted
   */
  public int deleteExpired(Instant now) {
    return database.inTransaction(
        "delete expired console sessions",
        h ->
            h.createUpdate("DELETE FROM console_sessions WHERE expires_at <= :now")
                .bind("now", now)
                .execute());
  }
}
