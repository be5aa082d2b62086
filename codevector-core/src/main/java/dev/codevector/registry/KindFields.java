package dev.codevector.registry;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** Checks a Provider's configuration and credentials against the fields its kind declares. */
final class KindFields {
  private KindFields() {}

  /** Returns the configuration in canonical form, sorted by key. */
  static Map<String, String> config(ProviderKind kind, Map<String, String> config) {
    Objects.requireNonNull(config, "config");
    checkNames("config", kind, kind.configFields(), config.keySet());
    Map<String, String> canonical = new TreeMap<>();
    config.forEach(
        (name, value) ->
            canonical.put(name, field(kind.configFields(), name).check("config." + name, value)));
    return Collections.unmodifiableMap(canonical);
  }

  /** Checks the credential values and returns them in canonical form, sorted by key. */
  static <T> Map<String, T> credentials(
      ProviderKind kind,
      Map<String, T> credentials,
      Function<T, String> text,
      Function<String, T> wrap) {
    Objects.requireNonNull(credentials, "credentials");
    checkNames("credentials", kind, kind.credentialFields(), credentials.keySet());
    Map<String, T> canonical = new TreeMap<>();
    credentials.forEach(
        (name, value) -> {
          Objects.requireNonNull(value, name);
          String checked =
              field(kind.credentialFields(), name).check("credentials." + name, text.apply(value));
          canonical.put(name, wrap.apply(checked));
        });
    return Collections.unmodifiableMap(canonical);
  }

  /** Checks that every required field of the given set is present. */
  static void requirePresent(String section, List<ProviderField> fields, Set<String> present) {
    for (ProviderField field : fields) {
      if (field.required() && !present.contains(field.name())) {
        throw new ValidationException(section + "." + field.name(), null, "is required");
      }
    }
  }

  /**
   * Checks that every required credential is present and, for a kind with alternative credential
   * sets, that one set is complete and no other set is present in part. Messages name fields only,
   * never values.
   */
  static void requireCredentials(ProviderKind kind, Set<String> present) {
    requirePresent("credentials", kind.credentialFields(), present);
    List<CredentialSet> sets = kind.credentialSets();
    for (CredentialSet set : sets) {
      List<String> given = set.presentIn(present);
      if (!given.isEmpty() && !set.isCompleteIn(present)) {
        String missing =
            set.required().stream()
                .filter(name -> !present.contains(name))
                .findFirst()
                .orElseThrow();
        throw new ValidationException(
            "credentials." + missing, null, "is required with " + String.join(" and ", given));
      }
    }
    if (!sets.isEmpty() && sets.stream().noneMatch(set -> set.isCompleteIn(present))) {
      throw new ValidationException(
          "credentials",
          null,
          "must hold " + String.join(", or ", sets.stream().map(CredentialSet::describe).toList()));
    }
  }

  /** Checks that only declared names appear. */
  static void checkNames(
      String section, ProviderKind kind, List<ProviderField> fields, Set<String> names) {
    for (String name : names) {
      if (fields.stream().noneMatch(f -> f.name().equals(name))) {
        throw new ValidationException(
            section, name, "is not a " + section + " field of kind " + kind.id());
      }
    }
  }

  private static ProviderField field(List<ProviderField> fields, String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }
}
