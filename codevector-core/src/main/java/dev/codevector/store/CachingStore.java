package dev.codevector.store;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.codevector.Clock;
import dev.codevector.access.ApiKey;
import dev.codevector.access.ApiKeyId;
import dev.codevector.access.Grant;
import dev.codevector.access.GrantId;
import dev.codevector.access.Group;
import dev.codevector.access.GroupId;
import dev.codevector.access.User;
import dev.codevector.access.UserId;
import dev.codevector.internal.FatalErrors;
import dev.codevector.limits.Charge;
import dev.codevector.limits.Counter;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitId;
import dev.codevector.limits.Reservation;
import dev.codevector.limits.Settlement;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelId;
import dev.codevector.spi.AccessStore;
import dev.codevector.spi.AuditStore;
import dev.codevector.spi.Change;
import dev.codevector.spi.ChangeFeed;
import dev.codevector.spi.LimitStore;
import dev.codevector.spi.RegistryStore;
import dev.codevector.spi.SessionStore;
import dev.codevector.spi.SettingStore;
import dev.codevector.spi.Store;
import dev.codevector.spi.UsageStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link Store} that keeps the reads of the request path in memory in front of another: a Model
 * by slug, Provider Models, Providers, API keys by hash, a Model's grants, a user's groups and the
 * list of limits. A cached entry read after {@code refresh} is reloaded in the background while the
 * caller gets the cached value at once; when the reload fails (the database is down), the cached
 * value stays and is served, so requests of known keys for known Models go on while the database is
 * unreachable. Every registry, access or limit write through this store empties the caches (a key's
 * write replaces its cached entry instead), so its own process sees its changes at once.
 *
 * <p>Changes made by other processes sharing the database are seen within {@code refresh} (the
 * first read after it gets the cached value and starts a reload, the next gets the reloaded one),
 * and sooner when the wrapped store offers a {@link Store#changes() feed of changes}: each change
 * the feed tells empties the caches of its concern (all of them for {@link Change#EVERYTHING}), so
 * the next read loads from the wrapped store before it answers, and a key revoked elsewhere is
 * refused from the moment the feed tells of it. The timer stays, for when the feed cannot listen.
 *
 * <p>Reservations, settlements and counters, usage records, settings and every other read go
 * straight to the wrapped store. A virtual machine error, such as an out-of-memory error, that the
 * wrapped store wrapped in a failed reload is not kept in the background: it is thrown on the
 * reloading thread, to that thread's uncaught exception handler.
 *
 * <p>This class is thread-safe.
 */
public final class CachingStore implements Store {
  private static final int MAX_READS = 5;

  private final Store store;
  private final Duration refresh;
  private final Clock clock;
  private final Executor reloads;
  private final RegistryStore registry;
  private final AccessStore access;
  private final LimitStore limits;
  private final LoadingCache<String, Optional<Model>> modelsBySlug;
  private final LoadingCache<ProviderModelId, Optional<ProviderModel>> providerModels;
  private final LoadingCache<ProviderId, Optional<Provider>> providers;
  private final LoadingCache<String, Optional<ApiKey>> keysByHash;
  private final LoadingCache<ModelId, List<Grant>> grantsByModel;
  private final LoadingCache<UserId, List<Group>> groupsByUser;
  private final LoadingCache<String, List<Limit>> allLimits;
  private final Optional<ChangeFeed.Subscription> subscription;

  /**
   * Counts the invalidations. A load that an invalidation overtook reads again, since emptying the
   * caches does not reach an entry whose load is under way.
   */
  private final AtomicLong invalidations = new AtomicLong();

  /**
   * Creates the caching store.
   *
   * @param store the store to front; closing this store closes it. If it offers a {@link
   *     Store#changes() feed of changes}, this store subscribes at once.
   * @param refresh how old a cached read may get before it is reloaded, such as one second
   */
  public CachingStore(Store store, Duration refresh) {
    this(store, refresh, Clock.system(), ForkJoinPool.commonPool());
  }

  /** Creates the caching store on a given clock, reloading on a given executor (for tests). */
  CachingStore(Store store, Duration refresh, Clock clock, Executor reloads) {
    this.store = Objects.requireNonNull(store, "store");
    this.refresh = Objects.requireNonNull(refresh, "refresh");
    this.clock = clock;
    this.reloads = reloads;
    RegistryStore wrappedRegistry = store.registry();
    AccessStore wrappedAccess = store.access();
    LimitStore wrappedLimits = store.limits();
    this.registry = new CachedRegistry(wrappedRegistry);
    this.access = new CachedAccess(wrappedAccess);
    this.limits = new CachedLimits(wrappedLimits);
    this.modelsBySlug = cache(wrappedRegistry::findModelBySlug);
    this.providerModels = cache(wrappedRegistry::findProviderModel);
    this.providers = cache(wrappedRegistry::findProvider);
    this.keysByHash = cache(hex -> wrappedAccess.findApiKeyByHash(HexFormat.of().parseHex(hex)));
    this.grantsByModel = cache(wrappedAccess::grantsOf);
    this.groupsByUser = cache(wrappedAccess::groupsOf);
    this.allLimits = cache(all -> wrappedLimits.limits());
    this.subscription = store.changes().map(feed -> feed.subscribe(this::invalidate));
  }

  private <K, V> LoadingCache<K, V> cache(Function<K, V> loader) {
    return Caffeine.newBuilder()
        .ticker(clock::nanoTime)
        .executor(reloads)
        .refreshAfterWrite(refresh)
        .maximumSize(100_000)
        .build(new Loader<>(key -> readNotOvertaken(loader, key)));
  }

  /**
   * Reads again while an invalidation happened during the read, so that its result is not stale; a
   * few times at most, lest a stream of changes keep it reading, the timer catching up then.
   */
  private <K, V> V readNotOvertaken(Function<K, V> read, K key) {
    V value;
    int reads = 0;
    long before;
    do {
      before = invalidations.get();
      value = read.apply(key);
      reads++;
    } while (invalidations.get() != before && reads < MAX_READS);
    return value;
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
  public LimitStore limits() {
    return limits;
  }

  @Override
  public UsageStore usage() {
    return store.usage();
  }

  @Override
  public SettingStore settings() {
    return store.settings();
  }

  @Override
  public SessionStore sessions() {
    return store.sessions();
  }

  @Override
  public AuditStore audit() {
    return store.audit();
  }

  /** Stops listening to the wrapped store's changes, then closes it. */
  @Override
  public void close() {
    subscription.ifPresent(ChangeFeed.Subscription::close);
    store.close();
  }

  /** Empties the caches a change may have made stale. */
  private void invalidate(Change change) {
    invalidations.incrementAndGet();
    if (change == Change.REGISTRY || change == Change.EVERYTHING) {
      modelsBySlug.invalidateAll();
      providerModels.invalidateAll();
      providers.invalidateAll();
    }
    if (change == Change.ACCESS || change == Change.EVERYTHING) {
      keysByHash.invalidateAll();
      grantsByModel.invalidateAll();
      groupsByUser.invalidateAll();
    }
    if (change == Change.LIMITS || change == Change.EVERYTHING) {
      allLimits.invalidateAll();
    }
  }

  /**
   * Loads with a store's read. A failed reload keeps the cached value, but a virtual machine error
   * the store wrapped is thrown on the reloading thread as well, to its uncaught exception handler,
   * instead of staying in the future Caffeine only logs.
   */
  private record Loader<K, V>(Function<K, V> read) implements CacheLoader<K, V> {
    @Override
    public V load(K key) {
      return read.apply(key);
    }

    @Override
    public CompletableFuture<V> asyncReload(K key, V oldValue, Executor executor) {
      CompletableFuture<V> reloaded = new CompletableFuture<>();
      executor.execute(
          () -> {
            try {
              reloaded.complete(read.apply(key));
            } catch (RuntimeException | Error e) {
              reloaded.completeExceptionally(e);
              FatalErrors.rethrowIn(e);
            }
          });
      return reloaded;
    }
  }

  /** Runs a write, then empties every cache: a write of one concern may cascade into the other. */
  private <T> T write(Supplier<T> write) {
    try {
      return write.get();
    } finally {
      invalidate(Change.EVERYTHING);
    }
  }

  /** The registry, reading Providers, Provider Models and Models by slug from the caches. */
  private final class CachedRegistry implements RegistryStore {
    private final RegistryStore wrapped;

    CachedRegistry(RegistryStore wrapped) {
      this.wrapped = wrapped;
    }

    @Override
    public Optional<Provider> findProvider(ProviderId id) {
      return providers.get(id);
    }

    @Override
    public List<Provider> providers() {
      return wrapped.providers();
    }

    @Override
    public Provider putProvider(Provider provider) {
      return write(() -> wrapped.putProvider(provider));
    }

    @Override
    public boolean deleteProvider(ProviderId id) {
      return write(() -> wrapped.deleteProvider(id));
    }

    @Override
    public Optional<ProviderModel> findProviderModel(ProviderModelId id) {
      return providerModels.get(id);
    }

    @Override
    public List<ProviderModel> providerModels(ProviderId providerId) {
      return wrapped.providerModels(providerId);
    }

    @Override
    public ProviderModel putProviderModel(ProviderModel providerModel) {
      return write(() -> wrapped.putProviderModel(providerModel));
    }

    @Override
    public boolean deleteProviderModel(ProviderModelId id) {
      return write(() -> wrapped.deleteProviderModel(id));
    }

    @Override
    public Optional<Model> findModel(ModelId id) {
      return wrapped.findModel(id);
    }

    @Override
    public Optional<Model> findModelBySlug(String slug) {
      return modelsBySlug.get(slug);
    }

    @Override
    public List<Model> models() {
      return wrapped.models();
    }

    @Override
    public Model putModel(Model model) {
      return write(() -> wrapped.putModel(model));
    }

    @Override
    public boolean deleteModel(ModelId id) {
      return write(() -> wrapped.deleteModel(id));
    }
  }

  /** Access control, reading keys by hash, a Model's grants and a user's groups from the caches. */
  private final class CachedAccess implements AccessStore {
    private final AccessStore wrapped;

    CachedAccess(AccessStore wrapped) {
      this.wrapped = wrapped;
    }

    @Override
    public Optional<User> findUser(UserId id) {
      return wrapped.findUser(id);
    }

    @Override
    public List<User> users() {
      return wrapped.users();
    }

    @Override
    public User putUser(User user) {
      return write(() -> wrapped.putUser(user));
    }

    @Override
    public boolean deleteUser(UserId id) {
      return write(() -> wrapped.deleteUser(id));
    }

    @Override
    public Optional<Group> findGroup(GroupId id) {
      return wrapped.findGroup(id);
    }

    @Override
    public List<Group> groups() {
      return wrapped.groups();
    }

    @Override
    public List<Group> groupsOf(UserId userId) {
      return groupsByUser.get(userId);
    }

    @Override
    public Group putGroup(Group group) {
      return write(() -> wrapped.putGroup(group));
    }

    @Override
    public boolean deleteGroup(GroupId id) {
      return write(() -> wrapped.deleteGroup(id));
    }

    @Override
    public Optional<Grant> findGrant(GrantId id) {
      return wrapped.findGrant(id);
    }

    @Override
    public List<Grant> grants() {
      return wrapped.grants();
    }

    @Override
    public List<Grant> grantsOf(ModelId modelId) {
      return grantsByModel.get(modelId);
    }

    @Override
    public Grant putGrant(Grant grant) {
      return write(() -> wrapped.putGrant(grant));
    }

    @Override
    public boolean deleteGrant(GrantId id) {
      return write(() -> wrapped.deleteGrant(id));
    }

    @Override
    public Optional<ApiKey> findApiKey(ApiKeyId id) {
      return wrapped.findApiKey(id);
    }

    @Override
    public Optional<ApiKey> findApiKeyByHash(byte[] hash) {
      return keysByHash.get(HexFormat.of().formatHex(hash));
    }

    @Override
    public List<ApiKey> apiKeys() {
      return wrapped.apiKeys();
    }

    @Override
    public List<ApiKey> apiKeysOf(UserId userId) {
      return wrapped.apiKeysOf(userId);
    }

    /**
     * Writes a key and caches what was stored under its hash; no other cache depends on keys. A
     * write that fails, such as a key's last use during an outage, leaves the cached key to be
     * served. When an invalidation happened during the write, such as a revocation elsewhere that a
     * key's last use raced, the key's entry is dropped instead, to be read again.
     */
    @Override
    public ApiKey putApiKey(ApiKey key) {
      long before = invalidations.get();
      ApiKey stored = wrapped.putApiKey(key);
      keysByHash
          .asMap()
          .compute(
              HexFormat.of().formatHex(stored.hash()),
              (hash, cached) -> invalidations.get() == before ? Optional.of(stored) : null);
      return stored;
    }

    @Override
    public boolean deleteApiKey(ApiKeyId id) {
      return write(() -> wrapped.deleteApiKey(id));
    }
  }

  /** The limits, reading their list from the cache; reservations and counters pass through. */
  private final class CachedLimits implements LimitStore {
    private static final String ALL = "all";

    private final LimitStore wrapped;

    CachedLimits(LimitStore wrapped) {
      this.wrapped = wrapped;
    }

    @Override
    public Optional<Limit> findLimit(LimitId id) {
      return wrapped.findLimit(id);
    }

    @Override
    public List<Limit> limits() {
      return allLimits.get(ALL);
    }

    @Override
    public Limit putLimit(Limit limit) {
      return write(() -> wrapped.putLimit(limit));
    }

    @Override
    public boolean deleteLimit(LimitId id) {
      return write(() -> wrapped.deleteLimit(id));
    }

    @Override
    public Reservation reserve(List<Charge> charges) {
      return wrapped.reserve(charges);
    }

    @Override
    public void settle(List<Settlement> settlements) {
      wrapped.settle(settlements);
    }

    @Override
    public List<Counter> counters(LimitId id) {
      return wrapped.counters(id);
    }

    @Override
    public int pruneCounters(Instant endedBefore) {
      return wrapped.pruneCounters(endedBefore);
    }
  }
}
