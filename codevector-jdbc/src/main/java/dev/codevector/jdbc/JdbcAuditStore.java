package dev.codevector.jdbc;

import dev.codevector.audit.AuditEntry;
import dev.codevector.audit.AuditQuery;
import dev.codevector.jdbc.internal.AuditTable;
import dev.codevector.jdbc.internal.Database;
import dev.codevector.spi.AuditStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The audit trail of a {@link JdbcStore}, over its tables. */
final class JdbcAuditStore implements AuditStore {
  private final AuditTable audit;

  JdbcAuditStore(Database database) {
    this.audit = new AuditTable(database);
  }

  @Override
  public void appendAudit(AuditEntry entry) {
    audit.append(Objects.requireNonNull(entry, "entry"));
  }

  @Override
  public List<AuditEntry> auditEntries(AuditQuery query) {
    return audit.entries(Objects.requireNonNull(query, "query"));
  }

  @Override
  public int pruneAudit(Instant before) {
    return audit.prune(Objects.requireNonNull(before, "before"));
  }
}
