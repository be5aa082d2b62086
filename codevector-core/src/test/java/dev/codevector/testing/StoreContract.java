package dev.codevector.testing;

import static dev.codevector.testing.StoreFixtures.T0;
import static dev.codevector.testing.StoreFixtures.apiKey;
import static dev.codevector.testing.StoreFixtures.backend;
import static dev.codevector.testing.StoreFixtures.bareUsage;
import static dev.codevector.testing.StoreFixtures.group;
import static dev.codevector.testing.StoreFixtures.model;
import static dev.codevector.testing.StoreFixtures.provider;
import static dev.codevector.testing.StoreFixtures.providerModel;
import static dev.codevector.testing.StoreFixtures.usage;
import static dev.codevector.testing.StoreFixtures.user;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.access.ApiKey;
import dev.codevector.access.ApiKeyId;
import dev.codevector.access.Grant;
import dev.codevector.access.GrantId;
import dev.codevector.access.Group;
import dev.codevector.access.GroupId;
import dev.codevector.access.GroupNotFoundException;
import dev.codevector.access.Principal;
import dev.codevector.access.User;
import dev.codevector.access.UserId;
import dev.codevector.access.UserNotFoundException;
import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.Backend;
import dev.codevector.registry.ConcurrentUpdateException;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelEdit;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.ModelNotFoundException;
import dev.codevector.registry.ModelStatus;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelNotFoundException;
import dev.codevector.registry.ProviderNotFoundException;
import dev.codevector.registry.Status;
import dev.codevector.spi.Setting;
import dev.codevector.spi.Store;
import dev.codevector.usage.GroupBy;
import dev.codevector.usage.UsageQuery;
import dev.codevector.usage.UsageRecord;
import dev.codevector.usage.UsageTotal;
import dev.codevector.vault.SealedCredential;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

  // Users

  @Test
  void userRoundTripsWithEveryField() {
    User original = user("ada");

    User stored = store.putUser(original);

    assertEquals(original.withVersion(1), stored);
    assertEquals(Optional.of(stored), store.findUser(original.id()));
    assertEquals(List.of(stored), store.users());
  }

  @Test
  void userWithoutEmailRoundTrips() {
    User original = new User(UserId.random(), "ci bot", Optional.empty(), T0, 0);

    store.putUser(original);

    assertEquals(Optional.of(original.withVersion(1)), store.findUser(original.id()));
  }

  @Test
  void missingUserIsNotFound() {
    assertEquals(Optional.empty(), store.findUser(UserId.random()));
  }

  @Test
  void duplicateUserEmailIsRefusedAndNothingIsWritten() {
    store.putUser(user("ada"));

    AlreadyExistsException e =
        assertThrows(AlreadyExistsException.class, () -> store.putUser(user("ada")));

    assertEquals("user email 'ada@example.com' already exists", e.getMessage());
    assertEquals(1, store.users().size());
  }

  @Test
  void usersWithoutEmailMayBeMany() {
    store.putUser(new User(UserId.random(), "one", Optional.empty(), T0, 0));
    store.putUser(new User(UserId.random(), "two", Optional.empty(), T0, 0));

    assertEquals(2, store.users().size());
  }

  @Test
  void userUpdatesAreCompareAndSet() {
    User stored = store.putUser(user("ada"));
    User updated = store.putUser(stored);

    assertThrows(ConcurrentUpdateException.class, () -> store.putUser(stored));
    assertThrows(AlreadyExistsException.class, () -> store.putUser(stored.withVersion(0)));

    assertEquals(2, updated.version());
    assertEquals(Optional.of(updated), store.findUser(stored.id()));
  }

  @Test
  void deletingUserCascadesToKeysMembershipsAndGrants() {
    User doomed = store.putUser(user("doomed"));
    User kept = store.putUser(user("kept"));
    Group group = store.putGroup(group("team", doomed.id(), kept.id()));
    Model model = store.putModel(model("chat"));
    Grant direct = store.putGrant(Grant.create(model.id(), Principal.ofUser(doomed.id()), T0));
    Grant viaGroup = store.putGrant(Grant.create(model.id(), Principal.ofGroup(group.id()), T0));
    ApiKey doomedKey = store.putApiKey(apiKey(doomed.id()));
    ApiKey keptKey = store.putApiKey(apiKey(kept.id()));

    assertTrue(store.deleteUser(doomed.id()));

    assertFalse(store.deleteUser(doomed.id()));
    assertEquals(Optional.empty(), store.findApiKey(doomedKey.id()));
    assertEquals(Optional.empty(), store.findApiKeyByHash(doomedKey.hash()));
    assertEquals(List.of(keptKey), store.apiKeys());
    Group after = store.findGroup(group.id()).orElseThrow();
    assertEquals(Set.of(kept.id()), after.members());
    assertEquals(group.version() + 1, after.version());
    assertEquals(Optional.empty(), store.findGrant(direct.id()));
    assertEquals(List.of(viaGroup), store.grantsOf(model.id()));
    assertEquals(List.of(kept), store.users());
  }

  // Groups

  @Test
  void groupRoundTripsWithItsMembers() {
    User ada = store.putUser(user("ada"));
    User bob = store.putUser(user("bob"));
    Group original = group("team", ada.id(), bob.id());

    Group stored = store.putGroup(original);

    assertEquals(original.withVersion(1), stored);
    assertEquals(Optional.of(stored), store.findGroup(original.id()));
    assertEquals(List.of(stored), store.groups());
  }

  @Test
  void groupWithoutMembersRoundTrips() {
    Group original = group("empty");

    store.putGroup(original);

    assertEquals(Optional.of(original.withVersion(1)), store.findGroup(original.id()));
    assertEquals(Optional.empty(), store.findGroup(GroupId.random()));
  }

  @Test
  void duplicateGroupNameIsRefusedAndNothingIsWritten() {
    store.putGroup(group("team"));

    AlreadyExistsException e =
        assertThrows(AlreadyExistsException.class, () -> store.putGroup(group("team")));

    assertEquals("group name 'team' already exists", e.getMessage());
    assertEquals(1, store.groups().size());
  }

  @Test
  void groupMemberMustExist() {
    User ada = store.putUser(user("ada"));
    UserId missing = UserId.random();
    Group original = group("team", ada.id(), missing);

    UserNotFoundException e =
        assertThrows(UserNotFoundException.class, () -> store.putGroup(original));

    assertEquals(missing, e.userId());
    assertEquals(Optional.empty(), store.findGroup(original.id()));
  }

  @Test
  void puttingGroupReplacesItsMembers() {
    User ada = store.putUser(user("ada"));
    User bob = store.putUser(user("bob"));
    User eve = store.putUser(user("eve"));
    Group stored = store.putGroup(group("team", ada.id(), bob.id()));

    Group updated = store.putGroup(stored.withoutMember(ada.id()).withMember(eve.id()));

    assertEquals(Set.of(bob.id(), eve.id()), updated.members());
    assertEquals(Optional.of(updated), store.findGroup(stored.id()));
  }

  @Test
  void groupUpdatesAreCompareAndSet() {
    User ada = store.putUser(user("ada"));
    Group stored = store.putGroup(group("team"));
    store.putGroup(stored.withMember(ada.id()));

    assertThrows(ConcurrentUpdateException.class, () -> store.putGroup(stored));

    assertEquals(Set.of(ada.id()), store.findGroup(stored.id()).orElseThrow().members());
  }

  @Test
  void groupsOfListsTheGroupsAUserIsIn() {
    User ada = store.putUser(user("ada"));
    User bob = store.putUser(user("bob"));
    Group both = store.putGroup(group("both", ada.id(), bob.id()));
    Group bobs = store.putGroup(group("bobs", bob.id()));
    store.putGroup(group("nobody"));

    assertEquals(List.of(both), store.groupsOf(ada.id()));
    assertEquals(Set.of(both, bobs), Set.copyOf(store.groupsOf(bob.id())));
    assertEquals(List.of(), store.groupsOf(UserId.random()));
  }

  @Test
  void deletingGroupCascadesToGrantsAndKeepsTheMembers() {
    User ada = store.putUser(user("ada"));
    Group doomed = store.putGroup(group("doomed", ada.id()));
    Model model = store.putModel(model("chat"));
    Grant grant = store.putGrant(Grant.create(model.id(), Principal.ofGroup(doomed.id()), T0));

    assertTrue(store.deleteGroup(doomed.id()));

    assertFalse(store.deleteGroup(doomed.id()));
    assertEquals(Optional.empty(), store.findGrant(grant.id()));
    assertEquals(List.of(), store.groupsOf(ada.id()));
    assertEquals(Optional.of(ada), store.findUser(ada.id()));
    store.putGroup(group("doomed", ada.id()));
  }

  // Grants

  @Test
  void grantsRoundTripForUsersAndGroups() {
    User ada = store.putUser(user("ada"));
    Group team = store.putGroup(group("team"));
    Model model = store.putModel(model("chat"));
    Grant toUser = Grant.create(model.id(), Principal.ofUser(ada.id()), T0);
    Grant toGroup = Grant.create(model.id(), Principal.ofGroup(team.id()), T0.plusSeconds(1));

    assertEquals(toUser, store.putGrant(toUser));
    store.putGrant(toGroup);

    assertEquals(Optional.of(toUser), store.findGrant(toUser.id()));
    assertEquals(Optional.of(toGroup), store.findGrant(toGroup.id()));
    assertEquals(Set.of(toUser, toGroup), Set.copyOf(store.grants()));
    assertEquals(Optional.empty(), store.findGrant(GrantId.random()));
  }

  @Test
  void duplicateGrantIsRefusedAndNothingIsWritten() {
    User ada = store.putUser(user("ada"));
    Model model = store.putModel(model("chat"));
    store.putGrant(Grant.create(model.id(), Principal.ofUser(ada.id()), T0));
    Grant again = Grant.create(model.id(), Principal.ofUser(ada.id()), T0);

    AlreadyExistsException e =
        assertThrows(AlreadyExistsException.class, () -> store.putGrant(again));

    assertEquals(
        "grant of model '" + model.id() + "' to user '" + ada.id() + "' already exists",
        e.getMessage());
    assertEquals(1, store.grants().size());
  }

  @Test
  void insertingTheSameGrantTwiceIsRefused() {
    Group team = store.putGroup(group("team"));
    Model model = store.putModel(model("chat"));
    Grant grant = store.putGrant(Grant.create(model.id(), Principal.ofGroup(team.id()), T0));

    assertThrows(AlreadyExistsException.class, () -> store.putGrant(grant));
  }

  @Test
  void grantNeedsAnExistingModelAndPrincipal() {
    User ada = store.putUser(user("ada"));
    Group team = store.putGroup(group("team"));
    Model model = store.putModel(model("chat"));

    assertThrows(
        ModelNotFoundException.class,
        () -> store.putGrant(Grant.create(ModelId.random(), Principal.ofUser(ada.id()), T0)));
    assertThrows(
        UserNotFoundException.class,
        () -> store.putGrant(Grant.create(model.id(), Principal.ofUser(UserId.random()), T0)));
    assertThrows(
        GroupNotFoundException.class,
        () -> store.putGrant(Grant.create(model.id(), Principal.ofGroup(GroupId.random()), T0)));

    assertEquals(List.of(), store.grants());
    assertEquals(Optional.of(team), store.findGroup(team.id()));
  }

  @Test
  void grantsOfListsTheGrantsOfOneModel() {
    User ada = store.putUser(user("ada"));
    Model chat = store.putModel(model("chat"));
    Model other = store.putModel(model("other"));
    Grant grant = store.putGrant(Grant.create(chat.id(), Principal.ofUser(ada.id()), T0));
    store.putGrant(Grant.create(other.id(), Principal.ofUser(ada.id()), T0));

    assertEquals(List.of(grant), store.grantsOf(chat.id()));
    assertEquals(List.of(), store.grantsOf(ModelId.random()));
  }

  @Test
  void deletingGrantRemovesOnlyIt() {
    User ada = store.putUser(user("ada"));
    Model chat = store.putModel(model("chat"));
    Model other = store.putModel(model("other"));
    Grant doomed = store.putGrant(Grant.create(chat.id(), Principal.ofUser(ada.id()), T0));
    Grant kept = store.putGrant(Grant.create(other.id(), Principal.ofUser(ada.id()), T0));

    assertTrue(store.deleteGrant(doomed.id()));

    assertFalse(store.deleteGrant(doomed.id()));
    assertEquals(List.of(kept), store.grants());
  }

  @Test
  void deletingModelDeletesItsGrants() {
    User ada = store.putUser(user("ada"));
    Model doomed = store.putModel(model("doomed"));
    Grant grant = store.putGrant(Grant.create(doomed.id(), Principal.ofUser(ada.id()), T0));

    store.deleteModel(doomed.id());

    assertEquals(Optional.empty(), store.findGrant(grant.id()));
    assertEquals(List.of(), store.grants());
  }

  // API keys

  @Test
  void apiKeyRoundTripsWithItsHashByteForByte() {
    User ada = store.putUser(user("ada"));
    ApiKey original = apiKey(ada.id());

    ApiKey stored = store.putApiKey(original);

    assertEquals(original.withVersion(1), stored);
    ApiKey found = store.findApiKey(original.id()).orElseThrow();
    assertEquals(original.withVersion(1), found);
    assertArrayEquals(original.hash(), found.hash());
    assertEquals(List.of(found), store.apiKeys());
  }

  @Test
  void apiKeyWithoutOptionalFieldsRoundTrips() {
    User ada = store.putUser(user("ada"));
    ApiKey full = apiKey(ada.id());
    ApiKey original =
        new ApiKey(
            full.id(),
            ada.id(),
            Optional.empty(),
            full.prefix(),
            full.hash(),
            T0,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            0);

    store.putApiKey(original);

    assertEquals(Optional.of(original.withVersion(1)), store.findApiKey(original.id()));
  }

  @Test
  void apiKeyIsFoundByItsHashOnly() {
    User ada = store.putUser(user("ada"));
    ApiKey stored = store.putApiKey(apiKey(ada.id()));
    byte[] other = stored.hash();
    other[31] ^= 1;

    assertEquals(Optional.of(stored), store.findApiKeyByHash(stored.hash()));
    assertEquals(Optional.empty(), store.findApiKeyByHash(other));
    assertEquals(Optional.empty(), store.findApiKey(ApiKeyId.random()));
  }

  @Test
  void duplicateApiKeyHashIsRefusedAndNothingIsWritten() {
    User ada = store.putUser(user("ada"));
    ApiKey stored = store.putApiKey(apiKey(ada.id()));
    ApiKey sameHash =
        new ApiKey(
            ApiKeyId.random(),
            ada.id(),
            Optional.empty(),
            "cv-other",
            stored.hash(),
            T0,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            0);

    AlreadyExistsException e =
        assertThrows(AlreadyExistsException.class, () -> store.putApiKey(sameHash));

    assertEquals("api key hash 'cv-other' already exists", e.getMessage());
    assertEquals(List.of(stored), store.apiKeys());
  }

  @Test
  void apiKeyNeedsAnExistingUser() {
    ApiKey orphan = apiKey(UserId.random());

    assertThrows(UserNotFoundException.class, () -> store.putApiKey(orphan));

    assertEquals(Optional.empty(), store.findApiKey(orphan.id()));
  }

  @Test
  void apiKeyUpdatesAreCompareAndSet() {
    User ada = store.putUser(user("ada"));
    ApiKey stored = store.putApiKey(apiKey(ada.id()));
    ApiKey revoked = store.putApiKey(stored.withRevokedAt(T0.plusSeconds(5)));

    assertThrows(
        ConcurrentUpdateException.class,
        () -> store.putApiKey(stored.withLastUsedAt(T0.plusSeconds(6))));

    assertEquals(Optional.of(revoked), store.findApiKeyByHash(stored.hash()));
    assertEquals(Optional.of(T0.plusSeconds(5)), revoked.revokedAt());
  }

  @Test
  void apiKeysOfListsTheKeysOfOneUser() {
    User ada = store.putUser(user("ada"));
    User bob = store.putUser(user("bob"));
    ApiKey first = store.putApiKey(apiKey(ada.id()));
    ApiKey second = store.putApiKey(apiKey(ada.id()));
    store.putApiKey(apiKey(bob.id()));

    assertEquals(Set.of(first, second), Set.copyOf(store.apiKeysOf(ada.id())));
    assertEquals(List.of(), store.apiKeysOf(UserId.random()));
  }

  @Test
  void deletedApiKeyIsNotFoundByItsHash() {
    User ada = store.putUser(user("ada"));
    ApiKey stored = store.putApiKey(apiKey(ada.id()));

    assertTrue(store.deleteApiKey(stored.id()));

    assertFalse(store.deleteApiKey(stored.id()));
    assertEquals(Optional.empty(), store.findApiKeyByHash(stored.hash()));
    assertEquals(Optional.of(ada), store.findUser(ada.id()));
  }

  // Usage

  @Test
  void usageRecordRoundTripsWithEveryField() {
    UsageRecord original = usage("req-1", T0, "chat", ProviderId.random(), UserId.random());

    store.putUsage(List.of(original));

    List<UsageRecord> found = store.usageRecords(T0, T0.plusSeconds(1), 10);
    assertEquals(List.of(original), found);
    assertEquals(new BigDecimal("0.006"), found.get(0).cost());
    assertEquals(original.pricing(), found.get(0).pricing());
    assertEquals(Duration.ofNanos(1_234_567_891), found.get(0).latency());
  }

  @Test
  void usageRecordWithoutOptionalFieldsRoundTrips() {
    UsageRecord original = bareUsage("req-1", T0, "unknown-model");

    store.putUsage(List.of(original));

    assertEquals(List.of(original), store.usageRecords(T0, T0.plusSeconds(1), 10));
  }

  @Test
  void puttingUsageAgainIgnoresKnownRequestIds() {
    UsageRecord first = usage("req-1", T0, "chat", ProviderId.random(), UserId.random());
    UsageRecord second = bareUsage("req-2", T0.plusSeconds(1), "chat");
    store.putUsage(List.of(first));

    store.putUsage(List.of(bareUsage("req-1", T0, "changed"), second));

    assertEquals(List.of(first, second), store.usageRecords(T0, T0.plusSeconds(2), 10));
  }

  @Test
  void repeatedRequestIdWithinABatchKeepsTheFirst() {
    UsageRecord first = bareUsage("req-1", T0, "first");

    store.putUsage(List.of(first, bareUsage("req-1", T0, "second")));

    assertEquals(List.of(first), store.usageRecords(T0, T0.plusSeconds(1), 10));
  }

  @Test
  void usageRecordsComeByTimeWithinTheRangeUpToTheLimit() {
    Instant from = T0;
    Instant to = T0.plusSeconds(10);
    UsageRecord atFrom = bareUsage("b", from, "chat");
    UsageRecord sameTime = bareUsage("c", from, "chat");
    UsageRecord later = bareUsage("a", from.plusSeconds(5), "chat");
    store.putUsage(
        List.of(
            later,
            bareUsage("at-to", to, "chat"),
            sameTime,
            bareUsage("before", from.minusNanos(1000), "chat"),
            atFrom));

    assertEquals(List.of(atFrom, sameTime, later), store.usageRecords(from, to, 10));
    assertEquals(List.of(atFrom, sameTime), store.usageRecords(from, to, 2));
    assertEquals(List.of(), store.usageRecords(to.plusSeconds(1), to.plusSeconds(2), 10));
  }

  @Test
  void usageTotalsByModelSumEveryCount() {
    ProviderId provider = ProviderId.random();
    UserId user = UserId.random();
    store.putUsage(
        List.of(
            usage("1", T0, "chat", provider, user),
            usage("2", T0.plusSeconds(1), "chat", provider, user),
            bareUsage("3", T0.plusSeconds(2), "embed")));

    List<UsageTotal> totals =
        store.usageTotals(new UsageQuery(T0, T0.plusSeconds(3), GroupBy.MODEL));

    assertEquals(
        List.of(
            new UsageTotal("chat", 2, 2400, 600, 80, 500, new BigDecimal("0.012")),
            new UsageTotal("embed", 1, 0, 0, 0, 0, BigDecimal.ZERO)),
        totals);
  }

  @Test
  void usageTotalsByProviderPutRecordsWithoutOneUnderTheEmptyKey() {
    ProviderId a = ProviderId.of("provider-a");
    ProviderId b = ProviderId.of("provider-b");
    UserId user = UserId.random();
    store.putUsage(
        List.of(
            usage("1", T0, "chat", a, user),
            usage("2", T0, "chat", b, user),
            usage("3", T0, "other", b, user),
            bareUsage("4", T0, "chat")));

    List<UsageTotal> totals =
        store.usageTotals(new UsageQuery(T0, T0.plusSeconds(1), GroupBy.PROVIDER));

    assertEquals(List.of("", "provider-a", "provider-b"), keys(totals));
    assertEquals(List.of(1L, 1L, 2L), totals.stream().map(UsageTotal::requests).toList());
    assertEquals(new BigDecimal("0.012"), totals.get(2).cost());
  }

  @Test
  void usageTotalsByUserPutRecordsWithoutOneUnderTheEmptyKey() {
    UserId ada = UserId.of("user-ada");
    UserId bob = UserId.of("user-bob");
    ProviderId provider = ProviderId.random();
    store.putUsage(
        List.of(
            usage("1", T0, "chat", provider, ada),
            usage("2", T0, "chat", provider, bob),
            usage("3", T0, "chat", provider, bob),
            bareUsage("4", T0, "chat")));

    List<UsageTotal> totals =
        store.usageTotals(new UsageQuery(T0, T0.plusSeconds(1), GroupBy.USER));

    assertEquals(List.of("", "user-ada", "user-bob"), keys(totals));
    assertEquals(List.of(1L, 1L, 2L), totals.stream().map(UsageTotal::requests).toList());
    assertEquals(List.of(0L, 250L, 500L), totals.stream().map(UsageTotal::outputTokens).toList());
  }

  @Test
  void usageTotalsByDayUseUtcDates() {
    Instant lateOnTheFirst = Instant.parse("2026-11-01T23:59:59.999999Z");
    Instant startOfTheSecond = Instant.parse("2026-11-02T00:00:00Z");
    store.putUsage(
        List.of(
            bareUsage("1", lateOnTheFirst, "chat"),
            bareUsage("2", startOfTheSecond, "chat"),
            bareUsage("3", startOfTheSecond.plusSeconds(3600), "chat")));

    List<UsageTotal> totals =
        store.usageTotals(
            new UsageQuery(lateOnTheFirst, startOfTheSecond.plusSeconds(86_400), GroupBy.DAY));

    assertEquals(List.of("2026-11-01", "2026-11-02"), keys(totals));
    assertEquals(List.of(1L, 2L), totals.stream().map(UsageTotal::requests).toList());
  }

  @Test
  void usageTotalsCountFromInclusiveToExclusive() {
    Instant from = T0;
    Instant to = T0.plusSeconds(60);
    store.putUsage(
        List.of(
            bareUsage("before", from.minusNanos(1000), "chat"),
            bareUsage("at-from", from, "chat"),
            bareUsage("inside", from.plusSeconds(30), "chat"),
            bareUsage("at-to", to, "chat")));

    List<UsageTotal> totals = store.usageTotals(new UsageQuery(from, to, GroupBy.MODEL));

    assertEquals(List.of(new UsageTotal("chat", 2, 0, 0, 0, 0, BigDecimal.ZERO)), totals);
    assertEquals(List.of(), store.usageTotals(new UsageQuery(to, to, GroupBy.MODEL)));
  }

  @Test
  void usageRecordsOutliveTheUserTheyName() {
    User ada = store.putUser(user("ada"));
    UsageRecord record = usage("1", T0, "chat", ProviderId.random(), ada.id());
    store.putUsage(List.of(record));

    store.deleteUser(ada.id());

    assertEquals(List.of(record), store.usageRecords(T0, T0.plusSeconds(1), 1));
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

  private static List<String> keys(List<UsageTotal> totals) {
    return totals.stream().map(UsageTotal::key).toList();
  }

  private static long count(List<Outcome> outcomes, Outcome outcome) {
    return outcomes.stream().filter(o -> o == outcome).count();
  }
}
