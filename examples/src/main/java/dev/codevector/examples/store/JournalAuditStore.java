package dev.codevector.examples.store;

import dev.codevector.audit.AuditEntry;
import dev.codevector.audit.AuditQuery;
import dev.codevector.spi.AuditStore;
import java.time.Instant;
import java.util.List;

/**
 * The audit trail of a {@link JournalStore}: reads from memory, appends and retention's removals
 * through the journal.
 */
final class JournalAuditStore implements AuditStore {
  private final AuditStore memory;
  private final Journal journal;

  JournalAuditStore(AuditStore memory, Journal journal) {
    this.memory = memory;
    this.journal = journal;
  }

  @Override
  public void appendAudit(AuditEntry entry) {
    journal.write(Operation.APPEND_AUDIT, entry);
  }

  @Override
  public List<AuditEntry> auditEntries(AuditQuery query) {
    return memory.auditEntries(query);
  }

  @Override
  public int pruneAudit(Instant before) {
    return journal.write(Operation.PRUNE_AUDIT, before);
  }
}
