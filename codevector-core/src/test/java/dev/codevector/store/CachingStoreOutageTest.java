package dev.codevector.store;

import static dev.codevector.testing.TestValues.T0;
import static dev.codevector.testing.TestValues.apiKey;
import static dev.codevector.testing.TestValues.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codevector.access.ApiKey;
import dev.codevector.access.User;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelEdit;
import dev.codevector.registry.ModelKind;
import dev.codevector.spi.AccessStore;
import dev.codevector.spi.LimitStore;
import dev.codevector.spi.RegistryStore;
import dev.codevector.spi.SettingStore;
import dev.codevector.spi.Store;
import dev.codevector.spi.StoreException;
import dev.codevector.spi.UsageStore;
import dev.codevector.testing.DelegatingAccessStore;
import dev.codevector.testing.DelegatingRegistryStore;
import dev.codevector.testing.FakeClock;
import dev.codevector.testing.UncaughtFailures;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class CachingStoreOutageTest {
  private final FakeClock clock = new FakeClock();
  private final InMemoryStore database = new InMemoryStore();
  private final FlakyStore flaky = new FlakyStore(database);
  private final CachingStore cached =
      new CachingStore(flaky, Duration.ofSeconds(1), clock, Runnable::run);

  /**
   * The database, failing every Model lookup by slug and every key write while it is "down"; the
   * rest of the registry and access control, usage, limits and settings pass through.
   */
  private static final class FlakyStore implements Store {
    private final InMemoryStore database;
    private final RegistryStore registry;
    private final AccessStore access;
    boolean down;
    Throwable cause = new java.io.IOException("connection refused");
    int lookups;

    FlakyStore(InMemoryStore database) {
      this.database = database;
      this.registry =
          new DelegatingRegistryStore(database.registry()) {
            @Override
            public Optional<Model> findModelBySlug(String slug) {
              lookups++;
              if (down) {
                throw new StoreException("database unreachable", cause);
              }
              return super.findModelBySlug(slug);
            }
          };
      this.access =
          new DelegatingAccessStore(database.access()) {
            @Override
            public ApiKey putApiKey(ApiKey key) {
              if (down) {
                throw new StoreException(
                    "database unreachable", new java.io.IOException("refused"));
              }
              return super.putApiKey(key);
            }
          };
    }

    @Override
    public RegistryStore registry() {
      return registry;
    }

    @Override
    public AccessStore access() {
      return access;
    }

    @Override
    public UsageStore usage() {
      return database.usage();
    }

    @Override
    public LimitStore limits() {
      return database.limits();
    }

    @Override
    public SettingStore settings() {
      return database.settings();
    }

    @Override
    public void close() {}
  }

  private static Model model(String slug) {
    return Model.create(slug, "Model " + slug, ModelKind.CHAT, T0);
  }

  @Test
  void cachedReadsAreServedWithoutAskingTheDatabase() {
    Model stored = cached.registry().putModel(model("chat"));
    cached.registry().findModelBySlug("chat");

    Optional<Model> again = cached.registry().findModelBySlug("chat");

    assertEquals(Optional.of(stored), again);
    assertEquals(1, flaky.lookups);
  }

  @Test
  void knownEntriesAreServedWhileTheDatabaseIsDown() {
    Model stored = cached.registry().putModel(model("chat"));
    cached.registry().findModelBySlug("chat");
    flaky.down = true;
    clock.advance(Duration.ofSeconds(5));

    Optional<Model> during = cached.registry().findModelBySlug("chat");

    assertEquals(Optional.of(stored), during);
    assertEquals(2, flaky.lookups);
  }

  @Test
  void unknownEntriesFailWhileTheDatabaseIsDown() {
    flaky.down = true;

    assertThrows(StoreException.class, () -> cached.registry().findModelBySlug("never-seen"));
  }

  @Test
  void anOutOfMemoryErrorWrappedInAFailedReloadReachesTheUncaughtExceptionHandler()
      throws Exception {
    OutOfMemoryError error = new OutOfMemoryError("Java heap space");
    UncaughtFailures uncaught = new UncaughtFailures();
    CachingStore reloading =
        new CachingStore(
            flaky, Duration.ofSeconds(1), clock, task -> new Thread(uncaught, task).start());
    Model stored = reloading.registry().putModel(model("chat"));
    reloading.registry().findModelBySlug("chat");
    flaky.down = true;
    flaky.cause = new IllegalStateException(error);
    clock.advance(Duration.ofSeconds(5));

    Optional<Model> during = reloading.registry().findModelBySlug("chat");

    assertEquals(Optional.of(stored), during);
    assertSame(error, uncaught.first());
  }

  @Test
  void changesByOtherProcessesShowAfterTheRefreshInterval() {
    Model stored = cached.registry().putModel(model("chat"));
    cached.registry().findModelBySlug("chat");
    database
        .registry()
        .putModel(
            stored.with(ModelEdit.none().withDisplayName("Renamed elsewhere"), stored.updatedAt()));

    String before = cached.registry().findModelBySlug("chat").orElseThrow().displayName();
    clock.advance(Duration.ofSeconds(2));
    cached.registry().findModelBySlug("chat");
    String after = cached.registry().findModelBySlug("chat").orElseThrow().displayName();

    assertEquals("Model chat", before);
    assertEquals("Renamed elsewhere", after);
  }

  @Test
  void writesThroughTheCacheShowAtOnce() {
    Model stored = cached.registry().putModel(model("chat"));
    cached.registry().findModelBySlug("chat");

    cached
        .registry()
        .putModel(stored.with(ModelEdit.none().withDisplayName("New name"), stored.updatedAt()));

    assertEquals("New name", cached.registry().findModelBySlug("chat").orElseThrow().displayName());
  }

  @Test
  void aKeyWriteTheDatabaseRefusesLeavesTheKeyAndEverythingElseCached() {
    Model model = cached.registry().putModel(model("chat"));
    User user = cached.access().putUser(user("Ada"));
    ApiKey key = cached.access().putApiKey(apiKey(user.id()));
    cached.registry().findModelBySlug("chat");
    cached.access().findApiKeyByHash(key.hash());
    flaky.down = true;

    assertThrows(
        StoreException.class, () -> cached.access().putApiKey(key.withLastUsedAt(Instant.EPOCH)));

    assertEquals(Optional.of(key), cached.access().findApiKeyByHash(key.hash()));
    assertEquals(Optional.of(model), cached.registry().findModelBySlug("chat"));
    assertEquals(1, flaky.lookups);
  }
}
