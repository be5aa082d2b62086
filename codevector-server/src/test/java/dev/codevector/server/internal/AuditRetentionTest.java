package dev.codevector.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codevector.audit.AuditEntry;
import dev.codevector.audit.AuditQuery;
import dev.codevector.spi.AuditStore;
import dev.codevector.store.InMemoryStore;
import dev.codevector.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class AuditRetentionTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private final AuditStore audit = new InMemoryStore().audit();
  private final FakeClock clock = new FakeClock(T0);

  private void append(String id, Instant at) {
    audit.appendAudit(
        new AuditEntry(
            id,
            at,
            "admin-token",
            "127.0.0.1",
            "user",
            Optional.of(id),
            "create",
            Optional.empty(),
            Optional.of("{}")));
  }

  private List<String> kept() {
    return audit.auditEntries(AuditQuery.newest(10)).stream().map(AuditEntry::id).toList();
  }

  @Test
  void purgeRemovesTheEntriesOlderThanTheRetentionAsTheClockMoves() {
    append("older", T0.minus(Duration.ofDays(31)));
    append("day-29", T0.minus(Duration.ofDays(29)));
    append("today", T0);
    try (AuditRetention retention = new AuditRetention(audit, clock, Duration.ofDays(30))) {

      int first = retention.purge();
      clock.advance(Duration.ofDays(2));
      int second = retention.purge();

      assertEquals(1, first);
      assertEquals(1, second);
      assertEquals(List.of("today"), kept());
    }
  }

  @Test
  void aFailedPurgeIsLoggedAndRemovesNothing() {
    AuditStore broken =
        new AuditStore() {
          @Override
          public void appendAudit(AuditEntry entry) {}

          @Override
          public List<AuditEntry> auditEntries(AuditQuery query) {
            return List.of();
          }

          @Override
          public int pruneAudit(Instant before) {
            throw new IllegalStateException("database unreachable");
          }
        };
    try (AuditRetention retention = new AuditRetention(broken, clock, Duration.ofDays(30))) {

      assertEquals(0, retention.purge());
    }
  }
}
