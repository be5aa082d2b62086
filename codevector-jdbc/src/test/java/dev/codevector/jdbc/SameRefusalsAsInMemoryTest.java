package dev.codevector.jdbc;

import static dev.codevector.testkit.StoreFixtures.T0;
import static dev.codevector.testkit.StoreFixtures.apiKey;
import static dev.codevector.testkit.StoreFixtures.backend;
import static dev.codevector.testkit.StoreFixtures.group;
import static dev.codevector.testkit.StoreFixtures.limit;
import static dev.codevector.testkit.StoreFixtures.model;
import static dev.codevector.testkit.StoreFixtures.provider;
import static dev.codevector.testkit.StoreFixtures.providerModel;
import static dev.codevector.testkit.StoreFixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codevector.access.ApiKey;
import dev.codevector.access.ApiKeyId;
import dev.codevector.access.Grant;
import dev.codevector.access.Group;
import dev.codevector.access.Principal;
import dev.codevector.access.User;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitScope;
import dev.codevector.registry.Backend;
import dev.codevector.registry.Model;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.Status;
import dev.codevector.spi.Setting;
import dev.codevector.spi.Store;
import dev.codevector.store.InMemoryStore;
import dev.codevector.testing.PostgresSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Each refusal the contract suite does not spell out comes from a JdbcStore with the same type and
 * message as from the in-memory store.
 */
final class SameRefusalsAsInMemoryTest {

  @Test
  void h2RefusesAsTheInMemoryStoreDoes() throws Exception {
    assertSameRefusals(
        () ->
            JdbcStore.create(
                "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null));
  }

  @Test
  @EnabledIfEnvironmentVariable(
      named = PostgresSchema.URL_VARIABLE,
      matches = ".+",
      disabledReason = PostgresSchema.SKIPPED)
  void postgresRefusesAsTheInMemoryStoreDoes() throws Exception {
    List<PostgresSchema> schemas = new ArrayList<>();
    try {
      assertSameRefusals(
          () -> {
            PostgresSchema schema = PostgresSchema.create();
            schemas.add(schema);
            return JdbcStore.create(schema.url(), null, null);
          });
    } finally {
      for (PostgresSchema schema : schemas) {
        schema.close();
      }
    }
  }

  private static void assertSameRefusals(Callable<Store> newStore) throws Exception {
    for (Map.Entry<String, Consumer<Store>> scenario : scenarios().entrySet()) {
      String expected = refusal(new InMemoryStore(), scenario.getValue());
      try (Store store = newStore.call()) {
        assertEquals(expected, refusal(store, scenario.getValue()), scenario.getKey());
      }
    }
  }

  private static String refusal(Store store, Consumer<Store> scenario) {
    RuntimeException e = assertThrows(RuntimeException.class, () -> scenario.accept(store));
    return e.getClass().getName() + ": " + e.getMessage();
  }

  /** Writes that end in a refusal; each runs on an empty store. */
  private static Map<String, Consumer<Store>> scenarios() {
    Provider provider = provider("openai");
    ProviderModel providerModel = providerModel(provider.id(), "gpt-4o");
    Model model = model("chat");
    Backend backend = backend(providerModel, 1);
    Setting setting = new Setting("canary", new byte[] {1}, 0);
    Map<String, Consumer<Store>> scenarios = new LinkedHashMap<>();
    scenarios.put(
        "provider inserted twice",
        store -> {
          store.registry().putProvider(provider);
          store.registry().putProvider(provider);
        });
    scenarios.put(
        "provider updated from a stale version",
        store -> {
          Provider stored = store.registry().putProvider(provider);
          store.registry().putProvider(stored.withStatus(Status.DISABLED, T0));
          store.registry().putProvider(stored);
        });
    scenarios.put(
        "provider model of a missing provider",
        store -> store.registry().putProviderModel(providerModel));
    scenarios.put(
        "provider model inserted twice",
        store -> {
          store.registry().putProvider(provider);
          store.registry().putProviderModel(providerModel);
          store.registry().putProviderModel(providerModel);
        });
    scenarios.put(
        "provider model updated after it was deleted",
        store -> {
          store.registry().putProvider(provider);
          ProviderModel stored = store.registry().putProviderModel(providerModel);
          store.registry().deleteProviderModel(stored.id());
          store.registry().putProviderModel(stored);
        });
    scenarios.put(
        "model inserted twice",
        store -> {
          store.registry().putModel(model);
          store.registry().putModel(model);
        });
    scenarios.put(
        "model updated that was never stored",
        store -> store.registry().putModel(model.withVersion(3)));
    scenarios.put(
        "backend to a missing provider model",
        store -> store.registry().putModel(model.withBackends(List.of(backend), T0)));
    scenarios.put(
        "backend already wired to another model",
        store -> {
          store.registry().putProvider(provider);
          store.registry().putProviderModel(providerModel);
          store.registry().putModel(model.withBackends(List.of(backend), T0));
          store.registry().putModel(model("other").withBackends(List.of(backend), T0));
        });
    scenarios.put(
        "setting inserted twice",
        store -> {
          store.settings().putSetting(setting);
          store.settings().putSetting(setting);
        });
    scenarios.put(
        "setting updated from a stale version",
        store -> {
          Setting stored = store.settings().putSetting(setting);
          store.settings().putSetting(stored.withValue(new byte[] {2}));
          store.settings().putSetting(stored);
        });
    scenarios.putAll(accessScenarios());
    scenarios.putAll(limitScenarios());
    return scenarios;
  }

  /** Refusals of limits; each runs on an empty store. */
  private static Map<String, Consumer<Store>> limitScenarios() {
    User ada = user("ada");
    Limit onKey = limit(new LimitScope.Key(apiKey(ada.id()).id()), Optional.empty());
    Limit onUser = limit(new LimitScope.User(ada.id()), Optional.empty());
    Limit onGroup = limit(new LimitScope.Group(group("team").id()), Optional.empty());
    Limit forModel = limit(new LimitScope.All(), Optional.of(model("chat").id()));
    Limit onEveryone = limit(new LimitScope.All(), Optional.empty());
    Map<String, Consumer<Store>> scenarios = new LinkedHashMap<>();
    scenarios.put("limit on a missing key", store -> store.limits().putLimit(onKey));
    scenarios.put("limit on a missing user", store -> store.limits().putLimit(onUser));
    scenarios.put("limit on a missing group", store -> store.limits().putLimit(onGroup));
    scenarios.put("limit for a missing model", store -> store.limits().putLimit(forModel));
    scenarios.put(
        "limit inserted twice",
        store -> {
          store.limits().putLimit(onEveryone);
          store.limits().putLimit(onEveryone);
        });
    scenarios.put(
        "limit updated after it was deleted",
        store -> {
          Limit stored = store.limits().putLimit(onEveryone);
          store.limits().deleteLimit(stored.id());
          store.limits().putLimit(stored);
        });
    return scenarios;
  }

  /** Refusals of users, groups, grants and API keys; each runs on an empty store. */
  private static Map<String, Consumer<Store>> accessScenarios() {
    User ada = user("ada");
    Group team = group("team");
    Model model = model("chat");
    ApiKey key = apiKey(ada.id());
    Grant grant = Grant.create(model.id(), Principal.ofUser(ada.id()), T0);
    Map<String, Consumer<Store>> scenarios = new LinkedHashMap<>();
    scenarios.put(
        "user inserted twice",
        store -> {
          store.access().putUser(ada);
          store.access().putUser(ada);
        });
    scenarios.put(
        "user email taken",
        store -> {
          store.access().putUser(ada);
          store.access().putUser(user("ada"));
        });
    scenarios.put(
        "user updated after it was deleted",
        store -> {
          User stored = store.access().putUser(ada);
          store.access().deleteUser(ada.id());
          store.access().putUser(stored);
        });
    scenarios.put(
        "group name taken",
        store -> {
          store.access().putGroup(team);
          store.access().putGroup(group("team"));
        });
    scenarios.put(
        "group member missing", store -> store.access().putGroup(group("team", ada.id())));
    scenarios.put(
        "group updated from a stale version",
        store -> {
          Group stored = store.access().putGroup(team);
          store.access().putGroup(stored);
          store.access().putGroup(stored);
        });
    scenarios.put(
        "grant of a missing model",
        store -> {
          store.access().putUser(ada);
          store.access().putGrant(grant);
        });
    scenarios.put(
        "grant to a missing user",
        store -> {
          store.registry().putModel(model);
          store.access().putGrant(grant);
        });
    scenarios.put(
        "grant to a missing group",
        store -> {
          store.registry().putModel(model);
          store.access().putGrant(Grant.create(model.id(), Principal.ofGroup(team.id()), T0));
        });
    scenarios.put(
        "grant given twice",
        store -> {
          store.access().putUser(ada);
          store.registry().putModel(model);
          store.access().putGrant(grant);
          store.access().putGrant(Grant.create(model.id(), Principal.ofUser(ada.id()), T0));
        });
    scenarios.put("api key of a missing user", store -> store.access().putApiKey(key));
    scenarios.put(
        "api key hash taken",
        store -> {
          store.access().putUser(ada);
          store.access().putApiKey(key);
          store
              .access()
              .putApiKey(
                  new ApiKey(
                      ApiKeyId.random(),
                      ada.id(),
                      Optional.empty(),
                      "cv-other",
                      key.hash(),
                      T0,
                      Optional.empty(),
                      Optional.empty(),
                      Optional.empty(),
                      0));
        });
    scenarios.put(
        "api key updated from a stale version",
        store -> {
          store.access().putUser(ada);
          ApiKey stored = store.access().putApiKey(key);
          store.access().putApiKey(stored.withRevokedAt(T0));
          store.access().putApiKey(stored.withLastUsedAt(T0));
        });
    return scenarios;
  }
}
