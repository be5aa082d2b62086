package dev.codevector.testkit;

import dev.codevector.access.ApiKey;
import dev.codevector.access.ApiKeyId;
import dev.codevector.access.Group;
import dev.codevector.access.GroupId;
import dev.codevector.access.User;
import dev.codevector.access.UserId;
import dev.codevector.limits.Budget;
import dev.codevector.limits.BudgetPeriod;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitScope;
import dev.codevector.limits.LimitSpec;
import dev.codevector.registry.Backend;
import dev.codevector.registry.BackendDefaults;
import dev.codevector.registry.BackendId;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.ModelKind;
import dev.codevector.registry.ModelSource;
import dev.codevector.registry.Pricing;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelSpec;
import dev.codevector.registry.Status;
import dev.codevector.routing.Outcome;
import dev.codevector.routing.Usage;
import dev.codevector.usage.AttemptSummary;
import dev.codevector.usage.Client;
import dev.codevector.usage.ClientKind;
import dev.codevector.usage.UsageRecord;
import dev.codevector.vault.SealedCredential;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;

/**
 * Builders of the values the store contracts put: registry, access, usage and limit values with
 * every field set, and awkward bytes. Values only, nothing is stored.
 */
public final class StoreFixtures {
  /** A timestamp with microsecond precision, as stores keep them. */
  public static final Instant T0 = Instant.parse("2026-11-21T10:00:00.123456Z");

  private static final Random RANDOM = new Random(42);

  private StoreFixtures() {}

  /**
   * Returns the SHA-256 hash of a text, as a hash that racing writers derive alike.
   *
   * @param text the text
   * @return its 32-byte hash
   */
  static byte[] hashOf(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Returns bytes that exercise every byte value, including 0x00 and 0xff.
   *
   * @param length how many bytes
   * @return random bytes that start with 0x00 and 0xff
   */
  public static byte[] awkwardBytes(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    bytes[0] = 0;
    bytes[1] = (byte) 0xff;
    return bytes;
  }

  /**
   * Returns a sealed credential made of random bytes.
   *
   * @return a credential as a store sees it
   */
  public static SealedCredential sealed() {
    return new SealedCredential(awkwardBytes(97), awkwardBytes(61), "sk-te", T0);
  }

  /**
   * Returns an unsaved OpenAI-compatible Provider with one credential.
   *
   * @param name the Provider's name
   * @return the Provider, at version 0
   */
  public static Provider provider(String name) {
    return new Provider(
        ProviderId.random(),
        name,
        ProviderKind.OPENAI_COMPATIBLE,
        Map.of("baseUrl", "http://127.0.0.1:9000/v1"),
        Map.of("apiKey", sealed()),
        Status.ACTIVE,
        0,
        T0,
        T0);
  }

  /**
   * Returns an unsaved chat Provider Model with full pricing.
   *
   * @param providerId its Provider
   * @param modelId the upstream model id
   * @return the Provider Model, at version 0
   */
  public static ProviderModel providerModel(ProviderId providerId, String modelId) {
    Pricing pricing =
        Pricing.of(new BigDecimal("2.5"), new BigDecimal("10"))
            .withCachedInput(new BigDecimal("1.25"))
            .withCacheWrite(new BigDecimal("3.125"));
    return ProviderModel.create(
        providerId,
        new ProviderModelSpec(modelId, ModelKind.CHAT, 128_000, OptionalInt.of(16_384), pricing),
        ModelSource.catalog("2026.11.21"),
        T0);
  }

  /**
   * Returns an unsaved draft chat Model with no Backends.
   *
   * @param slug the Model's slug
   * @return the Model, at version 0
   */
  public static Model model(String slug) {
    return Model.create(slug, "Model " + slug, ModelKind.CHAT, T0);
  }

  /**
   * Returns a Backend to a Provider Model, of the default weight, with every default set.
   *
   * @param providerModel the Provider Model to route to
   * @param priority the priority
   * @return the Backend
   */
  public static Backend backend(ProviderModel providerModel, int priority) {
    BackendDefaults defaults =
        BackendDefaults.none()
            .withTemperature(0.2)
            .withMaxTokens(4096)
            .withTopP(0.9)
            .withTopK(40)
            .withStop(List.of("END", "\n\nHuman:"));
    return new Backend(
        BackendId.random(), providerModel.id(), priority, Backend.DEFAULT_WEIGHT, defaults, T0, T0);
  }

  /**
   * Returns an unsaved user with an email address made from its name.
   *
   * @param name the user's name, such as {@code ada}
   * @return the user, at version 0, with the address {@code <name>@example.com}
   */
  public static User user(String name) {
    return new User(UserId.random(), name, Optional.of(name + "@example.com"), T0, 0);
  }

  /**
   * Returns an unsaved group.
   *
   * @param name the group's name
   * @param members its members
   * @return the group, at version 0
   */
  public static Group group(String name, UserId... members) {
    return new Group(GroupId.random(), name, Set.of(members), T0, 0);
  }

  /**
   * Returns an unsaved API key with a random hash and every optional field set but revocation.
   *
   * @param userId the key's user
   * @return the key, at version 0
   */
  public static ApiKey apiKey(UserId userId) {
    return new ApiKey(
        ApiKeyId.random(),
        userId,
        Optional.of("laptop"),
        "cv-Ab3x_",
        awkwardBytes(ApiKey.HASH_BYTES),
        T0,
        Optional.of(T0.plus(Duration.ofDays(30))),
        Optional.empty(),
        Optional.of(T0.plusSeconds(90)),
        0);
  }

  /**
   * Returns an unsaved limit with every cap set: 60 requests and 100,000 tokens a minute, and a
   * monthly budget of 12.345678 US dollars.
   *
   * @param scope whose requests it counts
   * @param model the Model whose requests it counts; empty for every Model
   * @return the limit, at version 0
   */
  public static Limit limit(LimitScope scope, Optional<ModelId> model) {
    return Limit.create(
        new LimitSpec(
            scope,
            model,
            OptionalLong.of(60),
            OptionalLong.of(100_000),
            Optional.of(new Budget(new BigDecimal("12.345678"), BudgetPeriod.MONTH))),
        T0);
  }

  /**
   * Returns a usage record with every field set: two attempts, prices for every kind of token, sent
   * by Claude Code in a session.
   *
   * @param requestId the request's id
   * @param time when the request was made
   * @param model the Model slug
   * @param provider the Provider that answered
   * @param user the calling user
   * @return the record
   */
  public static UsageRecord usageRecord(
      String requestId, Instant time, String model, ProviderId provider, UserId user) {
    return usageRecord(
        requestId,
        time,
        model,
        provider,
        user,
        Client.of(ClientKind.CLAUDE_CODE, "2.1.330"),
        Optional.of("2218abcc-38af-4bbe-8a1a-fbf5c48f4617"));
  }

  /**
   * Returns a usage record with every field set, as {@link #usageRecord(String, Instant, String,
   * ProviderId, UserId)} does, from a given client and session.
   *
   * @param requestId the request's id
   * @param time when the request was made
   * @param model the Model slug
   * @param provider the Provider that answered
   * @param user the calling user
   * @param client the program that sent the request
   * @param sessionId the client's session, if any
   * @return the record
   */
  public static UsageRecord usageRecord(
      String requestId,
      Instant time,
      String model,
      ProviderId provider,
      UserId user,
      Client client,
      Optional<String> sessionId) {
    Pricing pricing =
        Pricing.of(new BigDecimal("2.5"), new BigDecimal("10"))
            .withCachedInput(new BigDecimal("1.25"))
            .withCacheWrite(new BigDecimal("3.125"));
    Usage tokens = new Usage(1200, 300, 40, 250);
    return new UsageRecord(
        requestId,
        time,
        Optional.of(user),
        Optional.of(ApiKeyId.random()),
        model,
        Optional.of(provider),
        Optional.of("gpt-4o-2024-08-06"),
        List.of(
            new AttemptSummary(
                BackendId.random(), ProviderId.random(), "gpt-4o", Outcome.FAILOVER, 503),
            new AttemptSummary(
                BackendId.random(), provider, "gpt-4o-2024-08-06", Outcome.SUCCESS, 200)),
        200,
        tokens.inputTokens(),
        tokens.cachedInputTokens(),
        tokens.cacheWriteTokens(),
        tokens.outputTokens(),
        pricing,
        UsageRecord.cost(tokens, pricing),
        Duration.ofNanos(1_234_567_891),
        Optional.of(Duration.ofMillis(345)),
        client,
        sessionId);
  }

  /**
   * Returns a usage record with only the required fields: no user, key or Provider, no attempts,
   * zero prices, an unknown client and no session.
   *
   * @param requestId the request's id
   * @param time when the request was made
   * @param model the Model slug
   * @return the record
   */
  public static UsageRecord bareUsage(String requestId, Instant time, String model) {
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
