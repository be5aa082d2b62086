package dev.codevector.internal;

import dev.codevector.registry.ConcurrentUpdateException;
import java.util.function.Supplier;

/** Retries read-modify-write updates that lost a compare-and-set race. */
final class Conflicts {
  private static final int ATTEMPTS = 10;

  private Conflicts() {}

  /**
   * Runs an update that reads the current state itself, again after each lost race, up to ten
   * times.
   *
   * @param update reads, changes and puts
   * @return what the update returned
   * @throws ConcurrentUpdateException if the update lost every race
   */
  static <T> T retrying(Supplier<T> update) {
    for (int attempt = 1; ; attempt++) {
      try {
        return update.get();
      } catch (ConcurrentUpdateException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
