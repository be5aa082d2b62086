package dev.codevector.jdbc;

import static dev.codevector.testing.StoreFixtures.T0;
import static dev.codevector.testing.StoreFixtures.backend;
import static dev.codevector.testing.StoreFixtures.model;
import static dev.codevector.testing.StoreFixtures.provider;
import static dev.codevector.testing.StoreFixtures.providerModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codevector.registry.Backend;
import dev.codevector.registry.Model;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.Status;
import dev.codevector.spi.Setting;
import dev.codevector.spi.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
      String expected = refusal(Store.inMemory(), scenario.getValue());
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
          store.putProvider(provider);
          store.putProvider(provider);
        });
    scenarios.put(
        "provider updated from a stale version",
        store -> {
          Provider stored = store.putProvider(provider);
          store.putProvider(stored.withStatus(Status.DISABLED, T0));
          store.putProvider(stored);
        });
    scenarios.put(
        "provider model of a missing provider", store -> store.putProviderModel(providerModel));
    scenarios.put(
        "provider model inserted twice",
        store -> {
          store.putProvider(provider);
          store.putProviderModel(providerModel);
          store.putProviderModel(providerModel);
        });
    scenarios.put(
        "provider model updated after it was deleted",
        store -> {
          store.putProvider(provider);
          ProviderModel stored = store.putProviderModel(providerModel);
          store.deleteProviderModel(stored.id());
          store.putProviderModel(stored);
        });
    scenarios.put(
        "model inserted twice",
        store -> {
          store.putModel(model);
          store.putModel(model);
        });
    scenarios.put(
        "model updated that was never stored", store -> store.putModel(model.withVersion(3)));
    scenarios.put(
        "backend to a missing provider model",
        store -> store.putModel(model.withBackends(List.of(backend), T0)));
    scenarios.put(
        "backend already wired to another model",
        store -> {
          store.putProvider(provider);
          store.putProviderModel(providerModel);
          store.putModel(model.withBackends(List.of(backend), T0));
          store.putModel(model("other").withBackends(List.of(backend), T0));
        });
    scenarios.put(
        "setting inserted twice",
        store -> {
          store.putSetting(setting);
          store.putSetting(setting);
        });
    scenarios.put(
        "setting updated from a stale version",
        store -> {
          Setting stored = store.putSetting(setting);
          store.putSetting(stored.withValue(new byte[] {2}));
          store.putSetting(stored);
        });
    return scenarios;
  }
}
