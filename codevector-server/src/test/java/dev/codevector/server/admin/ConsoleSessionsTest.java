package dev.codevector.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.spi.SessionStore;
import dev.codevector.store.InMemoryStore;
import dev.codevector.testing.FakeClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class ConsoleSessionsTest {
  private final FakeClock clock = new FakeClock();
  private final SessionStore store = new InMemoryStore().sessions();
  private final ConsoleSessions sessions = new ConsoleSessions(store, clock, Duration.ofHours(12));

  private static byte[] hash(String id) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void sessionLastsWhileItIsUsed() {
    ConsoleSessions.Opened opened = sessions.open();

    clock.advance(Duration.ofHours(11));
    Optional<String> first = sessions.csrfToken(opened.id());
    clock.advance(Duration.ofHours(11));
    Optional<String> second = sessions.csrfToken(opened.id());

    assertEquals(Optional.of(opened.csrfToken()), first);
    assertEquals(Optional.of(opened.csrfToken()), second);
  }

  @Test
  void sessionEndsAfterBeingIdleAndIsDeleted() throws Exception {
    ConsoleSessions.Opened opened = sessions.open();

    clock.advance(Duration.ofHours(13));

    assertEquals(Optional.empty(), sessions.csrfToken(opened.id()));
    assertEquals(Optional.empty(), store.findSession(hash(opened.id())));
  }

  @Test
  void anotherInstanceOnTheSameStoreServesTheSession() {
    ConsoleSessions.Opened opened = sessions.open();
    ConsoleSessions replica = new ConsoleSessions(store, clock, Duration.ofHours(12));

    Optional<String> csrf = replica.csrfToken(opened.id());
    replica.close(opened.id());

    assertEquals(Optional.of(opened.csrfToken()), csrf);
    assertEquals(Optional.empty(), sessions.csrfToken(opened.id()));
  }

  @Test
  void useIsWrittenAtMostOnceAMinute() throws Exception {
    ConsoleSessions.Opened opened = sessions.open();
    Instant openedAt = clock.instant();

    clock.advance(Duration.ofSeconds(59));
    sessions.csrfToken(opened.id());
    Instant afterSecondsOnly = store.findSession(hash(opened.id())).orElseThrow().lastUsedAt();
    clock.advance(Duration.ofSeconds(1));
    sessions.csrfToken(opened.id());
    Instant afterAMinute = store.findSession(hash(opened.id())).orElseThrow().lastUsedAt();

    assertEquals(openedAt, afterSecondsOnly);
    assertEquals(clock.instant(), afterAMinute);
  }

  @Test
  void storeKeepsTheSessionUnderTheHashOfItsId() throws Exception {
    ConsoleSessions.Opened opened = sessions.open();

    assertTrue(store.findSession(hash(opened.id())).isPresent());
  }

  @Test
  void loginDeletesExpiredSessions() throws Exception {
    ConsoleSessions.Opened old = sessions.open();
    clock.advance(Duration.ofHours(13));

    sessions.open();

    assertEquals(Optional.empty(), store.findSession(hash(old.id())));
  }

  @Test
  void eachSessionHasItsOwnRandomIdAndCsrfToken() {
    ConsoleSessions.Opened first = sessions.open();
    ConsoleSessions.Opened second = sessions.open();

    assertNotEquals(first.id(), second.id());
    assertNotEquals(first.csrfToken(), second.csrfToken());
    assertNotEquals(first.id(), first.csrfToken());
    assertEquals(43, first.id().length());
    assertEquals(43, first.csrfToken().length());
  }

  @Test
  void closedSessionIsGone() {
    ConsoleSessions.Opened opened = sessions.open();

    sessions.close(opened.id());

    assertEquals(Optional.empty(), sessions.csrfToken(opened.id()));
  }

  @Test
  void csrfTokenMustMatchExactly() {
    assertTrue(ConsoleSessions.csrfMatches("abc", "abc"));
    assertFalse(ConsoleSessions.csrfMatches("abc", "abd"));
    assertFalse(ConsoleSessions.csrfMatches("abc", null));
    assertEquals(Optional.empty(), sessions.csrfToken(null));
    assertEquals(Optional.empty(), sessions.csrfToken("unknown"));
  }
}
