package dev.codevector.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.audit.AuditEntry;
import dev.codevector.audit.AuditQuery;
import dev.codevector.registry.ValidationException;
import dev.codevector.spi.AuditStore;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The admin route that reads the audit trail: {@code GET /audit}, newest first, narrowed by {@code
 * ?from&to} (ISO-8601 instants or UTC dates, the range {@code [from, to)}), {@code ?actor}, {@code
 * ?resource} and {@code ?resourceId}, a page of {@code ?limit} entries (default {@value
 * #DEFAULT_LIMIT}, at most {@value AuditQuery#MAX_LIMIT}) at a time. The answer's {@code next} is
 * the id to pass as {@code ?before} for the following page, or {@code null} after the last. The
 * trail is append-only: no route changes or deletes an entry.
 */
final class AdminAudit {
  /** How many entries a page holds unless {@code ?limit} says otherwise. */
  static final int DEFAULT_LIMIT = 100;

  private final AuditStore audit;

  AdminAudit(AuditStore audit) {
    this.audit = audit;
  }

  void register(AdminRoutes routes) {
    routes.get("/audit", this::list);
  }

  private void list(Context ctx) {
    AuditQuery query = AuditQuery.newest(limit(ctx.queryParam("limit")));
    Optional<Instant> from = AdminRoutes.time(ctx, "from", false);
    Optional<Instant> to = AdminRoutes.time(ctx, "to", true);
    if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
      throw new ValidationException("to", to.get().toString(), "must not be before from");
    }
    query = from.map(query::withFrom).orElse(query);
    query = to.map(query::withTo).orElse(query);
    query = text(ctx, "actor").map(query::withActor).orElse(query);
    query = text(ctx, "resource").map(query::withResource).orElse(query);
    query = text(ctx, "resourceId").map(query::withResourceId).orElse(query);
    query = text(ctx, "before").map(query::withBefore).orElse(query);
    List<AuditEntry> entries = audit.auditEntries(query);
    ObjectNode answer = AdminJson.list(entries.stream().map(AdminJson::auditEntry).toList());
    answer.put(
        "next", entries.size() < query.limit() ? null : entries.get(entries.size() - 1).id());
    AdminJson.send(ctx, 200, answer);
  }

  /** Returns a text filter, if given; a blank one is refused rather than matching nothing. */
  private static Optional<String> text(Context ctx, String param) {
    return Optional.ofNullable(ctx.queryParam(param)).map(value -> AdminRoutes.id(param, value));
  }

  private static int limit(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text.strip());
      if (limit >= 1 && limit <= AuditQuery.MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // Answered below, as a number out of range is.
    }
    throw new ValidationException(
        "limit", text, "must be a whole number from 1 to " + AuditQuery.MAX_LIMIT);
  }
}
