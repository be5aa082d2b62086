package dev.codevector.registry;

import java.util.Objects;
import java.util.UUID;

/** Shared checks and generation for the registry's identifiers. */
final class Ids {
  private Ids() {}

  static void check(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException("blank " + what);
    }
  }

  static String random() {
    return UUID.randomUUID().toString();
  }
}
