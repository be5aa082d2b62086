package dev.codevector.examples.store;

import dev.codevector.spi.ConsoleSession;
import dev.codevector.spi.SessionStore;
import java.time.Instant;
import java.util.Optional;

/**
 * The console sessions of a {@link JournalStore}: reads from memory, writes through the journal, so
 * that sessions outlive a restart as they do in a database.
 */
final class JournalSessionStore implements SessionStore {
  private final SessionStore memory;
  private final Journal journal;

  JournalSessionStore(SessionStore memory, Journal journal) {
    this.memory = memory;
    this.journal = journal;
  }

  @Override
  public void putSession(ConsoleSession session) {
    journal.write(Operation.PUT_SESSION, session);
  }

  @Override
  public Optional<ConsoleSession> findSession(byte[] idHash) {
    return memory.findSession(idHash);
  }

  @Override
  public boolean touchSession(byte[] idHash, Instant lastUsedAt, Instant expiresAt) {
    return journal.write(
        Operation.TOUCH_SESSION, new Operation.SessionUse(idHash, lastUsedAt, expiresAt));
  }

  @Override
  public boolean deleteSession(byte[] idHash) {
    return journal.write(Operation.DELETE_SESSION, idHash);
  }

  @Override
  public int deleteExpiredSessions(Instant now) {
    return journal.write(Operation.DELETE_EXPIRED_SESSIONS, now);
  }
}
