package dev.codevector.access;

import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.ModelId;
import java.time.Instant;
import java.util.Objects;

/**
 * Permission for a user, or for each member of a group, to use one Model. Access is denied unless a
 * grant allows it. A grant is never changed, only created and revoked (deleted); at most one grant
 * names the same Model and principal. Instances are immutable.
 *
 * @param id the grant's id
 * @param model the Model that may be used
 * @param principal the user or group that may use it
 * @param createdAt when the grant was created
 */
public record Grant(GrantId id, ModelId model, Principal principal, Instant createdAt) {

  /** Checks the fields. */
  public Grant {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /**
   * Returns a new, not yet stored grant.
   *
   * @param model the Model
   * @param principal the user or group
   * @param now the creation time
   * @return the grant
   */
  public static Grant create(ModelId model, Principal principal, Instant now) {
    return new Grant(GrantId.random(), model, principal, now);
  }

  /**
   * Returns whether this grant names a user directly.
   *
   * @param user the user's id
   * @return true if the principal is that user
   */
  public boolean names(UserId user) {
    return principal.user().filter(user::equals).isPresent();
  }

  /**
   * Returns whether this grant names a group.
   *
   * @param group the group's id
   * @return true if the principal is that group
   */
  public boolean names(GroupId group) {
    return principal.group().filter(group::equals).isPresent();
  }

  /**
   * Returns the error for this grant when another one names the same Model and principal, such as
   * {@code grant of model '<model id>' to user '<user id>' already exists}; for {@link
   * dev.codevector.spi.Store} implementations, so that every store refuses with the same message.
   *
   * @return the error
   */
  public AlreadyExistsException duplicate() {
    String kind = principal.user().isPresent() ? "user" : "group";
    String id =
        principal
            .user()
            .map(UserId::value)
            .orElseGet(() -> principal.group().orElseThrow().value());
    return new AlreadyExistsException("grant of model '" + model + "' to " + kind, id);
  }
}
