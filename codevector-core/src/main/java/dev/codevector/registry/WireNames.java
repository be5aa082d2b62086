package dev.codevector.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Maps the registry's enums to and from their lowercase, hyphenated wire names. */
final class WireNames {
  private WireNames() {}

  static String of(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static <E extends Enum<E>> E parse(Class<E> type, String field, String id) {
    for (E value : type.getEnumConstants()) {
      if (of(value).equals(id)) {
        return value;
      }
    }
    String allowed =
        Arrays.stream(type.getEnumConstants()).map(WireNames::of).collect(Collectors.joining(", "));
    throw new ValidationException(field, id, "must be one of " + allowed);
  }
}
