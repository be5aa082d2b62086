package dev.codevector.store;

import dev.codevector.audit.AuditEntry;
import dev.codevector.audit.AuditQuery;
import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.spi.AuditStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** The audit entries of an {@link InMemoryStore}, by id, sorted on demand. */
final class InMemoryAuditStore implements AuditStore {
  private final Object lock;
  // Guarded by lock; by id
  private final Map<String, AuditEntry> entries = new HashMap<>();

  InMemoryAuditStore(Object lock) {
    this.lock = lock;
  }

  @Override
  public void appendAudit(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    synchronized (lock) {
      if (entries.putIfAbsent(entry.id(), entry) != null) {
        throw new AlreadyExistsException("audit entry", entry.id());
      }
    }
  }

  @Override
  public List<AuditEntry> auditEntries(AuditQuery query) {
    Objects.requireNonNull(query, "query");
    List<AuditEntry> all;
    Optional<AuditEntry> cursor;
    synchronized (lock) {
      all = List.copyOf(entries.values());
      cursor = query.before().map(entries::get);
    }
    if (query.before().isPresent() && cursor.isEmpty()) {
      return List.of();
    }
    Stream<AuditEntry> wanted = all.stream().filter(query::matches);
    if (cursor.isPresent()) {
      wanted = wanted.filter(e -> AuditEntry.NEWEST_FIRST.compare(e, cursor.get()) > 0);
    }
    return wanted.sorted(AuditEntry.NEWEST_FIRST).limit(query.limit()).toList();
  }

  @Override
  public int pruneAudit(Instant before) {
    Objects.requireNonNull(before, "before");
    synchronized (lock) {
      int size = entries.size();
      entries.values().removeIf(e -> e.at().isBefore(before));
      return size - entries.size();
    }
  }
}
