package dev.codevector.internal;

import static dev.codevector.testing.StoreFixtures.apiKey;
import static dev.codevector.testing.StoreFixtures.model;
import static dev.codevector.testing.StoreFixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codevector.access.ApiKey;
import dev.codevector.access.User;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelEdit;
import dev.codevector.spi.ForwardingStore;
import dev.codevector.spi.Store;
import dev.codevector.spi.StoreException;
import dev.codevector.testing.FakeClock;
import dev.codevector.testing.UncaughtFailures;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class CachingStoreOutageTest {
  private final FakeClock clock = new FakeClock();
  private final Store database = Store.inMemory();
  private final FlakyStore flaky = new FlakyStore(database);
  private final Store cached = new CachingStore(flaky, Duration.ofSeconds(1), clock, Runnable::run);

  /** Fails every model lookup by slug and every key write while the database is "down". */
  private static final class FlakyStore extends ForwardingStore {
    boolean down;
    Throwable cause = new java.io.IOException("connection refused");
    int lookups;

    FlakyStore(Store delegate) {
      super(delegate);
    }

    @Override
    public ApiKey putApiKey(ApiKey key) {
      if (down) {
        throw new StoreException("database unreachable", new java.io.IOException("refused"));
      }
      return super.putApiKey(key);
    }

    @Override
    public Optional<Model> findModelBySlug(String slug) {
      lookups++;
      if (down) {
        throw new StoreException("database unreachable", cause);
      }
      return super.findModelBySlug(slug);
    }
  }

  @Test
  void cachedReadsAreServedWithoutAskingTheDatabase() {
    Model stored = cached.putModel(model("chat"));
    cached.findModelBySlug("chat");

    Optional<Model> again = cached.findModelBySlug("chat");

    assertEquals(Optional.of(stored), again);
    assertEquals(1, flaky.lookups);
  }

  @Test
  void knownEntriesAreServedWhileTheDatabaseIsDown() {
    Model stored = cached.putModel(model("chat"));
    cached.findModelBySlug("chat");
    flaky.down = true;
    clock.advance(Duration.ofSeconds(5));

    Optional<Model> during = cached.findModelBySlug("chat");

    assertEquals(Optional.of(stored), during);
    assertEquals(2, flaky.lookups);
  }

  @Test
  void unknownEntriesFailWhileTheDatabaseIsDown() {
    flaky.down = true;

    assertThrows(StoreException.class, () -> cached.findModelBySlug("never-seen"));
  }

  @Test
  void anOutOfMemoryErrorWrappedInAFailedReloadReachesTheUncaughtExceptionHandler()
      throws Exception {
    OutOfMemoryError error = new OutOfMemoryError("Java heap space");
    UncaughtFailures uncaught = new UncaughtFailures();
    Store reloading =
        new CachingStore(
            flaky, Duration.ofSeconds(1), clock, task -> new Thread(uncaught, task).start());
    Model stored = reloading.putModel(model("chat"));
    reloading.findModelBySlug("chat");
    flaky.down = true;
    flaky.cause = new IllegalStateException(error);
    clock.advance(Duration.ofSeconds(5));

    Optional<Model> during = reloading.findModelBySlug("chat");

    assertEquals(Optional.of(stored), during);
    assertSame(error, uncaught.first());
  }

  @Test
  void changesByOtherProcessesShowAfterTheRefreshInterval() {
    Model stored = cached.putModel(model("chat"));
    cached.findModelBySlug("chat");
    database.putModel(
        stored.with(ModelEdit.none().withDisplayName("Renamed elsewhere"), stored.updatedAt()));

    String before = cached.findModelBySlug("chat").orElseThrow().displayName();
    clock.advance(Duration.ofSeconds(2));
    cached.findModelBySlug("chat");
    String after = cached.findModelBySlug("chat").orElseThrow().displayName();

    assertEquals("Model chat", before);
    assertEquals("Renamed elsewhere", after);
  }

  @Test
  void writesThroughTheCacheShowAtOnce() {
    Model stored = cached.putModel(model("chat"));
    cached.findModelBySlug("chat");

    cached.putModel(stored.with(ModelEdit.none().withDisplayName("New name"), stored.updatedAt()));

    assertEquals("New name", cached.findModelBySlug("chat").orElseThrow().displayName());
  }

  @Test
  void aKeyWriteTheDatabaseRefusesLeavesTheKeyAndEverythingElseCached() {
    Model model = cached.putModel(model("chat"));
    User user = cached.putUser(user("Ada"));
    ApiKey key = cached.putApiKey(apiKey(user.id()));
    cached.findModelBySlug("chat");
    cached.findApiKeyByHash(key.hash());
    flaky.down = true;

    assertThrows(StoreException.class, () -> cached.putApiKey(key.withLastUsedAt(Instant.EPOCH)));

    assertEquals(Optional.of(key), cached.findApiKeyByHash(key.hash()));
    assertEquals(Optional.of(model), cached.findModelBySlug("chat"));
    assertEquals(1, flaky.lookups);
  }
}
