package dev.codevector.testing;

import dev.codevector.access.ApiKey;
import dev.codevector.access.ApiKeyId;
import dev.codevector.access.User;
import dev.codevector.access.UserId;
import dev.codevector.registry.Pricing;
import dev.codevector.usage.Client;
import dev.codevector.usage.UsageRecord;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Values core's tests store or record: a user, an API key, a usage record. Nothing is stored. */
public final class TestValues {
  /** A timestamp with microsecond precision, as stores keep them. */
  public static final Instant T0 = Instant.parse("2026-11-21T10:00:00.123456Z");

  private static final SecureRandom RANDOM = new SecureRandom();

  private TestValues() {}

  /**
   * Returns an unsaved user with an email address made from its name.
   *
   * @param name the user's name
   * @return the user, at version 0
   */
  public static User user(String name) {
    return User.create(name, Optional.of(name.toLowerCase() + "@example.com"), T0);
  }

  /**
   * Returns an unsaved, never used API key with a random hash.
   *
   * @param userId the key's user
   * @return the key, at version 0
   */
  public static ApiKey apiKey(UserId userId) {
    byte[] hash = new byte[ApiKey.HASH_BYTES];
    RANDOM.nextBytes(hash);
    return new ApiKey(
        ApiKeyId.random(),
        userId,
        Optional.empty(),
        "cv-Test_",
        hash,
        T0,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        0);
  }

  /**
   * Returns a usage record of a request that no Backend answered: no user, key or Provider, no
   * tokens.
   *
   * @param requestId the request's id
   * @param time when the request was made
   * @param model the Model slug
   * @return the record
   */
  public static UsageRecord unanswered(String requestId, Instant time, String model) {
    return new UsageRecord(
        requestId,
        time,
        Optional.empty(),
        Optional.empty(),
        model,
        Optional.empty(),
        Optional.empty(),
        List.of(),
        404,
        0,
        0,
        0,
        0,
        Pricing.of(BigDecimal.ZERO, BigDecimal.ZERO),
        BigDecimal.ZERO,
        Duration.ofMillis(2),
        Optional.empty(),
        Client.OTHER,
        Optional.empty());
  }
}
