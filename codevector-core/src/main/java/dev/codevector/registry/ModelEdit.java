package dev.codevector.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * Changes to a Model's slug, display name and routing; an empty field keeps the current value. The
 * kind is fixed after creation, the status changes only through the lifecycle, and Backends have
 * their own operations.
 *
 * @param slug the new slug
 * @param displayName the new display name
 * @param routing the new routing strategy
 */
public record ModelEdit(
    Optional<String> slug, Optional<String> displayName, Optional<RoutingStrategy> routing) {

  /** Checks the fields that are present. */
  public ModelEdit {
    slug = Objects.requireNonNull(slug, "slug").map(Checks::slug);
    displayName =
        Objects.requireNonNull(displayName, "displayName").map(n -> Checks.name("displayName", n));
    Objects.requireNonNull(routing, "routing");
  }

  /**
   * Returns an edit that changes nothing; add changes with the {@code with} methods.
   *
   * @return the empty edit
   */
  public static ModelEdit none() {
    return new ModelEdit(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Returns a copy that also changes the slug.
   *
   * @param newSlug the slug
   * @return the edit
   */
  public ModelEdit withSlug(String newSlug) {
    return new ModelEdit(Optional.of(newSlug), displayName, routing);
  }

  /**
   * Returns a copy that also changes the display name.
   *
   * @param newDisplayName the display name
   * @return the edit
   */
  public ModelEdit withDisplayName(String newDisplayName) {
    return new ModelEdit(slug, Optional.of(newDisplayName), routing);
  }

  /**
   * Returns a copy that also changes the routing strategy.
   *
   * @param newRouting the strategy
   * @return the edit
   */
  public ModelEdit withRouting(RoutingStrategy newRouting) {
    return new ModelEdit(slug, displayName, Optional.of(newRouting));
  }
}
