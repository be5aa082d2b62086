package dev.codevector.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class ConsoleSessionsTest {
  private static final long HOUR = Duration.ofHours(1).toNanos();

  @Test
  void sessionLastsWhileItIsUsed() {
    ConsoleSessions sessions = new ConsoleSessions(Duration.ofHours(12));
    ConsoleSessions.Opened opened = sessions.open(0);

    assertEquals(Optional.of(opened.csrfToken()), sessions.csrfToken(opened.id(), 11 * HOUR));
    assertEquals(Optional.of(opened.csrfToken()), sessions.csrfToken(opened.id(), 22 * HOUR));
  }

  @Test
  void sessionEndsAfterBeingIdle() {
    ConsoleSessions sessions = new ConsoleSessions(Duration.ofHours(12));
    ConsoleSessions.Opened opened = sessions.open(0);

    assertEquals(Optional.empty(), sessions.csrfToken(opened.id(), 13 * HOUR));
  }

  @Test
  void closedSessionIsGone() {
    ConsoleSessions sessions = new ConsoleSessions();
    ConsoleSessions.Opened opened = sessions.open(0);

    sessions.close(opened.id());

    assertEquals(Optional.empty(), sessions.csrfToken(opened.id(), 0));
  }

  @Test
  void eachSessionHasItsOwnRandomIdAndCsrfToken() {
    ConsoleSessions sessions = new ConsoleSessions();

    ConsoleSessions.Opened first = sessions.open(0);
    ConsoleSessions.Opened second = sessions.open(0);

    assertNotEquals(first.id(), second.id());
    assertNotEquals(first.csrfToken(), second.csrfToken());
    assertEquals(43, first.id().length());
  }

  @Test
  void csrfTokenMustMatchExactly() {
    assertTrue(ConsoleSessions.csrfMatches("abc", "abc"));
    assertFalse(ConsoleSessions.csrfMatches("abc", "abd"));
    assertFalse(ConsoleSessions.csrfMatches("abc", null));
    assertEquals(Optional.empty(), new ConsoleSessions().csrfToken(null, 0));
  }
}
