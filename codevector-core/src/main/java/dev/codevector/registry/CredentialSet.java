package dev.codevector.registry;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One way to authenticate with a kind that offers several: the credential fields a Provider needs
 * together, and those that may come with them (a session token with AWS access keys).
 *
 * @param required the fields needed together
 * @param optional the fields allowed only alongside the required ones
 */
record CredentialSet(List<String> required, List<String> optional) {

  /** Copies the lists. */
  CredentialSet {
    required = List.copyOf(required);
    optional = List.copyOf(optional);
  }

  /** Returns whether every required field is present. */
  boolean isCompleteIn(Set<String> present) {
    return present.containsAll(required);
  }

  /** Returns the fields of this set that are present, required ones first. */
  List<String> presentIn(Set<String> present) {
    return Stream.concat(required.stream(), optional.stream()).filter(present::contains).toList();
  }

  /** Describes the set for a message, such as {@code accessKeyId and secretAccessKey}. */
  String describe() {
    return String.join(" and ", required);
  }
}
