package dev.codevector.store;

import dev.codevector.spi.ConsoleSession;
import dev.codevector.spi.SessionStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The console sessions of an {@link InMemoryStore}, by the hex of their id hash. */
final class InMemorySessionStore implements SessionStore {
  private final Object lock;
  // Guarded by lock
  private final Map<String, ConsoleSession> byHash = new HashMap<>();

  InMemorySessionStore(Object lock) {
    this.lock = lock;
  }

  @Override
  public void putSession(ConsoleSession session) {
    Objects.requireNonNull(session, "session");
    synchronized (lock) {
      if (byHash.putIfAbsent(Tables.hex(session.idHash()), session) != null) {
        throw session.duplicate();
      }
    }
  }

  @Override
  public Optional<ConsoleSession> findSession(byte[] idHash) {
    synchronized (lock) {
      return Optional.ofNullable(byHash.get(key(idHash)));
    }
  }

  @Override
  public boolean touchSession(byte[] idHash, Instant lastUsedAt, Instant expiresAt) {
    Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    if (!Objects.requireNonNull(expiresAt, "expiresAt").isAfter(lastUsedAt)) {
      throw new IllegalArgumentException("a session must expire after its last use");
    }
    String key = key(idHash);
    synchronized (lock) {
      ConsoleSession stored = byHash.get(key);
      if (stored == null || !stored.lastUsedAt().isBefore(lastUsedAt)) {
        return false;
      }
      byHash.put(
          key, new ConsoleSession(stored.idHash(), stored.createdAt(), lastUsedAt, expiresAt));
      return true;
    }
  }

  @Override
  public boolean deleteSession(byte[] idHash) {
    String key = key(idHash);
    synchronized (lock) {
      return byHash.remove(key) != null;
    }
  }

  @Override
  public int deleteExpiredSessions(Instant now) {
    Objects.requireNonNull(now, "now");
    synchronized (lock) {
      int before = byHash.size();
      byHash.values().removeIf(session -> session.isExpiredAt(now));
      return before - byHash.size();
    }
  }

  private static String key(byte[] idHash) {
    return Tables.hex(Objects.requireNonNull(idHash, "idHash"));
  }
}
