package dev.codevector.testing;

import static dev.codevector.testing.StoreFixtures.T0;
import static dev.codevector.testing.StoreFixtures.backend;
import static dev.codevector.testing.StoreFixtures.model;
import static dev.codevector.testing.StoreFixtures.provider;
import static dev.codevector.testing.StoreFixtures.providerModel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.Backend;
import dev.codevector.registry.ConcurrentUpdateException;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelEdit;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.ModelStatus;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelNotFoundException;
import dev.codevector.registry.ProviderNotFoundException;
import dev.codevector.registry.Status;
import dev.codevector.spi.Setting;
import dev.codevector.spi.Store;
import dev.codevector.vault.SealedCredential;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Store} keeps. A Store implementation proves itself by extending this
 * class and returning a new, empty store from {@link #newStore()}; each test gets its own store and
 * closes it afterwards.
 */
public abstract class StoreContract {
  private Store store;

  /**
   * Returns a new, empty store.
   *
   * @return the store under test
   */
  protected abstract Store newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  // Providers

  @Test
  void insertedProviderIsStoredAtVersionOne() {
    Provider stored = store.putProvider(provider("openai-main"));

    assertEquals(1, stored.version());
    assertEquals(Optional.of(stored), store.findProvider(stored.id()));
  }

  @Test
  void providerRoundTripsWithEveryField() {
    Provider original = provider("local").withStatus(Status.DISABLED, T0.plusSeconds(5));

    store.putProvider(original);

    Provider found = store.findProvider(original.id()).orElseThrow();
    assertEquals(original.withVersion(1), found);
    assertEquals(T0.plusSeconds(5), found.updatedAt());
    assertEquals(Map.of("baseUrl", "http://127.0.0.1:9000/v1"), found.config());
  }

  @Test
  void credentialCiphertextRoundTripsByteForByte() {
    Provider original = provider("bytes");
    SealedCredential sealed = original.credentials().get("apiKey");

    store.putProvider(original);

    SealedCredential found =
        store.findProvider(original.id()).orElseThrow().credentials().get("apiKey");
    assertArrayEquals(sealed.ciphertext(), found.ciphertext());
    assertArrayEquals(sealed.wrappedKey(), found.wrappedKey());
    assertEquals(sealed.prefix(), found.prefix());
    assertEquals(sealed.updatedAt(), found.updatedAt());
  }

  @Test
  void missingProviderIsNotFound() {
    assertEquals(Optional.empty(), store.findProvider(ProviderId.random()));
  }

  @Test
  void updatedProviderIsStoredAtNextVersion() {
    Provider stored = store.putProvider(provider("first"));

    Provider renamed =
        store.putProvider(stored.withSettings("second", stored.config(), T0.plusSeconds(1)));

    assertEquals(2, renamed.version());
    assertEquals("second", store.findProvider(stored.id()).orElseThrow().name());
  }

  @Test
  void providerUpdateFromStaleVersionFails() {
    Provider stored = store.putProvider(provider("stale"));
    store.putProvider(stored.withStatus(Status.DISABLED, T0));

    assertThrows(
        ConcurrentUpdateException.class,
        () -> store.putProvider(stored.withSettings("other", stored.config(), T0)));

    assertEquals("stale", store.findProvider(stored.id()).orElseThrow().name());
  }

  @Test
  void updateOfDeletedProviderFails() {
    Provider stored = store.putProvider(provider("gone"));
    store.deleteProvider(stored.id());

    assertThrows(
        ConcurrentUpdateException.class,
        () -> store.putProvider(stored.withStatus(Status.DISABLED, T0)));
    assertEquals(Optional.empty(), store.findProvider(stored.id()));
  }

  @Test
  void duplicateProviderNameIsRefusedAndNothingIsWritten() {
    store.putProvider(provider("same"));

    AlreadyExistsException e =
        assertThrows(AlreadyExistsException.class, () -> store.putProvider(provider("same")));

    assertEquals("provider name", e.what());
    assertEquals("provider name 'same' already exists", e.getMessage());
    assertEquals(1, store.providers().size());
  }

  @Test
  void renamingProviderToTakenNameIsRefused() {
    store.putProvider(provider("taken"));
    Provider other = store.putProvider(provider("other"));

    assertThrows(
        AlreadyExistsException.class,
        () -> store.putProvider(other.withSettings("taken", other.config(), T0)));
    assertEquals("other", store.findProvider(other.id()).orElseThrow().name());
  }

  @Test
  void insertingTheSameProviderTwiceIsRefused() {
    Provider stored = store.putProvider(provider("once"));

    assertThrows(AlreadyExistsException.class, () -> store.putProvider(stored.withVersion(0)));
  }

  @Test
  void providersListsEveryProvider() {
    Provider a = store.putProvider(provider("a"));
    Provider b = store.putProvider(provider("b"));

    List<Provider> all = store.providers();

    assertEquals(2, all.size());
    assertTrue(all.containsAll(List.of(a, b)));
    assertThrows(UnsupportedOperationException.class, () -> all.add(a));
  }

  @Test
  void deletingMissingProviderReturnsFalse() {
    assertFalse(store.deleteProvider(ProviderId.random()));
  }

  @Test
  void deletingProviderCascadesToProviderModelsAndBackends() {
    Provider kept = store.putProvider(provider("kept"));
    Provider doomed = store.putProvider(provider("doomed"));
    ProviderModel keptModel = store.putProviderModel(providerModel(kept.id(), "m1"));
    ProviderModel doomedModel = store.putProviderModel(providerModel(doomed.id(), "m1"));
    Backend keptBackend = backend(keptModel, 1);
    Model model =
        store.putModel(
            model("chat").withBackends(List.of(keptBackend, backend(doomedModel, 2)), T0));

    assertTrue(store.deleteProvider(doomed.id()));

    assertEquals(Optional.empty(), store.findProviderModel(doomedModel.id()));
    assertEquals(List.of(), store.providerModels(doomed.id()));
    assertEquals(Optional.of(keptModel), store.findProviderModel(keptModel.id()));
    Model after = store.findModel(model.id()).orElseThrow();
    assertEquals(List.of(keptBackend), after.backends());
    assertEquals(model.version() + 1, after.version());
  }

  // Provider Models

  @Test
  void providerModelRoundTripsWithPricesAndSource() {
    Provider provider = store.putProvider(provider("p"));
    ProviderModel original = providerModel(provider.id(), "gpt-4o");

    ProviderModel stored = store.putProviderModel(original);

    assertEquals(original.withVersion(1), stored);
    ProviderModel found = store.findProviderModel(original.id()).orElseThrow();
    assertEquals(original.withVersion(1), found);
    assertEquals(original.pricing(), found.pricing());
    assertEquals("Catalog 2026.11.21", found.source().toString());
  }

  @Test
  void embeddingProviderModelRoundTripsWithoutOutputLimit() {
    Provider provider = store.putProvider(provider("p"));
    ProviderModel original =
        ProviderModel.create(
            provider.id(),
            new dev.codevector.registry.ProviderModelSpec(
                "text-embedding-3-small",
                dev.codevector.registry.ModelKind.EMBEDDING,
                8191,
                java.util.OptionalInt.empty(),
                dev.codevector.registry.Pricing.of(
                    new java.math.BigDecimal("0.02"), java.math.BigDecimal.ZERO)),
            dev.codevector.registry.ModelSource.custom(),
            T0);

    store.putProviderModel(original);

    assertEquals(original.withVersion(1), store.findProviderModel(original.id()).orElseThrow());
  }

  @Test
  void providerModelNeedsAnExistingProvider() {
    ProviderModel orphan = providerModel(ProviderId.random(), "m");

    assertThrows(ProviderNotFoundException.class, () -> store.putProviderModel(orphan));
    assertEquals(Optional.empty(), store.findProviderModel(orphan.id()));
  }

  @Test
  void upstreamModelIdIsUniqueWithinAProvider() {
    Provider provider = store.putProvider(provider("p"));
    store.putProviderModel(providerModel(provider.id(), "gpt-4o"));

    AlreadyExistsException e =
        assertThrows(
            AlreadyExistsException.class,
            () -> store.putProviderModel(providerModel(provider.id(), "gpt-4o")));

    assertEquals("provider model 'gpt-4o' already exists", e.getMessage());
    assertEquals(1, store.providerModels(provider.id()).size());
  }

  @Test
  void sameUpstreamModelIdMayExistAtTwoProviders() {
    Provider a = store.putProvider(provider("a"));
    Provider b = store.putProvider(provider("b"));

    store.putProviderModel(providerModel(a.id(), "gpt-4o"));
    store.putProviderModel(providerModel(b.id(), "gpt-4o"));

    assertEquals(1, store.providerModels(a.id()).size());
    assertEquals(1, store.providerModels(b.id()).size());
  }

  @Test
  void providerModelUpdateFromStaleVersionFails() {
    Provider provider = store.putProvider(provider("p"));
    ProviderModel stored = store.putProviderModel(providerModel(provider.id(), "m"));
    store.putProviderModel(stored.withStatus(Status.DISABLED, T0));

    assertThrows(
        ConcurrentUpdateException.class,
        () -> store.putProviderModel(stored.withStatus(Status.ACTIVE, T0)));
    assertEquals(2, store.findProviderModel(stored.id()).orElseThrow().version());
  }

  @Test
  void deletingProviderModelCascadesToItsBackends() {
    Provider provider = store.putProvider(provider("p"));
    ProviderModel kept = store.putProviderModel(providerModel(provider.id(), "kept"));
    ProviderModel doomed = store.putProviderModel(providerModel(provider.id(), "doomed"));
    Backend keptBackend = backend(kept, 1);
    Model model =
        store.putModel(model("chat").withBackends(List.of(keptBackend, backend(doomed, 2)), T0));

    assertTrue(store.deleteProviderModel(doomed.id()));

    assertFalse(store.deleteProviderModel(doomed.id()));
    Model after = store.findModel(model.id()).orElseThrow();
    assertEquals(List.of(keptBackend), after.backends());
    assertEquals(model.version() + 1, after.version());
    assertEquals(List.of(kept), store.providerModels(provider.id()));
  }

  // Models and Backends

  @Test
  void modelRoundTripsWithBackendsInRouteOrder() {
    Provider provider = store.putProvider(provider("p"));
    ProviderModel first = store.putProviderModel(providerModel(provider.id(), "first"));
    ProviderModel second = store.putProviderModel(providerModel(provider.id(), "second"));
    Model original =
        model("chat").withBackends(List.of(backend(second, 20), backend(first, 10)), T0);

    Model stored = store.putModel(original);

    assertEquals(original.withVersion(1), stored);
    Model found = store.findModel(original.id()).orElseThrow();
    assertEquals(original.withVersion(1), found);
    assertEquals(first.id(), found.backends().get(0).providerModelId());
    assertEquals(Optional.of(found), store.findModelBySlug("chat"));
  }

  @Test
  void missingModelIsNotFoundByIdOrSlug() {
    assertEquals(Optional.empty(), store.findModel(ModelId.random()));
    assertEquals(Optional.empty(), store.findModelBySlug("nothing"));
  }

  @Test
  void duplicateSlugIsRefusedAndNothingIsWritten() {
    store.putModel(model("same"));

    AlreadyExistsException e =
        assertThrows(AlreadyExistsException.class, () -> store.putModel(model("same")));

    assertEquals("model slug 'same' already exists", e.getMessage());
    assertEquals(1, store.models().size());
  }

  @Test
  void changingSlugToTakenSlugIsRefused() {
    store.putModel(model("taken"));
    Model other = store.putModel(model("other"));

    assertThrows(
        AlreadyExistsException.class,
        () -> store.putModel(other.with(ModelEdit.none().withSlug("taken"), T0)));
    assertEquals(Optional.of(other), store.findModelBySlug("other"));
  }

  @Test
  void changedSlugFindsTheModel() {
    Model stored = store.putModel(model("before"));

    store.putModel(stored.with(ModelEdit.none().withSlug("after"), T0));

    assertEquals(Optional.empty(), store.findModelBySlug("before"));
    assertEquals(stored.id(), store.findModelBySlug("after").orElseThrow().id());
  }

  @Test
  void puttingModelReplacesItsBackends() {
    Provider provider = store.putProvider(provider("p"));
    ProviderModel a = store.putProviderModel(providerModel(provider.id(), "a"));
    ProviderModel b = store.putProviderModel(providerModel(provider.id(), "b"));
    Backend kept = backend(a, 1);
    Model stored = store.putModel(model("chat").withBackends(List.of(kept, backend(b, 2)), T0));
    Backend edited =
        new Backend(kept.id(), a.id(), 7, kept.defaults(), kept.createdAt(), T0.plusSeconds(3));

    store.putModel(stored.withBackends(List.of(edited), T0.plusSeconds(3)));

    assertEquals(List.of(edited), store.findModel(stored.id()).orElseThrow().backends());
  }

  @Test
  void backendNeedsAnExistingProviderModel() {
    Provider provider = store.putProvider(provider("p"));
    ProviderModel real = store.putProviderModel(providerModel(provider.id(), "real"));
    ProviderModel unsaved = providerModel(provider.id(), "unsaved");
    Model stored = store.putModel(model("chat").withBackends(List.of(backend(real, 1)), T0));

    assertThrows(
        ProviderModelNotFoundException.class,
        () ->
            store.putModel(
                stored.withBackends(List.of(backend(real, 1), backend(unsaved, 2)), T0)));

    assertEquals(stored, store.findModel(stored.id()).orElseThrow());
  }

  @Test
  void backendIdIsUniqueAcrossModels() {
    Provider provider = store.putProvider(provider("p"));
    ProviderModel target = store.putProviderModel(providerModel(provider.id(), "m"));
    Backend shared = backend(target, 1);
    store.putModel(model("one").withBackends(List.of(shared), T0));

    assertThrows(
        AlreadyExistsException.class,
        () -> store.putModel(model("two").withBackends(List.of(shared), T0)));
    assertEquals(Optional.empty(), store.findModelBySlug("two"));
  }

  @Test
  void modelUpdateFromStaleVersionFails() {
    Model stored = store.putModel(model("m"));
    store.putModel(stored.withStatus(ModelStatus.DISABLED, T0));

    assertThrows(
        ConcurrentUpdateException.class,
        () -> store.putModel(stored.with(ModelEdit.none().withDisplayName("x"), T0)));
    assertEquals(ModelStatus.DISABLED, store.findModel(stored.id()).orElseThrow().status());
  }

  @Test
  void deletingModelDeletesItsBackends() {
    Provider provider = store.putProvider(provider("p"));
    ProviderModel target = store.putProviderModel(providerModel(provider.id(), "m"));
    Backend backend = backend(target, 1);
    Model stored = store.putModel(model("doomed").withBackends(List.of(backend), T0));

    assertTrue(store.deleteModel(stored.id()));

    assertFalse(store.deleteModel(stored.id()));
    assertEquals(Optional.empty(), store.findModelBySlug("doomed"));
    Model reused = store.putModel(model("reused").withBackends(List.of(backend), T0));
    assertEquals(List.of(backend), reused.backends());
  }

  @Test
  void timestampsRoundTripToTheMicrosecond() {
    Instant precise = Instant.parse("2026-01-02T03:04:05.678901Z");
    Model original =
        Model.create("precise", "Precise", dev.codevector.registry.ModelKind.CHAT, precise);

    store.putModel(original);

    Model found = store.findModel(original.id()).orElseThrow();
    assertEquals(precise, found.createdAt());
    assertEquals(precise, found.updatedAt());
  }

  // Settings

  @Test
  void settingRoundTripsByteForByte() {
    byte[] value = StoreFixtures.awkwardBytes(300);

    Setting stored = store.putSetting(new Setting("vault.canary", value, 0));

    assertEquals(1, stored.version());
    assertArrayEquals(value, store.findSetting("vault.canary").orElseThrow().value());
    assertEquals(Optional.empty(), store.findSetting("other"));
  }

  @Test
  void settingUpdatesAreCompareAndSet() {
    Setting stored = store.putSetting(new Setting("s", new byte[] {1}, 0));
    Setting updated = store.putSetting(stored.withValue(new byte[] {2}));

    assertThrows(
        ConcurrentUpdateException.class, () -> store.putSetting(stored.withValue(new byte[] {3})));
    assertThrows(
        AlreadyExistsException.class, () -> store.putSetting(new Setting("s", new byte[] {4}, 0)));

    assertEquals(updated, store.findSetting("s").orElseThrow());
    assertArrayEquals(new byte[] {2}, store.findSetting("s").orElseThrow().value());
  }

  // Concurrency

  @Test
  void ofTwoRacingModelUpdatesExactlyOneWins() {
    Model stored = store.putModel(model("raced"));

    List<Outcome> outcomes =
        race(
            i ->
                () ->
                    store.putModel(
                        stored.with(ModelEdit.none().withDisplayName("writer " + i), T0)));

    assertEquals(1, count(outcomes, Outcome.WON));
    assertEquals(1, count(outcomes, Outcome.CONFLICT));
    assertEquals(2, store.findModel(stored.id()).orElseThrow().version());
  }

  @Test
  void ofTwoRacingProviderUpdatesExactlyOneWins() {
    Provider stored = store.putProvider(provider("raced"));

    List<Outcome> outcomes =
        race(i -> () -> store.putProvider(stored.withSettings("writer-" + i, stored.config(), T0)));

    assertEquals(1, count(outcomes, Outcome.WON));
    assertEquals(1, count(outcomes, Outcome.CONFLICT));
    assertEquals(2, store.findProvider(stored.id()).orElseThrow().version());
  }

  @Test
  void ofTwoRacingInsertsOfOneSlugExactlyOneWins() {
    List<Outcome> outcomes = race(i -> () -> store.putModel(model("contested")));

    assertEquals(1, count(outcomes, Outcome.WON));
    assertEquals(1, count(outcomes, Outcome.DUPLICATE));
    assertEquals(1, store.models().size());
  }

  /** How one racing writer fared. */
  enum Outcome {
    WON,
    CONFLICT,
    DUPLICATE
  }

  private static List<Outcome> race(Function<Integer, Callable<?>> writer) {
    return assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          int writers = 2;
          ExecutorService pool = Executors.newFixedThreadPool(writers);
          try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
              Callable<?> write = writer.apply(i);
              futures.add(
                  pool.submit(
                      () -> {
                        start.await();
                        try {
                          write.call();
                          return Outcome.WON;
                        } catch (ConcurrentUpdateException e) {
                          return Outcome.CONFLICT;
                        } catch (AlreadyExistsException e) {
                          return Outcome.DUPLICATE;
                        }
                      }));
            }
            start.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
              outcomes.add(future.get());
            }
            return outcomes;
          } finally {
            pool.shutdownNow();
          }
        });
  }

  private static long count(List<Outcome> outcomes, Outcome outcome) {
    return outcomes.stream().filter(o -> o == outcome).count();
  }
}
