package dev.codevector.registry;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a {@link Model}. This enum is the only place the allowed transitions live:
 *
 * <pre>
 *   DRAFT    -> ACTIVE   publish; only with at least one Backend
 *   ACTIVE   -> DISABLED disable
 *   ACTIVE   -> DRAFT    return to draft
 *   DISABLED -> DRAFT    return to draft
 * </pre>
 *
 * <p>Only {@link #ACTIVE} Models are routable. A disabled Model keeps its configuration and
 * Backends; to route it again, return it to draft and publish it.
 */
public enum ModelStatus {
  /** Being configured; not routable. Every Model starts here. */
  DRAFT,
  /** Published and routable. */
  ACTIVE,
  /** Excluded from routing; requests for it get an error. */
  DISABLED;

  /**
   * Returns whether a Model in this status may move to {@code next}.
   *
   * @param next the status to move to
   * @return true if the lifecycle allows the move
   */
  public boolean canMoveTo(ModelStatus next) {
    return successors().contains(next);
  }

  /**
   * Returns whether Models in this status receive requests.
   *
   * @return true only for {@link #ACTIVE}
   */
  public boolean isRoutable() {
    return this == ACTIVE;
  }

  private Set<ModelStatus> successors() {
    switch (this) {
      case DRAFT:
        return EnumSet.of(ACTIVE);
      case ACTIVE:
        return EnumSet.of(DISABLED, DRAFT);
      case DISABLED:
        return EnumSet.of(DRAFT);
      default:
        throw new AssertionError(this);
    }
  }

  /**
   * Returns the status's wire name: {@code draft}, {@code active} or {@code disabled}.
   *
   * @return the lowercase name
   */
  public String id() {
    return WireNames.of(this);
  }

  /**
   * Returns the status with the given wire name.
   *
   * @param id {@code draft}, {@code active} or {@code disabled}
   * @return the status
   * @throws ValidationException if {@code id} names no status
   */
  public static ModelStatus of(String id) {
    return WireNames.parse(ModelStatus.class, "status", id);
  }
}
