package dev.codevector.internal.routing;

import dev.codevector.registry.Backend;
import dev.codevector.registry.Provider;

/**
 * Names a Backend in the log so that an operator can find it without looking its id up: its Model,
 * priority and Provider as well as its id.
 */
final class BackendNames {
  private BackendNames() {}

  /** Returns, for example, {@code Backend 3f2a… (model gpt-main, priority 10, Provider openai)}. */
  static String of(String model, Backend backend, Provider provider) {
    return "Backend "
        + backend.id().value()
        + " (model "
        + model
        + ", priority "
        + backend.priority()
        + ", Provider "
        + provider.name()
        + ")";
  }
}
