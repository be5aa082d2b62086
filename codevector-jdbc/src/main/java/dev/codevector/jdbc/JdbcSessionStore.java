package dev.codevector.jdbc;

import dev.codevector.jdbc.internal.Database;
import dev.codevector.jdbc.internal.SessionTable;
import dev.codevector.spi.ConsoleSession;
import dev.codevector.spi.SessionStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The console sessions of a {@link JdbcStore}, over their table. */
final class JdbcSessionStore implements SessionStore {
  private final SessionTable sessions;

  JdbcSessionStore(Database database) {
    this.sessions = new SessionTable(database);
  }

  @Override
  public void putSession(ConsoleSession session) {
    sessions.insert(Objects.requireNonNull(session, "session"));
  }

  @Override
  public Optional<ConsoleSession> findSession(byte[] idHash) {
    return sessions.find(Objects.requireNonNull(idHash, "idHash"));
  }

  @Override
  public boolean touchSession(byte[] idHash, Instant lastUsedAt, Instant expiresAt) {
    Objects.requireNonNull(idHash, "idHash");
    Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    if (!Objects.requireNonNull(expiresAt, "expiresAt").isAfter(lastUsedAt)) {
      throw new IllegalArgumentException("a session must expire after its last use");
    }
    return sessions.touch(idHash, lastUsedAt, expiresAt);
  }

  @Override
  public boolean deleteSession(byte[] idHash) {
    return sessions.delete(Objects.requireNonNull(idHash, "idHash"));
  }

  @Override
  public int deleteExpiredSessions(Instant now) {
    return sessions.deleteExpired(Objects.requireNonNull(now, "now"));
  }
}
