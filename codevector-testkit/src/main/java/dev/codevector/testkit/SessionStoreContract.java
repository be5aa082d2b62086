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
        "findSession must return a session as put: its hash byte for byte, its times to the"
            + " microsecond");
    assertArrayEquals(
        session.idHash(),
        sessions().findSession(session.idHash()).get().idHash(),
        "findSession must return the session's id hash byte for byte");
    assertEquals(
        Optional.empty(),
        sessions().findSession(awkwardBytes(ConsoleSession.HASH_LENGTH)),
        Rule.missing("findSession"));
  }

  @Test
  void sessionWithATakenHashIsRefusedAndNothingIsWritten() {
    ConsoleSession first = session(T0);
    sessions().putSession(first);
    ConsoleSession again =
        new ConsoleSession(first.idHash(), T0.plusSeconds(5), T0.plusSeconds(5), T0.plus(IDLE));

    AlreadyExistsException refused =
        assertThrows(
            AlreadyExistsException.class,
            () -> sessions().putSession(again),
            Rule.duplicate("putSession", "id hash"));

    assertEquals(
        first.duplicate().getMessage(),
        refused.getMessage(),
        "putSession must refuse a taken hash with ConsoleSession.duplicate()");
    assertEquals(
        Optional.of(first),
        sessions().findSession(first.idHash()),
        Rule.writesNothing("putSession"));
  }

  @Test
  void touchMovesTheLastUseAndTheExpiryOnly() {
    ConsoleSession session = session(T0);
    sessions().putSession(session);
    Instant later = T0.plus(Duration.ofMinutes(3));

    boolean touched = sessions().touchSession(session.idHash(), later, later.plus(IDLE));

    assertTrue(touched, "touchSession must change a session and return true at a later use");
    assertEquals(
        Optional.of(new ConsoleSession(session.idHash(), T0, later, later.plus(IDLE))),
        sessions().findSession(session.idHash()),
        "touchSession must set the last use and the expiry, and keep when the session was"
            + " opened");
  }

  @Test
  void touchNeverMovesALastUseBack() {
    ConsoleSession session = session(T0.plusSeconds(60));
    sessions().putSession(session);

    boolean same = sessions().touchSession(session.idHash(), T0.plusSeconds(60), T0.plus(IDLE));
    boolean earlier = sessions().touchSession(session.idHash(), T0, T0.plus(IDLE));

    assertFalse(same, "touchSession at the stored last use must change nothing and return false");
    assertFalse(earlier, "touchSession at an earlier use must change nothing and return false");
    assertEquals(
        Optional.of(session),
        sessions().findSession(session.idHash()),
        "touchSession must never move a session's last use back");
  }

  @Test
  void touchOfAnUnknownSessionCreatesNothing() {
    byte[] unknown = awkwardBytes(ConsoleSession.HASH_LENGTH);

    boolean touched = sessions().touchSession(unknown, T0, T0.plus(IDLE));

    assertFalse(touched, "touchSession of an unknown hash must return false");
    assertEquals(
        Optional.empty(),
        sessions().findSession(unknown),
        "touchSession of an unknown hash must insert nothing");
  }

  @Test
  void touchThatWouldExpireTheSessionAtItsUseIsRefused() {
    ConsoleSession session = session(T0);
    sessions().putSession(session);
    Instant later = T0.plusSeconds(60);

    assertThrows(
        IllegalArgumentException.class,
        () -> sessions().touchSession(session.idHash(), later, later),
        "touchSession must throw IllegalArgumentException when the expiry is not after the last"
            + " use");
    assertEquals(
        Optional.of(session),
        sessions().findSession(session.idHash()),
        "touchSession that is refused must change nothing");
  }

  @Test
  void deleteEndsASessionOnce() {
    ConsoleSession session = session(T0);
    ConsoleSession other = session(T0);
    sessions().putSession(session);
    sessions().putSession(other);

    assertTrue(sessions().deleteSession(session.idHash()), Rule.deletes("deleteSession"));
    assertFalse(sessions().deleteSession(session.idHash()), Rule.deletes("deleteSession"));
    assertEquals(
        Optional.empty(),
        sessions().findSession(session.idHash()),
        "findSession must not find a deleted session");
    assertEquals(
        Optional.of(other),
        sessions().findSession(other.idHash()),
        "deleteSession must delete the one session of its hash, and no other");
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

    assertEquals(
        Optional.of(first),
        expired,
        "findSession must return a session whether or not it has expired, until it is deleted");
    assertEquals(
        2,
        deleted,
        "deleteExpiredSessions must delete the sessions whose expiry is not after the instant,"
            + " and return how many");
    String gone = "deleteExpiredSessions must delete a session expired at the instant or before";
    assertEquals(Optional.empty(), sessions().findSession(first.idHash()), gone);
    assertEquals(Optional.empty(), sessions().findSession(second.idHash()), gone);
    assertEquals(
        Optional.of(third),
        sessions().findSession(third.idHash()),
        "deleteExpiredSessions must keep a session expiring after the instant");
    assertEquals(
        0,
        sessions().deleteExpiredSessions(now),
        "deleteExpiredSessions run again must delete nothing and return 0");
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
