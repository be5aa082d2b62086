package dev.codevector.store;

import static dev.codevector.testing.TestValues.T0;
import static dev.codevector.testing.TestValues.apiKey;
import static dev.codevector.testing.TestValues.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.access.ApiKey;
import dev.codevector.access.User;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitScope;
import dev.codevector.limits.LimitSpec;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelEdit;
import dev.codevector.registry.ModelKind;
import dev.codevector.spi.AccessStore;
import dev.codevector.spi.Change;
import dev.codevector.spi.ChangeFeed;
import dev.codevector.spi.Store;
import dev.codevector.testing.DelegatingAccessStore;
import dev.codevector.testing.DelegatingStore;
import dev.codevector.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A caching store in front of a store with a feed of changes: changes written past the cache, as
 * another process writes them, show as soon as the feed tells of them, with a refresh interval so
 * long that only the feed can explain it.
 */
final class CachingStoreChangesTest {
  private final FakeClock clock = new FakeClock();
  private final InMemoryStore database = new InMemoryStore();
  private final FakeFeed feed = new FakeFeed();
  private final CachingStore cached =
      cachedOver(new FeedingStore(database, feed, database.access()));

  /** A feed whose changes the test tells, one listener at a time. */
  private static final class FakeFeed implements ChangeFeed {
    final List<Consumer<Change>> listeners = new ArrayList<>();

    @Override
    public Subscription subscribe(Consumer<Change> listener) {
      listeners.add(listener);
      return () -> listeners.remove(listener);
    }

    void tell(Change change) {
      List.copyOf(listeners).forEach(listener -> listener.accept(change));
    }
  }

  /** A store that offers a feed of changes, with access control of its own. */
  private static final class FeedingStore extends DelegatingStore {
    private final ChangeFeed feed;
    private final AccessStore access;

    FeedingStore(Store delegate, ChangeFeed feed, AccessStore access) {
      super(delegate);
      this.feed = feed;
      this.access = access;
    }

    @Override
    public AccessStore access() {
      return access;
    }

    @Override
    public Optional<ChangeFeed> changes() {
      return Optional.of(feed);
    }
  }

  /** A caching store in front of a store, refreshing only once an hour. */
  private CachingStore cachedOver(Store store) {
    return new CachingStore(store, Duration.ofHours(1), clock, Runnable::run);
  }

  private static Model model(String slug) {
    return Model.create(slug, "Model " + slug, ModelKind.CHAT, T0);
  }

  private static Limit limitOnEveryone() {
    return Limit.create(
        new LimitSpec(
            new LimitScope.All(),
            Optional.empty(),
            OptionalLong.of(10),
            OptionalLong.empty(),
            Optional.empty()),
        T0);
  }

  @Test
  void aKeyRevokedElsewhereIsRefusedOnceTheFeedTellsOfIt() {
    User ada = cached.access().putUser(user("Ada"));
    ApiKey key = cached.access().putApiKey(apiKey(ada.id()));
    cached.access().findApiKeyByHash(key.hash());
    database.access().putApiKey(key.withRevokedAt(T0));
    assertTrue(cached.access().findApiKeyByHash(key.hash()).orElseThrow().isActiveAt(T0));

    feed.tell(Change.ACCESS);

    assertFalse(cached.access().findApiKeyByHash(key.hash()).orElseThrow().isActiveAt(T0));
  }

  /**
   * Caches the Model {@code chat} and the list of limits, then renames the Model and adds a limit
   * past the cache, as another process would; returns the limit.
   */
  private Limit cacheThenChangeAModelAndTheLimitsElsewhere() {
    Model stored = cached.registry().putModel(model("chat"));
    cached.registry().findModelBySlug("chat");
    cached.limits().limits();
    database
        .registry()
        .putModel(stored.with(ModelEdit.none().withDisplayName("Renamed"), stored.updatedAt()));
    return database.limits().putLimit(limitOnEveryone());
  }

  @Test
  void aChangeOfOneConcernLeavesTheOthersCached() {
    Limit elsewhere = cacheThenChangeAModelAndTheLimitsElsewhere();

    feed.tell(Change.LIMITS);

    assertEquals(List.of(elsewhere), cached.limits().limits());
    assertEquals(
        "Model chat", cached.registry().findModelBySlug("chat").orElseThrow().displayName());
  }

  @Test
  void everythingEmptiesEveryCache() {
    Limit elsewhere = cacheThenChangeAModelAndTheLimitsElsewhere();

    feed.tell(Change.EVERYTHING);

    assertEquals("Renamed", cached.registry().findModelBySlug("chat").orElseThrow().displayName());
    assertEquals(List.of(elsewhere), cached.limits().limits());
  }

  /**
   * Access control that, during its first key read or its first key write, as chosen, revokes the
   * key in the database and tells the feed, as another process would while that call is under way.
   */
  private final class RevokingMidway extends DelegatingAccessStore {
    private final boolean onRead;
    private boolean revoked;

    RevokingMidway(boolean onRead) {
      super(database.access());
      this.onRead = onRead;
    }

    @Override
    public Optional<ApiKey> findApiKeyByHash(byte[] hash) {
      Optional<ApiKey> read = super.findApiKeyByHash(hash);
      if (onRead) {
        revokeOnce(read.orElseThrow());
      }
      return read;
    }

    @Override
    public ApiKey putApiKey(ApiKey key) {
      ApiKey stored = super.putApiKey(key);
      if (!onRead) {
        revokeOnce(stored);
      }
      return stored;
    }

    private void revokeOnce(ApiKey key) {
      if (!revoked) {
        revoked = true;
        database.access().putApiKey(key.withRevokedAt(T0));
        feed.tell(Change.ACCESS);
      }
    }
  }

  @Test
  void aLoadThatAChangeOvertookReadsAgain() {
    User ada = database.access().putUser(user("Ada"));
    ApiKey key = database.access().putApiKey(apiKey(ada.id()));
    CachingStore overtaken = cachedOver(new FeedingStore(database, feed, new RevokingMidway(true)));

    Optional<ApiKey> read = overtaken.access().findApiKeyByHash(key.hash());

    assertFalse(read.orElseThrow().isActiveAt(T0));
  }

  @Test
  void aKeyWriteThatAChangeOvertookIsReadAgain() {
    User ada = database.access().putUser(user("Ada"));
    ApiKey key = database.access().putApiKey(apiKey(ada.id()));
    CachingStore overtaken =
        cachedOver(new FeedingStore(database, feed, new RevokingMidway(false)));

    overtaken.access().putApiKey(key.withLastUsedAt(T0));

    assertFalse(overtaken.access().findApiKeyByHash(key.hash()).orElseThrow().isActiveAt(T0));
  }

  @Test
  void closingStopsListening() {
    cached.close();

    assertEquals(List.of(), feed.listeners);
  }
}
