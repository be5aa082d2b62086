package dev.codevector.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A question for audit entries: those made in a time range, by an actor, to a kind of resource or
 * one resource, newest first, a page at a time. Each filter left empty lets every entry through.
 * Start with {@link #newest(int)} and narrow it with the {@code with…} methods, each of which
 * returns a changed copy. Instances are immutable.
 *
 * @param from the first instant included, if bounded
 * @param to the first instant excluded, if bounded; not before {@code from}
 * @param actor the only actor wanted, if one
 * @param resource the only kind of resource wanted, if one
 * @param resourceId the only resource id wanted, if one
 * @param before the id of an entry: only the entries after it, newest first, are wanted, to read
 *     the next page
 * @param limit how many entries at most; from 1 to {@value #MAX_LIMIT}
 */
public record AuditQuery(
    Optional<Instant> from,
    Optional<Instant> to,
    Optional<String> actor,
    Optional<String> resource,
    Optional<String> resourceId,
    Optional<String> before,
    int limit) {
  /** The most entries one query returns. */
  public static final int MAX_LIMIT = 1000;

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if the range ends before it starts or the limit is not from 1
   *     to {@value #MAX_LIMIT}
   */
  public AuditQuery {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(before, "before");
    if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
      throw new IllegalArgumentException(
          "time range ends before it starts: " + from.get() + " " + to.get());
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", not " + limit);
    }
  }

  /**
   * Returns a query for the newest entries, unfiltered.
   *
   * @param limit how many entries at most; from 1 to {@value #MAX_LIMIT}
   * @return the query
   * @throws IllegalArgumentException if the limit is out of range
   */
  public static AuditQuery newest(int limit) {
    return new AuditQuery(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        limit);
  }

  /**
   * Returns this query for the entries made at or after an instant.
   *
   * @param first the first instant included
   * @return the changed copy
   */
  public AuditQuery withFrom(Instant first) {
    return new AuditQuery(Optional.of(first), to, actor, resource, resourceId, before, limit);
  }

  /**
   * Returns this query for the entries made before an instant.
   *
   * @param end the first instant excluded
   * @return the changed copy
   */
  public AuditQuery withTo(Instant end) {
    return new AuditQuery(from, Optional.of(end), actor, resource, resourceId, before, limit);
  }

  /**
   * Returns this query for the entries made by one actor.
   *
   * @param name the actor
   * @return the changed copy
   */
  public AuditQuery withActor(String name) {
    return new AuditQuery(from, to, Optional.of(name), resource, resourceId, before, limit);
  }

  /**
   * Returns this query for the entries about one kind of resource.
   *
   * @param kind the kind of resource, such as {@code provider}
   * @return the changed copy
   */
  public AuditQuery withResource(String kind) {
    return new AuditQuery(from, to, actor, Optional.of(kind), resourceId, before, limit);
  }

  /**
   * Returns this query for the entries about the resource with one id.
   *
   * @param id the resource's id
   * @return the changed copy
   */
  public AuditQuery withResourceId(String id) {
    return new AuditQuery(from, to, actor, resource, Optional.of(id), before, limit);
  }

  /**
   * Returns this query for the entries after one, newest first: the page that follows the one
   * ending with that entry.
   *
   * @param entryId the id of the last entry of the page before
   * @return the changed copy
   */
  public AuditQuery withBefore(String entryId) {
    return new AuditQuery(from, to, actor, resource, resourceId, Optional.of(entryId), limit);
  }

  /**
   * Tells whether an entry passes the filters of time, actor and resource; the page's cursor and
   * limit are not filters.
   *
   * @param entry the entry
   * @return true if the query wants it
   */
  public boolean matches(AuditEntry entry) {
    return from.map(f -> !entry.at().isBefore(f)).orElse(true)
        && to.map(t -> entry.at().isBefore(t)).orElse(true)
        && actor.map(entry.actor()::equals).orElse(true)
        && resource.map(entry.resource()::equals).orElse(true)
        && resourceId.map(r -> entry.resourceId().equals(Optional.of(r))).orElse(true);
  }
}
