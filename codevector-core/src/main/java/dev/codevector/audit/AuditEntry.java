package dev.codevector.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One change an administrator made, or tried to make: who made it and from which address, when,
 * what it changed, and the changed resource's fields before and after it. Entries are only ever
 * added; retention is the one thing that removes them. The fields before and after are JSON objects
 * as the admin API shows the resource, so they never hold a secret: a credential or an API key
 * appears only as its prefix. Instances are immutable.
 *
 * @param id the entry's id, unique among entries
 * @param at when the change was made, to the microsecond
 * @param actor who made it, such as {@code admin-token} or {@code session:1a2b3c4d}; never a secret
 * @param clientAddress the address the change came from
 * @param resource the kind of resource changed, such as {@code provider} or {@code api-key}
 * @param resourceId the changed resource's id, if it has one
 * @param action what was done, such as {@code create}, {@code update} or {@code delete}
 * @param before the resource's fields before the change as a JSON object, if it existed
 * @param after the resource's fields after the change as a JSON object, if it still exists
 */
public record AuditEntry(
    String id,
    Instant at,
    String actor,
    String clientAddress,
    String resource,
    Optional<String> resourceId,
    String action,
    Optional<String> before,
    Optional<String> after) {
  /**
   * The order entries are read in: newest first, and of entries made at the same instant, the
   * greater id (by {@link String#compareTo}) first.
   */
  public static final Comparator<AuditEntry> NEWEST_FIRST =
      Comparator.comparing(AuditEntry::at).thenComparing(AuditEntry::id).reversed();

  private static final int MAX_TEXT = 200;

  /** Checks every field and truncates the time to the microsecond. */
  public AuditEntry {
    id = text("id", id);
    at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
    actor = text("actor", actor);
    clientAddress = text("clientAddress", clientAddress);
    resource = text("resource", resource);
    resourceId = Objects.requireNonNull(resourceId, "resourceId").map(r -> text("resourceId", r));
    action = text("action", action);
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
  }

  private static String text(String field, String value) {
    Objects.requireNonNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException("blank " + field + " in audit entry");
    }
    if (value.length() > MAX_TEXT) {
      throw new IllegalArgumentException(
          field + " of an audit entry is longer than " + MAX_TEXT + " characters");
    }
    return value;
  }
}
