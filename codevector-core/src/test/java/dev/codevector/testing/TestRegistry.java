package dev.codevector.testing;

import dev.codevector.CodeVector;
import dev.codevector.access.Access;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelKind;
import dev.codevector.registry.Pricing;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelSpec;
import dev.codevector.registry.ProviderSpec;
import dev.codevector.registry.Registry;
import dev.codevector.spi.Store;
import dev.codevector.store.InMemoryStore;
import dev.codevector.vault.Kek;
import java.math.BigDecimal;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A registry and access control on an in-memory store with a fake clock, plus shortcuts to populate
 * them.
 */
public final class TestRegistry {
  /** The clock the registry reads; advance it to see timestamps change. */
  public final FakeClock clock = new FakeClock();

  /** The store behind the registry. */
  public final Store store = new InMemoryStore();

  /** The CodeVector whose services are under test. */
  public final CodeVector codeVector =
      CodeVector.builder().store(store).kek(Kek.generate().aead()).clock(clock).build();

  /** The registry under test. */
  public final Registry registry = codeVector.registry();

  /** Access control on the same store. */
  public final Access access = codeVector.access();

  /**
   * Creates an OpenAI Provider with an API key.
   *
   * @param name the Provider's name
   * @return the Provider
   */
  public Provider openAi(String name) {
    return registry.createProvider(
        ProviderSpec.withApiKey(name, ProviderKind.OPENAI, "sk-test-0123456789abcdef", Map.of()));
  }

  /**
   * Adds a custom Provider Model of the given kind.
   *
   * @param provider the Provider
   * @param modelId the upstream model id
   * @param kind chat or embedding
   * @return the Provider Model
   */
  public ProviderModel providerModel(Provider provider, String modelId, ModelKind kind) {
    return registry.addProviderModel(
        provider.id(),
        new ProviderModelSpec(
            modelId,
            kind,
            128_000,
            kind == ModelKind.CHAT ? OptionalInt.of(4096) : OptionalInt.empty(),
            Pricing.of(new BigDecimal("2.5"), new BigDecimal("10"))));
  }

  /**
   * Creates a chat Model in draft, without Backends.
   *
   * @param slug the Model's slug
   * @return the Model
   */
  public Model chatModel(String slug) {
    return registry.createModel(slug, "Model " + slug, ModelKind.CHAT);
  }
}
