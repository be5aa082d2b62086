package dev.codevector.internal;

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
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelId;
import dev.codevector.spi.ForwardingStore;
import dev.codevector.spi.Store;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link Store} that keeps the reads of the request path in memory: Models by slug, Provider
 * Models, Providers, API keys by hash, the grants of a Model and the groups of a user. A cached
 * entry read after {@code refresh} is reloaded in the background while the caller gets the cached
 * value at once; when the reload fails (the database is down), the cached value stays and is
 * served. Every write through this store empties the caches (a key's write replaces its cached
 * entry instead), so its own process sees its changes at once; other processes sharing the database
 * see them within {@code refresh}. Usage writes and every other read go straight to the wrapped
 * store. A virtual machine error, such as an out-of-memory error, that the store wrapped in a
 * failed reload is not kept in the background: it is thrown on the reloading thread, to that
 * thread's uncaught exception handler.
 */
public final class CachingStore extends ForwardingStore {
  private final Duration refresh;
  private final Clock clock;
  private final Executor reloads;
  private final LoadingCache<String, Optional<Model>> modelsBySlug;
  private final LoadingCache<ProviderModelId, Optional<ProviderModel>> providerModels;
  private final LoadingCache<ProviderId, Optional<Provider>> providers;
  private final LoadingCache<String, Optional<ApiKey>> keysByHash;
  private final LoadingCache<ModelId, List<Grant>> grantsByModel;
  private final LoadingCache<UserId, List<Group>> groupsByUser;

  /**
   * Creates the caching store.
   *
   * @param store the store to wrap; closing this store closes it
   * @param refresh how old a cached entry may get before a read reloads it
   */
  public CachingStore(Store store, Duration refresh) {
    this(store, refresh, Clock.system(), ForkJoinPool.commonPool());
  }

  /** Creates the caching store on a given clock, reloading on a given executor (for tests). */
  CachingStore(Store store, Duration refresh, Clock clock, Executor reloads) {
    super(store);
    this.refresh = refresh;
    this.clock = clock;
    this.reloads = reloads;
    this.modelsBySlug = cache(store::findModelBySlug);
    this.providerModels = cache(store::findProviderModel);
    this.providers = cache(store::findProvider);
    this.keysByHash = cache(hex -> store.findApiKeyByHash(HexFormat.of().parseHex(hex)));
    this.grantsByModel = cache(store::grantsOf);
    this.groupsByUser = cache(store::groupsOf);
  }

  private <K, V> LoadingCache<K, V> cache(Function<K, V> loader) {
    return Caffeine.newBuilder()
        .ticker(clock::nanoTime)
        .executor(reloads)
        .refreshAfterWrite(refresh)
        .maximumSize(100_000)
        .build(new Loader<>(loader));
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

  private <T> T write(Supplier<T> write) {
    try {
      return write.get();
    } finally {
      modelsBySlug.invalidateAll();
      providerModels.invalidateAll();
      providers.invalidateAll();
      keysByHash.invalidateAll();
      grantsByModel.invalidateAll();
      groupsByUser.invalidateAll();
    }
  }

  @Override
  public Optional<Provider> findProvider(ProviderId id) {
    return providers.get(id);
  }

  @Override
  public Provider putProvider(Provider provider) {
    return write(() -> super.putProvider(provider));
  }

  @Override
  public boolean deleteProvider(ProviderId id) {
    return write(() -> super.deleteProvider(id));
  }

  @Override
  public Optional<ProviderModel> findProviderModel(ProviderModelId id) {
    return providerModels.get(id);
  }

  @Override
  public ProviderModel putProviderModel(ProviderModel providerModel) {
    return write(() -> super.putProviderModel(providerModel));
  }

  @Override
  public boolean deleteProviderModel(ProviderModelId id) {
    return write(() -> super.deleteProviderModel(id));
  }

  @Override
  public Optional<Model> findModelBySlug(String slug) {
    return modelsBySlug.get(slug);
  }

  @Override
  public Model putModel(Model model) {
    return write(() -> super.putModel(model));
  }

  @Override
  public boolean deleteModel(ModelId id) {
    return write(() -> super.deleteModel(id));
  }

  @Override
  public User putUser(User user) {
    return write(() -> super.putUser(user));
  }

  @Override
  public boolean deleteUser(UserId id) {
    return write(() -> super.deleteUser(id));
  }

  @Override
  public List<Group> groupsOf(UserId userId) {
    return groupsByUser.get(userId);
  }

  @Override
  public Group putGroup(Group group) {
    return write(() -> super.putGroup(group));
  }

  @Override
  public boolean deleteGroup(GroupId id) {
    return write(() -> super.deleteGroup(id));
  }

  @Override
  public List<Grant> grantsOf(ModelId modelId) {
    return grantsByModel.get(modelId);
  }

  @Override
  public Grant putGrant(Grant grant) {
    return write(() -> super.putGrant(grant));
  }

  @Override
  public boolean deleteGrant(GrantId id) {
    return write(() -> super.deleteGrant(id));
  }

  @Override
  public Optional<ApiKey> findApiKeyByHash(byte[] hash) {
    return keysByHash.get(HexFormat.of().formatHex(hash));
  }

  /**
   * Writes a key and caches what was stored under its hash; no other cache depends on keys. A write
   * that fails, such as a key's last use during an outage, leaves the cached key to be served.
   */
  @Override
  public ApiKey putApiKey(ApiKey key) {
    ApiKey stored = super.putApiKey(key);
    keysByHash.put(HexFormat.of().formatHex(stored.hash()), Optional.of(stored));
    return stored;
  }

  @Override
  public boolean deleteApiKey(ApiKeyId id) {
    return write(() -> super.deleteApiKey(id));
  }
}
