package dev.codevector.usage;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The program that sent a request, such as Claude Code or an OpenAI SDK, and its version when it
 * told one. Instances are immutable.
 *
 * @param kind which program
 * @param version its version, such as {@code 2.1.330}: 1 to {@value #MAX_VERSION} letters, digits,
 *     dots, dashes, pluses and underscores
 */
public record Client(ClientKind kind, Optional<String> version) {
  /** The most characters a version may have. */
  public static final int MAX_VERSION = 40;

  /** A client not recognized, of no known version: what in-process callers record by default. */
  public static final Client OTHER = new Client(ClientKind.OTHER, Optional.empty());

  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._+-]{1," + MAX_VERSION + "}");

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if the version has characters or a length it may not have
   */
  public Client {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(version, "version")
        .ifPresent(
            v -> {
              if (!VERSION.matcher(v).matches()) {
                throw new IllegalArgumentException(
                    "client version must be 1 to "
                        + MAX_VERSION
                        + " letters, digits, dots, dashes, pluses or underscores");
              }
            });
  }

  /**
   * Returns a client of a known version.
   *
   * @param kind which program
   * @param version its version
   * @return the client
   * @throws IllegalArgumentException if the version is not one a client may have
   */
  public static Client of(ClientKind kind, String version) {
    return new Client(kind, Optional.of(version));
  }
}
