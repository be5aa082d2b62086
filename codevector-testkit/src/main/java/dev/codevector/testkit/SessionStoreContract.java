package dev.codevector.testkit;

import static dev.codevector.testkit.StoreFixtures.T0;
import static dev.codevector.testkit.StoreFixtures.awkwardBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.spi.ConsoleSession;
import dev.codevector.spi.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract a {@link Store} keeps for the admin console's sessions: {@link
 * dev.codevector.spi.SessionStore}. A Store implementation proves itself by extending this class
 * and returning a new, empty store from {@link #newStore()}; each test gets its own store and
 * closes it afterwards.
 */
public abstract class SessionStoreContract extends StoreContract {
  private static final Duration IDLE = Duration.ofHours(12);

  /** Creates the contract; a subclass supplies the store. */
  protected SessionStoreContract() {}

  /** A session opened and last used at {@code openedAt}, expiring {@link #IDLE} later. */
  private static ConsoleSession session(Instant openedAt) {
    return new ConsoleSession(
        awkwardBytes(ConsoleSession.HASH_LENGTH), openedAt, openedAt, openedAt.plus(IDLE));
  }

  @Test
  void sessionRoundTripsExactly() {
    ConsoleSession session = session(T0);

    sessions().putSession(session);

    assertEquals(
        Optional.of(session),
        sessions().findSession(session.idHash()),
        "a session round-trips: its hash byte for byte, its times to the microsecond");
    assertArrayEquals(session.idHash(), sessions().findSession(session.idHash()).get().idHash());
    assertEquals(
        Optional.empty(),
        sessions().findSession(awkwardBytes(ConsoleSession.HASH_LENGTH)),
        "a find of an unknown hash is empty");
  }

  @Test
  void sessionWithATakenHashIsRefusedAndNothingIsWritten() {
    ConsoleSession first = session(T0);
    sessions().putSession(first);
    ConsoleSession again =
        new ConsoleSession(first.idHash(), T0.plusSeconds(5), T0.plusSeconds(5), T0.plus(IDLE));

    AlreadyExistsException refused =
        assertThrows(AlreadyExistsException.class, () -> sessions().putSession(again));

    assertEquals(first.duplicate().getMessage(), refused.getMessage(), "the hash is unique");
    assertEquals(
        Optional.of(first), sessions().findSession(first.idHash()), "a refused put writes nothing");
  }

  @Test
  void touchMovesTheLastUseAndTheExpiryOnly() {
    ConsoleSession session = session(T0);
    sessions().putSession(session);
    Instant later = T0.plus(Duration.ofMinutes(3));

    boolean touched = sessions().touchSession(session.idHash(), later, later.plus(IDLE));

    assertTrue(touched, "a touch of a session at a later use changes it");
    assertEquals(
        Optional.of(new ConsoleSession(session.idHash(), T0, later, later.plus(IDLE))),
        sessions().findSession(session.idHash()),
        "a touch sets the last use and the expiry, and keeps when the session was opened");
  }

  @Test
  void touchNeverMovesALastUseBack() {
    ConsoleSession session = session(T0.plusSeconds(60));
    sessions().putSession(session);

    boolean same = sessions().touchSession(session.idHash(), T0.plusSeconds(60), T0.plus(IDLE));
    boolean earlier = sessions().touchSession(session.idHash(), T0, T0.plus(IDLE));

    assertFalse(same, "a touch at the stored last use changes nothing");
    assertFalse(earlier, "a touch at an earlier use changes nothing");
    assertEquals(Optional.of(session), sessions().findSession(session.idHash()));
  }

  @Test
  void touchOfAnUnknownSessionCreatesNothing() {
    byte[] unknown = awkwardBytes(ConsoleSession.HASH_LENGTH);

    boolean touched = sessions().touchSession(unknown, T0, T0.plus(IDLE));

    assertFalse(touched, "a touch of an unknown hash changes nothing");
    assertEquals(Optional.empty(), sessions().findSession(unknown), "a touch never inserts");
  }

  @Test
  void touchThatWouldExpireTheSessionAtItsUseIsRefused() {
    ConsoleSession session = session(T0);
    sessions().putSession(session);
    Instant later = T0.plusSeconds(60);

    assertThrows(
        IllegalArgumentException.class,
        () -> sessions().touchSession(session.idHash(), later, later),
        "a session must expire after its last use");
    assertEquals(Optional.of(session), sessions().findSession(session.idHash()));
  }

  @Test
  void deleteEndsASessionOnce() {
    ConsoleSession session = session(T0);
    ConsoleSession other = session(T0);
    sessions().putSession(session);
    sessions().putSession(other);

    assertTrue(sessions().deleteSession(session.idHash()), "a delete of a session is true");
    assertFalse(sessions().deleteSession(session.idHash()), "a delete of a gone session is false");
    assertEquals(Optional.empty(), sessions().findSession(session.idHash()));
    assertEquals(
        Optional.of(other), sessions().findSession(other.idHash()), "a delete ends one session");
  }

  @Test
  void expiredSessionsAreKeptUntilDeletedThenDeletedByTheirExpiry() {
    ConsoleSession first = session(T0);
    ConsoleSession second = session(T0.plus(Duration.ofHours(1)));
    ConsoleSession third = session(T0.plus(Duration.ofHours(2)));
    for (ConsoleSession session : List.of(first, second, third)) {
      sessions().putSession(session);
    }
    Instant now = second.expiresAt();

    Optional<ConsoleSession> expired = sessions().findSession(first.idHash());
    int deleted = sessions().deleteExpiredSessions(now);

    assertEquals(Optional.of(first), expired, "the store keeps expired sessions until deleted");
    assertEquals(2, deleted, "a session expired at its expiry is deleted with those before it");
    assertEquals(Optional.empty(), sessions().findSession(first.idHash()));
    assertEquals(Optional.empty(), sessions().findSession(second.idHash()));
    assertEquals(
        Optional.of(third),
        sessions().findSession(third.idHash()),
        "a session expiring after the instant is kept");
    assertEquals(0, sessions().deleteExpiredSessions(now), "deleting expired sessions again");
  }

  @Test
  void racingTouchesLeaveTheLatestUse() {
    List<ConsoleSession> perRound = new ArrayList<>();
    int touches = Race.WRITERS * Race.WRITES;
    Instant latest = T0.plus(Duration.ofMinutes(touches));

    Race.run(
        round -> {
          ConsoleSession session = session(T0);
          sessions().putSession(session);
          perRound.add(session);
        },
        (round, writer) -> {
          byte[] idHash = perRound.get(round).idHash();
          for (int i = 0; i < Race.WRITES; i++) {
            Instant usedAt = T0.plus(Duration.ofMinutes(1 + i * Race.WRITERS + writer));
            boolean touched = sessions().touchSession(idHash, usedAt, usedAt.plus(IDLE));
            assertTrue(
                touched || !usedAt.equals(latest),
                "touchSession at the latest use must always change the session");
          }
        },
        round ->
            assertEquals(
                Optional.of(
                    new ConsoleSession(
                        perRound.get(round).idHash(), T0, latest, latest.plus(IDLE))),
                sessions().findSession(perRound.get(round).idHash()),
                "touchSession must set the last use only if it is later than the stored one, as"
                    + " one atomic step: of touches racing, the latest use wins whatever the order"
                    + " of the writes (compare and write under one lock, or in one conditional"
                    + " update)"));
  }

  @Test
  void racingInsertsOfOneHashStoreOneSession() {
    Race.uniqueInserts(
        "putSession",
        "a session's id hash",
        round -> {},
        (round, key, writer) -> {
          Instant openedAt = T0.plusSeconds(writer);
          sessions()
              .putSession(
                  new ConsoleSession(
                      racedHash(round, key), openedAt, openedAt, openedAt.plus(IDLE)));
        },
        (round, key) -> sessions().findSession(racedHash(round, key)).isPresent());
  }

  private static byte[] racedHash(int round, int key) {
    return StoreFixtures.hashOf("session-" + round + "-" + key);
  }
}
