package dev.codevector.testing;

import dev.codevector.registry.Backend;
import dev.codevector.registry.BackendDefaults;
import dev.codevector.registry.BackendId;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelKind;
import dev.codevector.registry.ModelSource;
import dev.codevector.registry.Pricing;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelSpec;
import dev.codevector.registry.Status;
import dev.codevector.vault.SealedCredential;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;

/** Builders of registry values for store tests; values only, nothing is stored. */
public final class StoreFixtures {
  /** A timestamp with microsecond precision, as stores keep them. */
  public static final Instant T0 = Instant.parse("2026-11-21T10:00:00.123456Z");

  private static final Random RANDOM = new Random(42);

  private StoreFixtures() {}

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
   * Returns a Backend to a Provider Model, with every default set.
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
    return new Backend(BackendId.random(), providerModel.id(), priority, defaults, T0, T0);
  }
}
