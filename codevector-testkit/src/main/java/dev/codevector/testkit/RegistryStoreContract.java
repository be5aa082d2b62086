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
import dev.codevector.registry.BackendEdit;
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
import dev.codevector.registry.RoutingStrategy;
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

    assertEquals(1, stored.version(), Rule.inserted("putProvider", "a Provider"));
    assertEquals(
        Optional.of(stored),
        registry().findProvider(stored.id()),
        Rule.roundTrips("findProvider", "a Provider"));
  }

  @Test
  void providerRoundTripsWithEveryField() {
    Provider original = provider("local").withStatus(Status.DISABLED, T0.plusSeconds(5));

    registry().putProvider(original);

    Provider found = registry().findProvider(original.id()).orElseThrow();
    assertEquals(original.withVersion(1), found, Rule.roundTrips("findProvider", "a Provider"));
    assertEquals(
        T0.plusSeconds(5),
        found.updatedAt(),
        "findProvider must return a Provider's timestamps to the microsecond");
    assertEquals(
        Map.of("baseUrl", "http://127.0.0.1:9000/v1"),
        found.config(),
        "findProvider must return a Provider's config as put");
  }

  @Test
  void credentialCiphertextRoundTripsByteForByte() {
    Provider original = provider("bytes");
    SealedCredential sealed = original.credentials().get("apiKey");

    registry().putProvider(original);

    SealedCredential found =
        registry().findProvider(original.id()).orElseThrow().credentials().get("apiKey");
    assertArrayEquals(
        sealed.ciphertext(),
        found.ciphertext(),
        "findProvider must return a credential's ciphertext byte for byte");
    assertArrayEquals(
        sealed.wrappedKey(),
        found.wrappedKey(),
        "findProvider must return a credential's wrapped key byte for byte");
    assertEquals(sealed.prefix(), found.prefix(), "findProvider must return a credential's prefix");
    assertEquals(
        sealed.updatedAt(),
        found.updatedAt(),
        "findProvider must return a credential's time to the microsecond");
  }

  @Test
  void missingProviderIsNotFound() {
    assertEquals(
        Optional.empty(),
        registry().findProvider(ProviderId.random()),
        Rule.missing("findProvider"));
  }

  @Test
  void updatedProviderIsStoredAtNextVersion() {
    Provider stored = registry().putProvider(provider("first"));

    Provider renamed =
        registry().putProvider(stored.withSettings("second", stored.config(), T0.plusSeconds(1)));

    assertEquals(2, renamed.version(), Rule.updated("putProvider", "a Provider"));
    assertEquals(
        "second",
        registry().findProvider(stored.id()).orElseThrow().name(),
        "findProvider must return a Provider as last put");
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

    assertEquals(
        "provider name",
        e.what(),
        "putProvider must refuse a taken name with AlreadyExistsException whose what is"
            + " 'provider name'");
    assertEquals(
        "provider name 'same' already exists",
        e.getMessage(),
        "putProvider must refuse a taken name naming it as the value");
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

    assertThrows(
        AlreadyExistsException.class,
        () -> registry().putProvider(stored.withVersion(0)),
        Rule.duplicate("putProvider", "id, at version 0 (new),"));
  }

  @Test
  void providersListsEveryProvider() {
    Provider a = registry().putProvider(provider("a"));
    Provider b = registry().putProvider(provider("b"));

    List<Provider> all = registry().providers();

    assertEquals(2, all.size(), Rule.lists("providers()"));
    assertTrue(all.containsAll(List.of(a, b)), Rule.lists("providers()"));
    assertThrows(
        UnsupportedOperationException.class,
        () -> all.add(a),
        "providers() must return an unmodifiable list: lists are unmodifiable snapshots");
  }

  @Test
  void deletingMissingProviderReturnsFalse() {
    assertFalse(registry().deleteProvider(ProviderId.random()), Rule.deletes("deleteProvider"));
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

    assertTrue(registry().deleteProvider(doomed.id()), Rule.deletes("deleteProvider"));

    assertEquals(
        Optional.empty(),
        registry().findProviderModel(doomedModel.id()),
        "deleteProvider must delete the Provider's Provider Models");
    assertEquals(
        List.of(),
        registry().providerModels(doomed.id()),
        "providerModels must return an empty list for a Provider that does not exist");
    assertEquals(
        Optional.of(keptModel),
        registry().findProviderModel(keptModel.id()),
        "deleteProvider must keep the Provider Models of other Providers");
    Model after = registry().findModel(model.id()).orElseThrow();
    assertEquals(
        List.of(keptBackend),
        after.backends(),
        "deleteProvider must delete the Backends wired to its Provider Models, and only those");
    assertEquals(
        model.version() + 1,
        after.version(),
        "deleteProvider must move each Model that loses a Backend to its next version, its other"
            + " fields unchanged");
  }

  // Provider Models

  @Test
  void providerModelRoundTripsWithPricesAndSource() {
    Provider provider = registry().putProvider(provider("p"));
    ProviderModel original = providerModel(provider.id(), "gpt-4o");

    ProviderModel stored = registry().putProviderModel(original);

    assertEquals(
        original.withVersion(1), stored, Rule.inserted("putProviderModel", "a Provider Model"));
    ProviderModel found = registry().findProviderModel(original.id()).orElseThrow();
    assertEquals(
        original.withVersion(1), found, Rule.roundTrips("findProviderModel", "a Provider Model"));
    assertEquals(
        original.pricing(),
        found.pricing(),
        "findProviderModel must return a Provider Model's prices as the exact decimals put");
    assertEquals(
        "Catalog 2026.11.21",
        found.source().toString(),
        "findProviderModel must return a Provider Model's source as put");
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
        original.withVersion(1),
        registry().findProviderModel(original.id()).orElseThrow(),
        "findProviderModel must return an embedding Provider Model as put, without an output"
            + " limit");
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

    assertEquals(
        "provider model 'gpt-4o' already exists",
        e.getMessage(),
        "putProviderModel must refuse an upstream model id taken within its Provider with what"
            + " 'provider model' and the upstream model id as value");
  }

  @Test
  void sameUpstreamModelIdMayExistAtTwoProviders() {
    Provider a = registry().putProvider(provider("a"));
    Provider b = registry().putProvider(provider("b"));

    registry().putProviderModel(providerModel(a.id(), "gpt-4o"));
    registry().putProviderModel(providerModel(b.id(), "gpt-4o"));

    String apart =
        "putProviderModel must keep an upstream model id unique within its Provider only: two"
            + " Providers may each have it";
    assertEquals(1, registry().providerModels(a.id()).size(), apart);
    assertEquals(1, registry().providerModels(b.id()).size(), apart);
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

    assertTrue(registry().deleteProviderModel(doomed.id()), Rule.deletes("deleteProviderModel"));

    assertFalse(registry().deleteProviderModel(doomed.id()), Rule.deletes("deleteProviderModel"));
    Model after = registry().findModel(model.id()).orElseThrow();
    assertEquals(
        List.of(keptBackend),
        after.backends(),
        "deleteProviderModel must delete the Backends wired to it, and only those");
    assertEquals(
        model.version() + 1,
        after.version(),
        "deleteProviderModel must move each Model that loses a Backend to its next version, its"
            + " other fields unchanged");
    assertEquals(
        List.of(kept),
        registry().providerModels(provider.id()),
        "deleteProviderModel must delete its Provider Model, and no other");
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

    assertEquals(original.withVersion(1), stored, Rule.inserted("putModel", "a Model"));
    Model found = registry().findModel(original.id()).orElseThrow();
    assertEquals(
        original.withVersion(1), found, Rule.roundTrips("findModel", "a Model with its Backends"));
    assertEquals(
        first.id(),
        found.backends().get(0).providerModelId(),
        "findModel must return a Model's Backends in route order, by priority");
    assertEquals(
        Optional.of(found),
        registry().findModelBySlug("chat"),
        "findModelBySlug must find a Model by its slug, with its Backends");
  }

  @Test
  void missingModelIsNotFoundByIdOrSlug() {
    assertEquals(
        Optional.empty(), registry().findModel(ModelId.random()), Rule.missing("findModel"));
    assertEquals(
        Optional.empty(), registry().findModelBySlug("nothing"), Rule.missing("findModelBySlug"));
  }

  @Test
  void duplicateSlugIsRefusedAndNothingIsWritten() {
    registry().putModel(model("same"));

    AlreadyExistsException e =
        assertRefusedWritesNothing(
            AlreadyExistsException.class,
            () -> registry().putModel(model("same")),
            () -> registry().models().size());

    assertEquals(
        "model slug 'same' already exists",
        e.getMessage(),
        "putModel must refuse a taken slug with what 'model slug' and the slug as value");
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
        "findModelBySlug must not find a Model by its old slug after a rename");
    assertEquals(
        stored.id(),
        registry().findModelBySlug("after").orElseThrow().id(),
        "findModelBySlug must find a Model by its new slug after a rename");
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
        new Backend(kept.id(), a.id(), 7, 3, kept.defaults(), kept.createdAt(), T0.plusSeconds(3));

    registry().putModel(stored.withBackends(List.of(edited), T0.plusSeconds(3)));

    assertEquals(
        List.of(edited),
        registry().findModel(stored.id()).orElseThrow().backends(),
        "putModel must store a Model with its Backends, deleting those absent from it");
  }

  @Test
  void routingAndWeightsRoundTrip() {
    Provider provider = registry().putProvider(provider("p"));
    ProviderModel a = registry().putProviderModel(providerModel(provider.id(), "a"));
    ProviderModel b = registry().putProviderModel(providerModel(provider.id(), "b"));
    Backend heavy = backend(a, 1).with(BackendEdit.none().withWeight(Backend.MAX_WEIGHT), T0);
    Model balanced =
        model("chat")
            .with(ModelEdit.none().withRouting(RoutingStrategy.BALANCED), T0)
            .withBackends(List.of(heavy, backend(b, 2)), T0);

    Model stored = registry().putModel(balanced);
    Model read = registry().findModel(stored.id()).orElseThrow();

    assertEquals(stored, read);
    assertEquals(RoutingStrategy.BALANCED, read.routing());
    assertEquals(
        List.of(Backend.MAX_WEIGHT, Backend.DEFAULT_WEIGHT),
        read.backends().stream().map(Backend::weight).toList());

    Backend lighter = heavy.with(BackendEdit.none().withWeight(2), T0.plusSeconds(1));
    Model failover =
        registry()
            .putModel(
                read.with(ModelEdit.none().withRouting(RoutingStrategy.FAILOVER), T0)
                    .withBackends(List.of(lighter), T0.plusSeconds(1)));

    Model reread = registry().findModelBySlug("chat").orElseThrow();
    assertEquals(failover, reread);
    assertEquals(RoutingStrategy.FAILOVER, reread.routing());
    assertEquals(2, reread.backends().get(0).weight());
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

    assertTrue(registry().deleteModel(stored.id()), Rule.deletes("deleteModel"));

    assertFalse(registry().deleteModel(stored.id()), Rule.deletes("deleteModel"));
    assertEquals(
        Optional.empty(),
        registry().findModelBySlug("doomed"),
        "findModelBySlug must not find a deleted Model");
    Model reused = registry().putModel(model("reused").withBackends(List.of(backend), T0));
    assertEquals(
        List.of(backend),
        reused.backends(),
        "deleteModel must delete the Model's Backends, freeing their ids");
  }

  @Test
  void timestampsRoundTripToTheMicrosecond() {
    Instant precise = Instant.parse("2026-01-02T03:04:05.678901Z");
    Model original =
        Model.create("precise", "Precise", dev.codevector.registry.ModelKind.CHAT, precise);

    registry().putModel(original);

    Model found = registry().findModel(original.id()).orElseThrow();
    String precision = "findModel must return timestamps to the microsecond";
    assertEquals(precise, found.createdAt(), precision);
    assertEquals(precise, found.updatedAt(), precision);
  }

  @Test
  void deletingModelDeletesItsGrants() {
    User ada = access().putUser(user("ada"));
    Model doomed = registry().putModel(model("doomed"));
    Grant grant = access().putGrant(Grant.create(doomed.id(), Principal.ofUser(ada.id()), T0));

    registry().deleteModel(doomed.id());

    assertEquals(
        Optional.empty(),
        access().findGrant(grant.id()),
        "deleteModel must delete the Model's grants, kept by the AccessStore, in the same write");
    assertEquals(
        List.of(), access().grants(), "deleteModel must delete the Model's grants in one write");
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

    T e =
        assertThrows(
            refusal,
            put,
            "the put must be refused with "
                + refusal.getSimpleName()
                + ", as the RegistryStore's Javadoc says for this case");

    assertEquals(before, read.get(), "a put that is refused must write nothing");
    return e;
  }
}
