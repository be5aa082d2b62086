package dev.codevector.store;

import static dev.codevector.testing.TestValues.T0;
import static dev.codevector.testing.TestValues.apiKey;
import static dev.codevector.testing.TestValues.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codevector.access.ApiKey;
import dev.codevector.access.User;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitScope;
import dev.codevector.limits.LimitSpec;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelEdit;
import dev.codevector.registry.ModelKind;
import dev.codevector.spi.AccessStore;
import dev.codevector.spi.AuditStore;
import dev.codevector.spi.LimitStore;
import dev.codevector.spi.RegistryStore;
import dev.codevector.spi.SessionStore;
import dev.codevector.spi.SettingStore;
import dev.codevector.spi.Store;
import dev.codevector.spi.StoreException;
import dev.codevector.spi.UsageStore;
import dev.codevector.testing.DelegatingAccessStore;
import dev.codevector.testing.DelegatingLimitStore;
import dev.codevector.testing.DelegatingRegistryStore;
import dev.codevector.testing.FakeClock;
import dev.codevector.testing.UncaughtFailures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

final class CachingStoreOutageTest {
  private final FakeClock clock = new FakeClock();
  private final InMemoryStore database = new InMemoryStore();
  private final FlakyStore flaky = new FlakyStore(database);
  private final CachingStore cached =
      new CachingStore(flaky, Duration.ofSeconds(1), clock, Runnable::run);

  /**
   * The database, failing every Model lookup by slug, every read of the list of limits and every
   * key write while it is "down"; the rest of the registry, access control and limits, usage,
   * settings and sessions pass through.
   */
  private static final class FlakyStore implements Store {
    private final InMemoryStore database;
    private final RegistryStore registry;
    private final AccessStore access;
    private final LimitStore limits;
    boolean down;
    Throwable cause = new java.io.IOException("connection refused");
    int lookups;
    int limitLists;

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
      this.limits =
          new DelegatingLimitStore(database.limits()) {
            @Override
            public List<Limit> limits() {
              limitLists++;
              if (down) {
                throw new StoreException("database unreachable", cause);
              }
              return super.limits();
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
      return limits;
    }

    @Override
    public SettingStore settings() {
      return database.settings();
    }

    @Override
    public SessionStore sessions() {
      return database.sessions();
    }

    @Override
    public AuditStore audit() {
      return database.audit();
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

  @Test
  void theListOfLimitsIsReadOnceWithinTheRefreshIntervalAndServedWhileTheDatabaseIsDown() {
    Limit stored = cached.limits().putLimit(limit(new LimitScope.All()));
    cached.limits().limits();
    flaky.down = true;
    clock.advance(Duration.ofSeconds(5));

    List<Limit> during = cached.limits().limits();

    assertEquals(List.of(stored), during);
    assertEquals(2, flaky.limitLists, "one read, then one failed reload after the interval");
  }

  @Test
  void limitsWrittenByOtherProcessesShowAfterTheRefreshInterval() {
    cached.limits().limits();
    Limit elsewhere = database.limits().putLimit(limit(new LimitScope.All()));

    List<Limit> before = cached.limits().limits();
    clock.advance(Duration.ofSeconds(2));
    cached.limits().limits();
    List<Limit> after = cached.limits().limits();

    assertEquals(List.of(), before);
    assertEquals(List.of(elsewhere), after);
  }

  @Test
  void limitWritesAndTheirCascadesThroughTheCacheShowAtOnce() {
    User ada = cached.access().putUser(user("Ada"));
    Limit onAda = cached.limits().putLimit(limit(new LimitScope.User(ada.id())));
    assertEquals(List.of(onAda), cached.limits().limits());
    Limit onEveryone = cached.limits().putLimit(limit(new LimitScope.All()));
    assertEquals(2, cached.limits().limits().size(), "a put through the cache shows at once");

    cached.access().deleteUser(ada.id());

    assertEquals(
        List.of(onEveryone),
        cached.limits().limits(),
        "a delete that cascades to limits shows at once");
    cached.limits().deleteLimit(onEveryone.id());
    assertEquals(List.of(), cached.limits().limits(), "a delete through the cache shows at once");
  }

  private static Limit limit(LimitScope scope) {
    return Limit.create(
        new LimitSpec(
            scope, Optional.empty(), OptionalLong.of(10), OptionalLong.empty(), Optional.empty()),
        T0);
  }
}
