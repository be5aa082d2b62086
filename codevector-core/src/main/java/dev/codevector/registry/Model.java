package dev.codevector.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Model facade: what clients ask for by slug. It holds its Backends in route order (see {@link
 * Backend#ROUTE_ORDER}) and moves through the lifecycle in {@link ModelStatus}. A Model and its
 * Backends are stored and versioned together, so a change to a Backend is a change to its Model.
 * Instances are immutable; changes return copies.
 *
 * @param id the Model's id, stable when the slug changes
 * @param slug what clients ask for: lowercase letters, digits and hyphens; unique
 * @param displayName the human-readable name
 * @param kind chat or embedding; fixed after creation
 * @param status where the Model is in its lifecycle
 * @param routing how the Model chooses among its Backends
 * @param backends the Backends, in route order
 * @param version the stored version, for compare-and-set updates; 0 before it is first stored
 * @param createdAt when the Model was created
 * @param updatedAt when the Model or one of its Backends was last changed
 */
public record Model(
    ModelId id,
    String slug,
    String displayName,
    ModelKind kind,
    ModelStatus status,
    RoutingStrategy routing,
    List<Backend> backends,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  /** Checks every field and puts the Backends in route order. */
  public Model {
    Objects.requireNonNull(id, "id");
    Checks.slug(slug);
    displayName = Checks.name("displayName", displayName);
    if (kind == null) {
      throw new ValidationException("kind", null, "is required");
    }
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(routing, "routing");
    backends =
        Objects.requireNonNull(backends, "backends").stream().sorted(Backend.ROUTE_ORDER).toList();
    if (backends.stream().map(Backend::id).distinct().count() != backends.size()) {
      throw new IllegalArgumentException("duplicate backend id in model " + slug);
    }
    Checks.checkVersion(version);
    Checks.times(createdAt, updatedAt);
  }

  /**
   * Returns whether a string has the form of a slug: 1 to 64 lowercase letters, digits and hyphens.
   * Anything else names no Model, so it can be answered without a lookup.
   *
   * @param value the string, such as a client's requested model
   * @return whether it is a slug
   */
  public static boolean isSlug(String value) {
    return Checks.isSlug(Objects.requireNonNull(value, "value"));
  }

  /**
   * Returns a new, not yet stored Model in draft, with no Backends and failover routing.
   *
   * @param slug the slug
   * @param displayName the display name
   * @param kind chat or embedding
   * @param now the creation time
   * @return the Model, at version 0
   */
  public static Model create(String slug, String displayName, ModelKind kind, Instant now) {
    return create(slug, displayName, kind, RoutingStrategy.FAILOVER, now);
  }

  /**
   * Returns a new, not yet stored Model in draft, with no Backends.
   *
   * @param slug the slug
   * @param displayName the display name
   * @param kind chat or embedding
   * @param routing how it chooses among its Backends
   * @param now the creation time
   * @return the Model, at version 0
   */
  public static Model create(
      String slug, String displayName, ModelKind kind, RoutingStrategy routing, Instant now) {
    if (routing == null) {
      throw new ValidationException("routing", null, "is required");
    }
    return new Model(
        ModelId.random(),
        slug,
        displayName,
        kind,
        ModelStatus.DRAFT,
        routing,
        List.of(),
        0,
        now,
        now);
  }

  /**
   * Returns a copy at another stored version; for {@link dev.codevector.spi.Store} implementations,
   * which store each put at the next version.
   *
   * @param newVersion the version
   * @return the copy
   */
  public Model withVersion(long newVersion) {
    return new Model(
        id, slug, displayName, kind, status, routing, backends, newVersion, createdAt, updatedAt);
  }

  /**
   * Returns the Backend with the given id.
   *
   * @param backendId the Backend's id
   * @return the Backend, or empty if this Model has none with that id
   */
  public Optional<Backend> backend(BackendId backendId) {
    return backends.stream().filter(b -> b.id().equals(backendId)).findFirst();
  }

  /**
   * Returns whether requests may be routed to this Model.
   *
   * @return true when active
   */
  public boolean isRoutable() {
    return status.isRoutable();
  }

  /**
   * Returns a copy with another status.
   *
   * @param newStatus the status
   * @param now the time of the change
   * @return the changed copy
   */
  public Model withStatus(ModelStatus newStatus, Instant now) {
    return new Model(
        id, slug, displayName, kind, newStatus, routing, backends, version, createdAt, now);
  }

  /**
   * Returns a copy with the given edit applied.
   *
   * @param edit the changes
   * @param now the time of the change
   * @return the changed copy
   */
  public Model with(ModelEdit edit, Instant now) {
    return new Model(
        id,
        edit.slug().orElse(slug),
        edit.displayName().orElse(displayName),
        kind,
        status,
        edit.routing().orElse(routing),
        backends,
        version,
        createdAt,
        now);
  }

  /**
   * Returns a copy with other Backends.
   *
   * @param newBackends the Backends, in any order
   * @param now the time of the change
   * @return the changed copy
   */
  public Model withBackends(List<Backend> newBackends, Instant now) {
    return new Model(
        id, slug, displayName, kind, status, routing, newBackends, version, createdAt, now);
  }
}
