package dev.codevector.testkit;

import static dev.codevector.testkit.StoreFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codevector.audit.AuditEntry;
import dev.codevector.audit.AuditQuery;
import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.spi.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract a {@link Store} keeps for its audit trail: {@link dev.codevector.spi.AuditStore}. A
 * Store implementation proves itself by extending this class and returning a new, empty store from
 * {@link #newStore()}; each test gets its own store and closes it afterwards.
 */
public abstract class AuditStoreContract extends StoreContract {
  private static final int MANY = 50;

  /** Creates the contract; a subclass supplies the store. */
  protected AuditStoreContract() {}

  private static AuditEntry entry(String id, Instant at, String actor, String resource, String of) {
    return new AuditEntry(
        id,
        at,
        actor,
        "192.0.2.7",
        resource,
        Optional.of(of),
        "update",
        Optional.of("{\"name\":\"before\"}"),
        Optional.of("{\"name\":\"after\"}"));
  }

  private static AuditEntry entry(String id, Instant at) {
    return entry(id, at, "admin-token", "provider", "p-1");
  }

  private List<String> ids(AuditQuery query) {
    return audit().auditEntries(query).stream().map(AuditEntry::id).toList();
  }

  // Audit

  @Test
  void auditEntryRoundTripsWithEveryField() {
    AuditEntry original =
        new AuditEntry(
            "e-1",
            T0,
            "session:1a2b3c4d",
            "2001:db8::1",
            "provider",
            Optional.of("p-ü-1"),
            "update",
            Optional.of("{\"name\":\"Ölçü\",\"credentials\":{\"apiKey\":{\"prefix\":\"sk-te\"}}}"),
            Optional.of("{\"name\":\"new \\\"quoted\\\" name\",\"emoji\":\"\uD83D\uDE80\"}"));

    audit().appendAudit(original);

    assertEquals(
        List.of(original),
        audit().auditEntries(AuditQuery.newest(10)),
        "auditEntries must return an entry exactly as appended: its time to the microsecond,"
            + " its text (before and after included) as given");
  }

  @Test
  void auditEntryWithoutOptionalFieldsRoundTrips() {
    AuditEntry original =
        new AuditEntry(
            "e-1",
            T0,
            "anonymous",
            "192.0.2.7",
            "console-session",
            Optional.empty(),
            "login-failed",
            Optional.empty(),
            Optional.empty());

    audit().appendAudit(original);

    assertEquals(
        List.of(original),
        audit().auditEntries(AuditQuery.newest(10)),
        "auditEntries must return an entry without its optional fields as appended, their"
            + " absence kept");
  }

  @Test
  void auditEntryWithATakenIdIsRefusedAndWritesNothing() {
    AuditEntry first = entry("e-1", T0);
    audit().appendAudit(first);

    AlreadyExistsException e =
        assertThrows(
            AlreadyExistsException.class,
            () -> audit().appendAudit(entry("e-1", T0.plusSeconds(1))),
            Rule.duplicate("appendAudit", "id"));

    assertEquals(
        "audit entry",
        e.what(),
        "appendAudit must refuse a taken id with AlreadyExistsException whose what is 'audit"
            + " entry'");
    assertEquals(
        List.of(first),
        audit().auditEntries(AuditQuery.newest(10)),
        "appendAudit must never replace an entry: the refused append writes nothing");
  }

  @Test
  void auditEntriesAreReadNewestFirstAndByIdDescendingAtTheSameInstant() {
    audit().appendAudit(entry("b", T0));
    audit().appendAudit(entry("c", T0.plusSeconds(2)));
    audit().appendAudit(entry("a", T0));
    audit().appendAudit(entry("d", T0.plusSeconds(1)));

    assertEquals(
        List.of("c", "d", "b", "a"),
        ids(AuditQuery.newest(10)),
        "auditEntries must return entries newest first and, at the same instant, the greater id"
            + " first (AuditEntry.NEWEST_FIRST)");
    assertEquals(
        List.of("c", "d"),
        ids(AuditQuery.newest(2)),
        "auditEntries must return at most the query's limit of entries, the newest");
  }

  @Test
  void auditQueryFiltersByTimeRangeActorAndResource() {
    audit().appendAudit(entry("e-1", T0, "admin-token", "provider", "p-1"));
    audit().appendAudit(entry("e-2", T0.plusSeconds(1), "session:1", "provider", "p-2"));
    audit().appendAudit(entry("e-3", T0.plusSeconds(2), "admin-token", "model", "m-1"));
    audit().appendAudit(entry("e-4", T0.plusSeconds(3), "session:1", "model", "p-1"));
    AuditQuery all = AuditQuery.newest(10);

    assertEquals(
        List.of("e-3", "e-2"),
        ids(all.withFrom(T0.plusSeconds(1)).withTo(T0.plusSeconds(3))),
        "auditEntries must return the entries of a time range from its start, included, to its"
            + " end, excluded");
    assertEquals(
        List.of("e-3", "e-1"),
        ids(all.withActor("admin-token")),
        "auditEntries must return only the entries the query matches (AuditQuery.matches): by"
            + " actor");
    assertEquals(
        List.of("e-2", "e-1"),
        ids(all.withResource("provider")),
        "auditEntries must return only the entries the query matches: by resource");
    assertEquals(
        List.of("e-4", "e-1"),
        ids(all.withResourceId("p-1")),
        "auditEntries must return only the entries the query matches: by resource id");
    assertEquals(
        List.of("e-1"),
        ids(all.withResource("provider").withResourceId("p-1")),
        "auditEntries must apply every filter of the query at once");
    assertEquals(
        List.of(),
        ids(all.withActor("nobody")),
        "auditEntries must return nothing for a filter no entry matches");
  }

  @Test
  void auditPagesFollowOneAnotherWithoutGapsOrRepeats() {
    for (int i = 0; i < 7; i++) {
      // Three entries share each instant, so pages end between entries made at the same time.
      audit().appendAudit(entry("e-" + i, T0.plusSeconds(i / 3)));
    }

    List<String> read = new ArrayList<>();
    AuditQuery page = AuditQuery.newest(2);
    List<String> ids = ids(page);
    while (!ids.isEmpty()) {
      read.addAll(ids);
      ids = ids(page.withBefore(ids.get(ids.size() - 1)));
    }

    assertEquals(
        List.of("e-6", "e-5", "e-4", "e-3", "e-2", "e-1", "e-0"),
        read,
        "auditEntries with 'before' must go on after the entry it names, in NEWEST_FIRST order,"
            + " none skipped or repeated, also between entries made at the same instant");
  }

  @Test
  void auditPageAfterAnUnknownEntryIsEmpty() {
    audit().appendAudit(entry("e-1", T0));

    assertEquals(
        List.of(),
        ids(AuditQuery.newest(10).withBefore("missing")),
        "auditEntries must return nothing when 'before' names no stored entry");
  }

  @Test
  void auditPagesKeepTheirFilters() {
    audit().appendAudit(entry("e-1", T0, "admin-token", "provider", "p-1"));
    audit().appendAudit(entry("e-2", T0.plusSeconds(1), "admin-token", "model", "m-1"));
    audit().appendAudit(entry("e-3", T0.plusSeconds(2), "admin-token", "provider", "p-2"));

    assertEquals(
        List.of("e-1"),
        ids(AuditQuery.newest(10).withResource("provider").withBefore("e-3")),
        "auditEntries with 'before' must still apply the query's filters");
  }

  @Test
  void pruningRemovesOnlyTheEntriesBeforeTheCutOff() {
    for (int i = 0; i < MANY; i++) {
      audit().appendAudit(entry(String.format("old-%04d", i), T0.minusSeconds(1 + i)));
    }
    audit().appendAudit(entry("at-cut-off", T0));
    audit().appendAudit(entry("newer", T0.plusSeconds(1)));

    int removed = audit().pruneAudit(T0);

    assertEquals(
        MANY,
        removed,
        "pruneAudit must remove the entries made before the instant, and count them");
    assertEquals(
        List.of("newer", "at-cut-off"),
        ids(AuditQuery.newest(10)),
        "pruneAudit must keep an entry made at the instant, and every later one");
    assertEquals(0, audit().pruneAudit(T0), "pruneAudit run again must remove nothing");
  }
}
