package dev.codevector.jdbc.internal;

import dev.codevector.audit.AuditEntry;
import dev.codevector.audit.AuditQuery;
import dev.codevector.jdbc.SqlDialect;
import dev.codevector.registry.AlreadyExistsException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Audit entries in the {@code audit_entries} table, one row per entry, only ever inserted, read
 * newest first with the query's filters in SQL, and deleted by age for retention. Thread-safe.
 */
public final class AuditTable {
  private static final String COLUMNS =
      "id, recorded_at, actor, client_address, resource, resource_id, action, before_fields,"
          + " after_fields";

  private final Database database;
  private final String byId;

  /**
   * Creates access to the table.
   *
   * @param database the database
   */
  public AuditTable(Database database) {
    this.database = Objects.requireNonNull(database, "database");
    // PostgreSQL's default collation may order ids unlike Java; "C" compares code points.
    this.byId = database.dialect() == SqlDialect.POSTGRESQL ? "id COLLATE \"C\"" : "id";
  }

  /**
   * Inserts an entry.
   *
   * @param entry the entry
   * @throws AlreadyExistsException if its id is taken
   */
  public void append(AuditEntry entry) {
    database.inTransaction(
        "store audit entry '" + entry.id() + "'",
        h ->
            Constraint.execute(
                h.createUpdate(
                        "INSERT INTO audit_entries ("
                            + COLUMNS
                            + ") VALUES (:id, :at, :actor, :address, :resource, :resourceId,"
                            + " :action, :before, :after)")
                    .bind("id", entry.id())
                    .bind("at", entry.at())
                    .bind("actor", entry.actor())
                    .bind("address", entry.clientAddress())
                    .bind("resource", entry.resource())
                    .bind("resourceId", entry.resourceId().orElse(null))
                    .bind("action", entry.action())
                    .bind("before", entry.before().orElse(null))
                    .bind("after", entry.after().orElse(null)),
                Map.of(
                    Constraint.PK_AUDIT_ENTRIES,
                    () -> new AlreadyExistsException("audit entry", entry.id()))));
  }

  /**
   * Returns the entries a query wants, newest first.
   *
   * @param query the filters and the page
   * @return the entries, unmodifiable; empty if the query's cursor names no entry
   */
  public List<AuditEntry> entries(AuditQuery query) {
    return database.withHandle(
        "read audit entries",
        h -> {
          Optional<Instant> cursorAt = Optional.empty();
          if (query.before().isPresent()) {
            cursorAt =
                h.createQuery("SELECT recorded_at FROM audit_entries WHERE id = :id")
                    .bind("id", query.before().get())
                    .map((rs, context) -> Columns.instant(rs, "recorded_at"))
                    .findOne();
            if (cursorAt.isEmpty()) {
              return List.of();
            }
          }
          return List.copyOf(select(h, query, cursorAt).map((rs, c) -> read(rs)).list());
        });
  }

  private Query select(Handle h, AuditQuery query, Optional<Instant> cursorAt) {
    List<String> where = new ArrayList<>();
    query.from().ifPresent(f -> where.add("recorded_at >= :from"));
    query.to().ifPresent(t -> where.add("recorded_at < :to"));
    query.actor().ifPresent(a -> where.add("actor = :actor"));
    query.resource().ifPresent(r -> where.add("resource = :resource"));
    query.resourceId().ifPresent(r -> where.add("resource_id = :resourceId"));
    cursorAt.ifPresent(
        at ->
            where.add(
                "(recorded_at < :cursorAt OR (recorded_at = :cursorAt AND "
                    + byId
                    + " < :cursorId))"));
    Query select =
        h.createQuery(
            "SELECT "
                + COLUMNS
                + " FROM audit_entries"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY recorded_at DESC, "
                + byId
                + " DESC LIMIT :limit");
    query.from().ifPresent(f -> select.bind("from", f));
    query.to().ifPresent(t -> select.bind("to", t));
    query.actor().ifPresent(a -> select.bind("actor", a));
    query.resource().ifPresent(r -> select.bind("resource", r));
    query.resourceId().ifPresent(r -> select.bind("resourceId", r));
    cursorAt.ifPresent(at -> select.bind("cursorAt", at).bind("cursorId", query.before().get()));
    return select.bind("limit", query.limit());
  }

  /**
   * Deletes the entries made before an instant.
   *
   * @param before the first instant kept
   * @return how many were deleted
   */
  public int prune(Instant before) {
    return database.inTransaction(
        "delete audit entries before " + before,
        h ->
            h.createUpdate("DELETE FROM audit_entries WHERE recorded_at < :before")
                .bind("before", before)
                .execute());
  }

  private static AuditEntry read(ResultSet rs) throws SQLException {
    return new AuditEntry(
        rs.getString("id"),
        Columns.instant(rs, "recorded_at"),
        rs.getString("actor"),
        rs.getString("client_address"),
        rs.getString("resource"),
        Columns.optionalString(rs, "resource_id"),
        rs.getString("action"),
        Columns.optionalString(rs, "before_fields"),
        Columns.optionalString(rs, "after_fields"));
  }
}
