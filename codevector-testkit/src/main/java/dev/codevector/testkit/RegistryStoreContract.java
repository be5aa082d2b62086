package dev.codevector.testkit;

import static dev.codevector.testkit.StoreFixtures.T0;
import static dev.codevector.testkit.StoreFixtures.backend;
import static dev.codevector.testkit.StoreFixtures.model;
import static dev.codevector.testkit.StoreFixtures.provider;
import static dev.codevector.testkit.StoreFixtures.providerModel;
import static dev.codevector.testkit.StoreFixtures.user;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.access.Grant;
import dev.codevector.access.Principal;
import dev.codevector.access.User;
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
import dev.codevector.spi.Store;
import dev.codevector.vault.SealedCredential;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The contract a {@link Store} keeps for its Providers, Provider Models, and Models with their
 * Backends: {@link dev.codevector.spi.RegistryStore}, racing writers included. A Store
 * implementation proves itself by extending this class and returning a new, empty store from {@link
 * #newStore()}; each test gets its own store and closes it afterwards.
 */
public abstract class RegistryStoreContract extends StoreContract {
  /** Creates the contract; a subclass supplies the store. */
  protected RegistryStoreContract() {}

  // Providers

  @Test
  void insertedProviderIsStoredAtVersionOne() {
    Provider stored = registry().putProvider(provider("openai-main"));

    assertEquals(1, stored.version(), "an insert is stored at version 1");
    assertEquals(Optional.of(stored), registry().findProvider(stored.id()));
  }

  @Test
  void providerRoundTripsWithEveryField() {
    Provider original = provider("local").withStatus(Status.DISABLED, T0.plusSeconds(5));

    registry().putProvider(original);

    Provider found = registry().findProvider(original.id()).orElseThrow();
    assertEquals(original.withVersion(1), found);
    assertEquals(T0.plusSeconds(5), found.updatedAt());
    assertEquals(Map.of("baseUrl", "http://127.0.0.1:9000/v1"), found.config());
  }

  @Test
  void credentialCiphertextRoundTripsByteForByte() {
    Provider original = provider("bytes");
    SealedCredential sealed = original.credentials().get("apiKey");

    registry().putProvider(original);

    SealedCredential found =
        registry().findProvider(original.id()).orElseThrow().credentials().get("apiKey");
    assertArrayEquals(sealed.ciphertext(), found.ciphertext());
    assertArrayEquals(sealed.wrappedKey(), found.wrappedKey());
    assertEquals(sealed.prefix(), found.prefix());
    assertEquals(sealed.updatedAt(), found.updatedAt());
  }

  @Test
  void missingProviderIsNotFound() {
    assertEquals(Optional.empty(), registry().findProvider(ProviderId.random()));
  }

  @Test
  void updatedProviderIsStoredAtNextVersion() {
    Provider stored = registry().putProvider(provider("first"));

    Provider renamed =
        registry().putProvider(stored.withSettings("second", stored.config(), T0.plusSeconds(1)));

    assertEquals(2, renamed.version(), "an update is stored at the next version");
    assertEquals("second", registry().findProvider(stored.id()).orElseThrow().name());
  }

  @Test
  void providerUpdateFromStaleVersionFails() {
    Provider stored = registry().putProvider(provider("stale"));
    registry().putProvider(stored.withStatus(Status.DISABLED, T0));

    assertRefusedWritesNothing(
        ConcurrentUpdateException.class,
        () -> registry().putProvider(stored.withSettings("other", stored.config(), T0)),
        () -> registry().findProvider(stored.id()));
  }

  @Test
  void updateOfDeletedProviderFails() {
    Provider stored = registry().putProvider(provider("gone"));
    registry().deleteProvider(stored.id());

    assertRefusedWritesNothing(
        ConcurrentUpdateException.class,
        () -> registry().putProvider(stored.withStatus(Status.DISABLED, T0)),
        () -> registry().findProvider(stored.id()));
  }

  @Test
  void duplicateProviderNameIsRefusedAndNothingIsWritten() {
    registry().putProvider(provider("same"));

    AlreadyExistsException e =
        assertRefusedWritesNothing(
            AlreadyExistsException.class,
            () -> registry().putProvider(provider("same")),
            () -> registry().providers().size());

    assertEquals("provider name", e.what());
    assertEquals("provider name 'same' already exists", e.getMessage());
  }

  @Test
  void renamingProviderToTakenNameIsRefused() {
    registry().putProvider(provider("taken"));
    Provider other = registry().putProvider(provider("other"));

    assertRefusedWritesNothing(
        AlreadyExistsException.class,
        () -> registry().putProvider(other.withSettings("taken", other.config(), T0)),
        () -> registry().findProvider(other.id()));
  }

  @Test
  void insertingTheSameProviderTwiceIsRefused() {
    Provider stored = registry().putProvider(provider("once"));

    assertThrows(AlreadyExistsException.class, () -> registry().putProvider(stored.withVersion(0)));
  }

  @Test
  void providersListsEveryProvider() {
    Provider a = registry().putProvider(provider("a"));
    Provider b = registry().putProvider(provider("b"));

    List<Provider> all = registry().providers();

    assertEquals(2, all.size());
    assertTrue(all.containsAll(List.of(a, b)));
    assertThrows(UnsupportedOperationException.class, () -> all.add(a), "lists are unmodifiable");
  }

  @Test
  void deletingMissingProviderReturnsFalse() {
    assertFalse(registry().deleteProvider(ProviderId.random()));
  }

  @Test
  void deletingProviderCascadesToProviderModelsAndBackends() {
    Provider kept = registry().putProvider(provider("kept"));
    Provider doomed = registry().putProvider(provider("doomed"));
    ProviderModel keptModel = registry().putProviderModel(providerModel(kept.id(), "m1"));
    ProviderModel doomedModel = registry().putProviderModel(providerModel(doomed.id(), "m1"));
    Backend keptBackend = backend(keptModel, 1);
    Model model =
        registry()
            .putModel(
                model("chat").withBackends(List.of(keptBackend, backend(doomedModel, 2)), T0));

    assertTrue(registry().deleteProvider(doomed.id()));

    assertEquals(
        Optional.empty(),
        registry().findProviderModel(doomedModel.id()),
        "deleting a Provider deletes its Provider Models");
    assertEquals(List.of(), registry().providerModels(doomed.id()));
    assertEquals(
        Optional.of(keptModel),
        registry().findProviderModel(keptModel.id()),
        "deleting a Provider keeps the Provider Models of others");
    Model after = registry().findModel(model.id()).orElseThrow();
    assertEquals(
        List.of(keptBackend),
        after.backends(),
        "deleting a Provider Model deletes the Backends wired to it, and only those");
    assertEquals(
        model.version() + 1,
        after.version(),
        "a Model that loses a Backend to a cascade moves to its next version");
  }

  // Provider Models

  @Test
  void providerModelRoundTripsWithPricesAndSource() {
    Provider provider = registry().putProvider(provider("p"));
    ProviderModel original = providerModel(provider.id(), "gpt-4o");

    ProviderModel stored = registry().putProviderModel(original);

    assertEquals(original.withVersion(1), stored);
    ProviderModel found = registry().findProviderModel(original.id()).orElseThrow();
    assertEquals(original.withVersion(1), found);
    assertEquals(original.pricing(), found.pricing());
    assertEquals("Catalog 2026.11.21", found.source().toString());
  }

  @Test
  void embeddingProviderModelRoundTripsWithoutOutputLimit() {
    Provider provider = registry().putProvider(provider("p"));
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

    registry().putProviderModel(original);

    assertEquals(
        original.withVersion(1), registry().findProviderModel(original.id()).orElseThrow());
  }

  @Test
  void providerModelNeedsAnExistingProvider() {
    ProviderModel orphan = providerModel(ProviderId.random(), "m");

    assertRefusedWritesNothing(
        ProviderNotFoundException.class,
        () -> registry().putProviderModel(orphan),
        () -> registry().findProviderModel(orphan.id()));
  }

  @Test
  void upstreamModelIdIsUniqueWithinAProvider() {
    Provider provider = registry().putProvider(provider("p"));
    registry().putProviderModel(providerModel(provider.id(), "gpt-4o"));

    AlreadyExistsException e =
        assertRefusedWritesNothing(
            AlreadyExistsException.class,
            () -> registry().putProviderModel(providerModel(provider.id(), "gpt-4o")),
            () -> registry().providerModels(provider.id()));

    assertEquals("provider model 'gpt-4o' already exists", e.getMessage());
  }

  @Test
  void sameUpstreamModelIdMayExistAtTwoProviders() {
    Provider a = registry().putProvider(provider("a"));
    Provider b = registry().putProvider(provider("b"));

    registry().putProviderModel(providerModel(a.id(), "gpt-4o"));
    registry().putProviderModel(providerModel(b.id(), "gpt-4o"));

    assertEquals(1, registry().providerModels(a.id()).size());
    assertEquals(1, registry().providerModels(b.id()).size());
  }

  @Test
  void providerModelUpdateFromStaleVersionFails() {
    Provider provider = registry().putProvider(provider("p"));
    ProviderModel stored = registry().putProviderModel(providerModel(provider.id(), "m"));
    registry().putProviderModel(stored.withStatus(Status.DISABLED, T0));

    assertRefusedWritesNothing(
        ConcurrentUpdateException.class,
        () -> registry().putProviderModel(stored.withStatus(Status.ACTIVE, T0)),
        () -> registry().findProviderModel(stored.id()));
  }

  @Test
  void deletingProviderModelCascadesToItsBackends() {
    Provider provider = registry().putProvider(provider("p"));
    ProviderModel kept = registry().putProviderModel(providerModel(provider.id(), "kept"));
    ProviderModel doomed = registry().putProviderModel(providerModel(provider.id(), "doomed"));
    Backend keptBackend = backend(kept, 1);
    Model model =
        registry()
            .putModel(model("chat").withBackends(List.of(keptBackend, backend(doomed, 2)), T0));

    assertTrue(registry().deleteProviderModel(doomed.id()));

    assertFalse(registry().deleteProviderModel(doomed.id()));
    Model after = registry().findModel(model.id()).orElseThrow();
    assertEquals(
        List.of(keptBackend),
        after.backends(),
        "deleting a Provider Model deletes the Backends wired to it, and only those");
    assertEquals(
        model.version() + 1,
        after.version(),
        "a Model that loses a Backend to a cascade moves to its next version");
    assertEquals(List.of(kept), registry().providerModels(provider.id()));
  }

  // Models and Backends

  @Test
  void modelRoundTripsWithBackendsInRouteOrder() {
    Provider provider = registry().putProvider(provider("p"));
    ProviderModel first = registry().putProviderModel(providerModel(provider.id(), "first"));
    ProviderModel second = registry().putProviderModel(providerModel(provider.id(), "second"));
    Model original =
        model("chat").withBackends(List.of(backend(second, 20), backend(first, 10)), T0);

    Model stored = registry().putModel(original);

    assertEquals(original.withVersion(1), stored);
    Model found = registry().findModel(original.id()).orElseThrow();
    assertEquals(original.withVersion(1), found);
    assertEquals(
        first.id(),
        found.backends().get(0).providerModelId(),
        "a Model's Backends come in route order, by priority");
    assertEquals(Optional.of(found), registry().findModelBySlug("chat"));
  }

  @Test
  void missingModelIsNotFoundByIdOrSlug() {
    assertEquals(Optional.empty(), registry().findModel(ModelId.random()));
    assertEquals(Optional.empty(), registry().findModelBySlug("nothing"));
  }

  @Test
  void duplicateSlugIsRefusedAndNothingIsWritten() {
    registry().putModel(model("same"));

    AlreadyExistsException e =
        assertRefusedWritesNothing(
            AlreadyExistsException.class,
            () -> registry().putModel(model("same")),
            () -> registry().models().size());

    assertEquals("model slug 'same' already exists", e.getMessage());
  }

  @Test
  void changingSlugToTakenSlugIsRefused() {
    registry().putModel(model("taken"));
    Model other = registry().putModel(model("other"));

    assertRefusedWritesNothing(
        AlreadyExistsException.class,
        () -> registry().putModel(other.with(ModelEdit.none().withSlug("taken"), T0)),
        () -> registry().findModelBySlug("other"));
  }

  @Test
  void changedSlugFindsTheModel() {
    Model stored = registry().putModel(model("before"));

    registry().putModel(stored.with(ModelEdit.none().withSlug("after"), T0));

    assertEquals(
        Optional.empty(),
        registry().findModelBySlug("before"),
        "a Model is found by its current slug only");
    assertEquals(stored.id(), registry().findModelBySlug("after").orElseThrow().id());
  }

  @Test
  void puttingModelReplacesItsBackends() {
    Provider provider = registry().putProvider(provider("p"));
    ProviderModel a = registry().putProviderModel(providerModel(provider.id(), "a"));
    ProviderModel b = registry().putProviderModel(providerModel(provider.id(), "b"));
    Backend kept = backend(a, 1);
    Model stored =
        registry().putModel(model("chat").withBackends(List.of(kept, backend(b, 2)), T0));
    Backend edited =
        new Backend(kept.id(), a.id(), 7, kept.defaults(), kept.createdAt(), T0.plusSeconds(3));

    registry().putModel(stored.withBackends(List.of(edited), T0.plusSeconds(3)));

    assertEquals(List.of(edited), registry().findModel(stored.id()).orElseThrow().backends());
  }

  @Test
  void backendNeedsAnExistingProviderModel() {
    Provider provider = registry().putProvider(provider("p"));
    ProviderModel real = registry().putProviderModel(providerModel(provider.id(), "real"));
    ProviderModel unsaved = providerModel(provider.id(), "unsaved");
    Model stored = registry().putModel(model("chat").withBackends(List.of(backend(real, 1)), T0));

    assertRefusedWritesNothing(
        ProviderModelNotFoundException.class,
        () ->
            registry()
                .putModel(stored.withBackends(List.of(backend(real, 1), backend(unsaved, 2)), T0)),
        () -> registry().findModel(stored.id()));
  }

  @Test
  void backendIdIsUniqueAcrossModels() {
    Provider provider = registry().putProvider(provider("p"));
    ProviderModel target = registry().putProviderModel(providerModel(provider.id(), "m"));
    Backend shared = backend(target, 1);
    registry().putModel(model("one").withBackends(List.of(shared), T0));

    assertRefusedWritesNothing(
        AlreadyExistsException.class,
        () -> registry().putModel(model("two").withBackends(List.of(shared), T0)),
        () -> registry().findModelBySlug("two"));
  }

  @Test
  void modelUpdateFromStaleVersionFails() {
    Model stored = registry().putModel(model("m"));
    registry().putModel(stored.withStatus(ModelStatus.DISABLED, T0));

    assertRefusedWritesNothing(
        ConcurrentUpdateException.class,
        () -> registry().putModel(stored.with(ModelEdit.none().withDisplayName("x"), T0)),
        () -> registry().findModel(stored.id()));
  }

  @Test
  void deletingModelDeletesItsBackends() {
    Provider provider = registry().putProvider(provider("p"));
    ProviderModel target = registry().putProviderModel(providerModel(provider.id(), "m"));
    Backend backend = backend(target, 1);
    Model stored = registry().putModel(model("doomed").withBackends(List.of(backend), T0));

    assertTrue(registry().deleteModel(stored.id()));

    assertFalse(registry().deleteModel(stored.id()));
    assertEquals(Optional.empty(), registry().findModelBySlug("doomed"));
    Model reused = registry().putModel(model("reused").withBackends(List.of(backend), T0));
    assertEquals(
        List.of(backend),
        reused.backends(),
        "deleting a Model deletes its Backends, freeing their ids");
  }

  @Test
  void timestampsRoundTripToTheMicrosecond() {
    Instant precise = Instant.parse("2026-01-02T03:04:05.678901Z");
    Model original =
        Model.create("precise", "Precise", dev.codevector.registry.ModelKind.CHAT, precise);

    registry().putModel(original);

    Model found = registry().findModel(original.id()).orElseThrow();
    assertEquals(precise, found.createdAt(), "timestamps round-trip to the microsecond");
    assertEquals(precise, found.updatedAt());
  }

  @Test
  void deletingModelDeletesItsGrants() {
    User ada = access().putUser(user("ada"));
    Model doomed = registry().putModel(model("doomed"));
    Grant grant = access().putGrant(Grant.create(doomed.id(), Principal.ofUser(ada.id()), T0));

    registry().deleteModel(doomed.id());

    assertEquals(
        Optional.empty(), access().findGrant(grant.id()), "deleting a Model deletes its grants");
    assertEquals(List.of(), access().grants());
  }

  // Concurrency

  @Test
  void racingModelUpdatesLoseNoUpdate() {
    Model stored = registry().putModel(model("raced"));

    Race.compareAndSet(
        "putModel",
        () -> registry().findModel(stored.id()).orElseThrow(),
        m -> registry().putModel(m.with(ModelEdit.none().withDisplayName("raced"), T0)),
        Model::version);
  }

  @Test
  void racingProviderUpdatesLoseNoUpdate() {
    Provider stored = registry().putProvider(provider("raced"));

    Race.compareAndSet(
        "putProvider",
        () -> registry().findProvider(stored.id()).orElseThrow(),
        p -> registry().putProvider(p.withStatus(Status.DISABLED, T0)),
        Provider::version);
  }

  @Test
  void racingInsertsOfOneSlugStoreOneModel() {
    Race.uniqueInserts(
        "putModel",
        "a Model's slug",
        round -> {},
        (round, key, writer) -> registry().putModel(model("slug-" + round + "-" + key)),
        (round, key) -> registry().findModelBySlug("slug-" + round + "-" + key).isPresent());
  }

  @Test
  void racingInsertsOfOneProviderNameStoreOneProvider() {
    Race.uniqueInserts(
        "putProvider",
        "a Provider's name",
        round -> {},
        (round, key, writer) -> registry().putProvider(provider("name-" + round + "-" + key)),
        (round, key) ->
            registry().providers().stream()
                .anyMatch(p -> p.name().equals("name-" + round + "-" + key)));
  }

  /**
   * Asserts that a put fails with the given exception and leaves the store as it was.
   *
   * @param refusal the exception the put must throw
   * @param put the refused put
   * @param read what the put must not change, read before and after it
   * @return the exception the put threw
   */
  private static <T extends Throwable> T assertRefusedWritesNothing(
      Class<T> refusal, Executable put, Supplier<?> read) {
    Object before = read.get();

    T e = assertThrows(refusal, put);

    assertEquals(before, read.get(), "a refused put writes nothing");
    return e;
  }
}
