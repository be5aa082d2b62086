package dev.codevector.spi;

import dev.codevector.audit.AuditEntry;
import dev.codevector.audit.AuditQuery;
import dev.codevector.registry.AlreadyExistsException;
import java.time.Instant;
import java.util.List;

/**
 * The audit entries a {@link Store} keeps, under the rules of the {@link Store} contract. The trail
 * is append-only: an entry is never changed once appended, and the only removal is {@link
 * #pruneAudit(Instant) retention}'s, of whole entries older than an instant. Entries refer to
 * nothing: they outlive the resources they name.
 */
public interface AuditStore {

  /**
   * Appends an entry.
   *
   * @param entry the entry
   * @throws AlreadyExistsException if an entry with its id is stored already, with {@code what}
   *     {@code audit entry}; then nothing is written
   * @throws StoreException if the entry cannot be written
   */
  void appendAudit(AuditEntry entry);

  /**
   * Returns the entries a query wants, in the order of {@link AuditEntry#NEWEST_FIRST}: those that
   * {@link AuditQuery#matches match} it and, if it names an entry to read {@link
   * AuditQuery#before() before}, come after that entry in this order, at most {@link
   * AuditQuery#limit()} of them.
   *
   * @param query the filters and the page
   * @return the entries, unmodifiable; empty if the query's {@code before} names no stored entry
   */
  List<AuditEntry> auditEntries(AuditQuery query);

  /**
   * Removes the entries made before an instant, for retention.
   *
   * @param before the first instant kept
   * @return how many entries were removed
   */
  int pruneAudit(Instant before);
}
