package dev.codevector.internal;

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
import dev.codevector.spi.Setting;
import dev.codevector.spi.Store;
import dev.codevector.usage.UsageQuery;
import dev.codevector.usage.UsageRecord;
import dev.codevector.usage.UsageTotal;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link Store} that keeps the reads of the request path in memory: Models by slug, Provider
 * Models, Providers, API keys by hash, the grants of a Model and the groups of a user. A cached
 * entry read after {@code refresh} is reloaded in the background while the caller gets the cached
 * value at once; when the reload fails (the database is down), the cached value stays and is
 * served. Every write through this store empties the caches, so its own process sees its changes at
 * once; other processes sharing the database see them within {@code refresh}. Usage writes and
 * every other read go straight to the wrapped store.
 */
public final class CachingStore implements Store {
  private final Store store;
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
    this.store = store;
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
        .build(loader::apply);
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
  public List<Provider> providers() {
    return store.providers();
  }

  @Override
  public Provider putProvider(Provider provider) {
    return write(() -> store.putProvider(provider));
  }

  @Override
  public boolean deleteProvider(ProviderId id) {
    return write(() -> store.deleteProvider(id));
  }

  @Override
  public Optional<ProviderModel> findProviderModel(ProviderModelId id) {
    return providerModels.get(id);
  }

  @Override
  public List<ProviderModel> providerModels(ProviderId providerId) {
    return store.providerModels(providerId);
  }

  @Override
  public ProviderModel putProviderModel(ProviderModel providerModel) {
    return write(() -> store.putProviderModel(providerModel));
  }

  @Override
  public boolean deleteProviderModel(ProviderModelId id) {
    return write(() -> store.deleteProviderModel(id));
  }

  @Override
  public Optional<Model> findModel(ModelId id) {
    return store.findModel(id);
  }

  @Override
  public Optional<Model> findModelBySlug(String slug) {
    return modelsBySlug.get(slug);
  }

  @Override
  public List<Model> models() {
    return store.models();
  }

  @Override
  public Model putModel(Model model) {
    return write(() -> store.putModel(model));
  }

  @Override
  public boolean deleteModel(ModelId id) {
    return write(() -> store.deleteModel(id));
  }

  @Override
  public Optional<Setting> findSetting(String name) {
    return store.findSetting(name);
  }

  @Override
  public Setting putSetting(Setting setting) {
    return store.putSetting(setting);
  }

  @Override
  public Optional<User> findUser(UserId id) {
    return store.findUser(id);
  }

  @Override
  public List<User> users() {
    return store.users();
  }

  @Override
  public User putUser(User user) {
    return write(() -> store.putUser(user));
  }

  @Override
  public boolean deleteUser(UserId id) {
    return write(() -> store.deleteUser(id));
  }

  @Override
  public Optional<Group> findGroup(GroupId id) {
    return store.findGroup(id);
  }

  @Override
  public List<Group> groups() {
    return store.groups();
  }

  @Override
  public List<Group> groupsOf(UserId userId) {
    return groupsByUser.get(userId);
  }

  @Override
  public Group putGroup(Group group) {
    return write(() -> store.putGroup(group));
  }

  @Override
  public boolean deleteGroup(GroupId id) {
    return write(() -> store.deleteGroup(id));
  }

  @Override
  public Optional<Grant> findGrant(GrantId id) {
    return store.findGrant(id);
  }

  @Override
  public List<Grant> grants() {
    return store.grants();
  }

  @Override
  public List<Grant> grantsOf(ModelId modelId) {
    return grantsByModel.get(modelId);
  }

  @Override
  public Grant putGrant(Grant grant) {
    return write(() -> store.putGrant(grant));
  }

  @Override
  public boolean deleteGrant(GrantId id) {
    return write(() -> store.deleteGrant(id));
  }

  @Override
  public Optional<ApiKey> findApiKey(ApiKeyId id) {
    return store.findApiKey(id);
  }

  @Override
  public Optional<ApiKey> findApiKeyByHash(byte[] hash) {
    return keysByHash.get(HexFormat.of().formatHex(hash));
  }

  @Override
  public List<ApiKey> apiKeys() {
    return store.apiKeys();
  }

  @Override
  public List<ApiKey> apiKeysOf(UserId userId) {
    return store.apiKeysOf(userId);
  }

  @Override
  public ApiKey putApiKey(ApiKey key) {
    return write(() -> store.putApiKey(key));
  }

  @Override
  public boolean deleteApiKey(ApiKeyId id) {
    return write(() -> store.deleteApiKey(id));
  }

  @Override
  public void putUsage(List<UsageRecord> records) {
    store.putUsage(records);
  }

  @Override
  public List<UsageTotal> usageTotals(UsageQuery query) {
    return store.usageTotals(query);
  }

  @Override
  public List<UsageRecord> usageRecords(Instant from, Instant to, int limit) {
    return store.usageRecords(from, to, limit);
  }

  @Override
  public void close() {
    store.close();
  }
}
