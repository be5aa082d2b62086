package dev.codevector.registry;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * The wiring of a Model to one Provider Model of the same kind: the order in which it is tried
 * (lower priority numbers first), its share of the requests among Backends of the same priority
 * when its Model is {@link RoutingStrategy#BALANCED balanced}, and the request defaults it fills
 * in. Backends live inside their {@link Model}. Instances are immutable; changes return copies.
 *
 * @param id the Backend's id
 * @param providerModelId the Provider Model it routes to
 * @param priority lower numbers are tried first; 0 or more
 * @param weight its share among the Backends of its priority under balanced routing; 1 to {@value
 *     #MAX_WEIGHT}
 * @param defaults request parameters filled in when the client leaves them out
 * @param createdAt when the Backend was added
 * @param updatedAt when the Backend was last changed
 */
public record Backend(
    BackendId id,
    ProviderModelId providerModelId,
    int priority,
    int weight,
    BackendDefaults defaults,
    Instant createdAt,
    Instant updatedAt) {

  /** The weight of a Backend added without one. */
  public static final int DEFAULT_WEIGHT = 1;

  /** The largest weight. */
  public static final int MAX_WEIGHT = 1000;

  /** The order of a route: by priority, then by when the Backend was added, then by id. */
  public static final Comparator<Backend> ROUTE_ORDER =
      Comparator.comparingInt(Backend::priority)
          .thenComparing(Backend::createdAt)
          .thenComparing(b -> b.id().value());

  /** Checks every field. */
  public Backend {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(providerModelId, "providerModelId");
    checkPriority(priority);
    checkWeight(weight);
    Objects.requireNonNull(defaults, "defaults");
    Checks.times(createdAt, updatedAt);
  }

  /**
   * Returns a copy with the given edit applied.
   *
   * @param edit the changes
   * @param now the time of the change
   * @return the changed copy
   */
  public Backend with(BackendEdit edit, Instant now) {
    return new Backend(
        id,
        providerModelId,
        edit.priority().orElse(priority),
        edit.weight().orElse(weight),
        edit.defaults().orElse(defaults),
        createdAt,
        now);
  }

  static int checkPriority(int priority) {
    if (priority < 0) {
      throw new ValidationException("priority", Integer.toString(priority), "must not be negative");
    }
    return priority;
  }

  static int checkWeight(int weight) {
    if (weight < 1 || weight > MAX_WEIGHT) {
      throw new ValidationException(
          "weight", Integer.toString(weight), "must be between 1 and " + MAX_WEIGHT);
    }
    return weight;
  }
}
