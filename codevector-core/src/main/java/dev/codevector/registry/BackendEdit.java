package dev.codevector.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * Changes to a Backend; an empty field keeps the current value. Defaults, when given, replace all
 * of the Backend's defaults.
 *
 * @param priority the new priority
 * @param weight the new weight
 * @param defaults the new defaults
 */
public record BackendEdit(
    Optional<Integer> priority, Optional<Integer> weight, Optional<BackendDefaults> defaults) {

  /** Checks the fields that are present. */
  public BackendEdit {
    Objects.requireNonNull(priority, "priority").ifPresent(Backend::checkPriority);
    Objects.requireNonNull(weight, "weight").ifPresent(Backend::checkWeight);
    Objects.requireNonNull(defaults, "defaults");
  }

  /**
   * Returns an edit that changes nothing; add changes with the {@code with} methods.
   *
   * @return the empty edit
   */
  public static BackendEdit none() {
    return new BackendEdit(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Returns a copy that also sets the priority.
   *
   * @param newPriority the priority
   * @return the edit
   */
  public BackendEdit withPriority(int newPriority) {
    return new BackendEdit(Optional.of(newPriority), weight, defaults);
  }

  /**
   * Returns a copy that also sets the weight.
   *
   * @param newWeight the weight, 1 to {@value Backend#MAX_WEIGHT}
   * @return the edit
   */
  public BackendEdit withWeight(int newWeight) {
    return new BackendEdit(priority, Optional.of(newWeight), defaults);
  }

  /**
   * Returns a copy that also replaces the defaults.
   *
   * @param newDefaults the defaults
   * @return the edit
   */
  public BackendEdit withDefaults(BackendDefaults newDefaults) {
    return new BackendEdit(priority, weight, Optional.of(newDefaults));
  }
}
