package dev.codevector.access;

import dev.codevector.registry.Checks;
import dev.codevector.registry.ValidationException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A person or program that calls CodeVector with API keys of its own. Instances are immutable.
 *
 * @param id the user's id
 * @param name the user's display name: not blank, at most 100 characters
 * @param email the user's email address, in lowercase; unique among users when present
 * @param createdAt when the user was created
 * @param version the stored version, for compare-and-set updates; 0 before it is first stored
 */
public record User(
    UserId id, String name, Optional<String> email, Instant createdAt, long version) {
  private static final int MAX_EMAIL = 254;

  /**
   * Checks every field, trims the name and the email address, and puts the address in lowercase.
   */
  public User {
    Objects.requireNonNull(id, "id");
    name = Checks.name("name", name);
    email = Objects.requireNonNull(email, "email").map(User::checkEmail);
    Objects.requireNonNull(createdAt, "createdAt");
    Checks.checkVersion(version);
  }

  /**
   * Returns a new, not yet stored user.
   *
   * @param name the display name
   * @param email the email address, if any
   * @param now the creation time
   * @return the user, at version 0
   * @throws ValidationException if the name or the email address is malformed
   */
  public static User create(String name, Optional<String> email, Instant now) {
    return new User(UserId.random(), name, email, now, 0);
  }

  /**
   * Returns a copy at another stored version; for {@link dev.codevector.spi.Store} implementations,
   * which store each put at the next version.
   *
   * @param newVersion the version
   * @return the copy
   */
  public User withVersion(long newVersion) {
    return new User(id, name, email, createdAt, newVersion);
  }

  private static String checkEmail(String value) {
    String trimmed = value.strip().toLowerCase(Locale.ROOT);
    int at = trimmed.lastIndexOf('@');
    if (at <= 0 || at == trimmed.length() - 1) {
      throw new ValidationException("email", value, "must be an address such as ada@example.com");
    }
    if (trimmed.length() > MAX_EMAIL) {
      throw new ValidationException("email", value, "must be at most " + MAX_EMAIL + " characters");
    }
    if (trimmed.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw new ValidationException("email", value, "must not contain white space");
    }
    return trimmed;
  }
}
