package dev.codevector.internal;

import dev.codevector.access.ApiKey;
import dev.codevector.access.ApiKeyId;
import dev.codevector.access.Grant;
import dev.codevector.access.GrantId;
import dev.codevector.access.Group;
import dev.codevector.access.GroupId;
import dev.codevector.access.GroupNotFoundException;
import dev.codevector.access.User;
import dev.codevector.access.UserId;
import dev.codevector.access.UserNotFoundException;
import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.Backend;
import dev.codevector.registry.ConcurrentUpdateException;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.ModelNotFoundException;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelId;
import dev.codevector.registry.ProviderModelNotFoundException;
import dev.codevector.registry.ProviderNotFoundException;
import dev.codevector.spi.Setting;
import dev.codevector.spi.Store;
import dev.codevector.usage.UsageQuery;
import dev.codevector.usage.UsageRecord;
import dev.codevector.usage.UsageTotal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * A {@link Store} in memory. One lock guards everything: writes are rare and small, and a single
 * lock makes every write, cascades included, trivially atomic.
 */
public final class InMemoryStore implements Store {
  private final Object lock = new Object();
  // Guarded by lock
  private final Map<ProviderId, Provider> providers = new HashMap<>();
  // Guarded by lock
  private final Map<ProviderModelId, ProviderModel> providerModels = new HashMap<>();
  // Guarded by lock
  private final Map<ModelId, Model> models = new HashMap<>();
  // Guarded by lock
  private final Map<String, Setting> settings = new HashMap<>();
  // Guarded by lock
  private final Map<UserId, User> users = new HashMap<>();
  // Guarded by lock
  private final Map<GroupId, Group> groups = new HashMap<>();
  // Guarded by lock
  private final Map<GrantId, Grant> grants = new HashMap<>();
  // Guarded by lock
  private final Map<ApiKeyId, ApiKey> apiKeys = new HashMap<>();
  // Guarded by lock; the ids of the API keys by their hashes in hexadecimal
  private final Map<String, ApiKeyId> apiKeysByHash = new HashMap<>();
  // Guarded by lock; by request id
  private final Map<String, UsageRecord> usage = new HashMap<>();

  @Override
  public Optional<Provider> findProvider(ProviderId id) {
    return find(providers, id, "id");
  }

  @Override
  public List<Provider> providers() {
    return all(providers);
  }

  @Override
  public Provider putProvider(Provider provider) {
    Objects.requireNonNull(provider, "provider");
    synchronized (lock) {
      checkVersion(
          "provider",
          provider.id().value(),
          providers.get(provider.id()),
          Provider::version,
          provider.version());
      for (Provider other : providers.values()) {
        if (!other.id().equals(provider.id()) && other.name().equals(provider.name())) {
          throw new AlreadyExistsException("provider name", provider.name());
        }
      }
      Provider stored = provider.withVersion(provider.version() + 1);
      providers.put(stored.id(), stored);
      return stored;
    }
  }

  @Override
  public boolean deleteProvider(ProviderId id) {
    Objects.requireNonNull(id, "id");
    synchronized (lock) {
      if (providers.remove(id) == null) {
        return false;
      }
      Set<ProviderModelId> removed =
          providerModels.values().stream()
              .filter(m -> m.providerId().equals(id))
              .map(ProviderModel::id)
              .collect(Collectors.toSet());
      removeProviderModels(removed);
      return true;
    }
  }

  @Override
  public Optional<ProviderModel> findProviderModel(ProviderModelId id) {
    return find(providerModels, id, "id");
  }

  @Override
  public List<ProviderModel> providerModels(ProviderId providerId) {
    Objects.requireNonNull(providerId, "providerId");
    return where(providerModels, m -> m.providerId().equals(providerId));
  }

  @Override
  public ProviderModel putProviderModel(ProviderModel model) {
    Objects.requireNonNull(model, "providerModel");
    synchronized (lock) {
      ProviderModel current = providerModels.get(model.id());
      checkVersion(
          "provider model", model.id().value(), current, ProviderModel::version, model.version());
      if (!providers.containsKey(model.providerId())) {
        throw new ProviderNotFoundException(model.providerId());
      }
      for (ProviderModel other : providerModels.values()) {
        if (!other.id().equals(model.id())
            && other.providerId().equals(model.providerId())
            && other.modelId().equals(model.modelId())) {
          throw new AlreadyExistsException("provider model", model.modelId());
        }
      }
      ProviderModel stored = model.withVersion(model.version() + 1);
      providerModels.put(stored.id(), stored);
      return stored;
    }
  }

  @Override
  public boolean deleteProviderModel(ProviderModelId id) {
    Objects.requireNonNull(id, "id");
    synchronized (lock) {
      if (!providerModels.containsKey(id)) {
        return false;
      }
      removeProviderModels(Set.of(id));
      return true;
    }
  }

  // Guarded by lock
  private void removeProviderModels(Set<ProviderModelId> removed) {
    providerModels.keySet().removeAll(removed);
    for (Model model : List.copyOf(models.values())) {
      List<Backend> kept =
          model.backends().stream().filter(b -> !removed.contains(b.providerModelId())).toList();
      if (kept.size() != model.backends().size()) {
        models.put(
            model.id(),
            model.withBackends(kept, model.updatedAt()).withVersion(model.version() + 1));
      }
    }
  }

  @Override
  public Optional<Model> findModel(ModelId id) {
    return find(models, id, "id");
  }

  @Override
  public Optional<Model> findModelBySlug(String slug) {
    Objects.requireNonNull(slug, "slug");
    synchronized (lock) {
      return models.values().stream().filter(m -> m.slug().equals(slug)).findFirst();
    }
  }

  @Override
  public List<Model> models() {
    return all(models);
  }

  @Override
  public Model putModel(Model model) {
    Objects.requireNonNull(model, "model");
    synchronized (lock) {
      checkVersion(
          "model", model.id().value(), models.get(model.id()), Model::version, model.version());
      for (Model other : models.values()) {
        if (other.id().equals(model.id())) {
          continue;
        }
        if (other.slug().equals(model.slug())) {
          throw new AlreadyExistsException("model slug", model.slug());
        }
        for (Backend backend : model.backends()) {
          if (other.backend(backend.id()).isPresent()) {
            throw new AlreadyExistsException("backend id", backend.id().value());
          }
        }
      }
      for (Backend backend : model.backends()) {
        if (!providerModels.containsKey(backend.providerModelId())) {
          throw new ProviderModelNotFoundException(backend.providerModelId());
        }
      }
      Model stored = model.withVersion(model.version() + 1);
      models.put(stored.id(), stored);
      return stored;
    }
  }

  @Override
  public boolean deleteModel(ModelId id) {
    Objects.requireNonNull(id, "id");
    synchronized (lock) {
      if (models.remove(id) == null) {
        return false;
      }
      grants.values().removeIf(g -> g.model().equals(id));
      return true;
    }
  }

  @Override
  public Optional<Setting> findSetting(String name) {
    return find(settings, name, "name");
  }

  @Override
  public Setting putSetting(Setting setting) {
    Objects.requireNonNull(setting, "setting");
    synchronized (lock) {
      Setting current = settings.get(setting.name());
      if (setting.version() == 0 && current != null) {
        throw new AlreadyExistsException("setting", setting.name());
      }
      checkVersion("setting", setting.name(), current, Setting::version, setting.version());
      Setting stored = new Setting(setting.name(), setting.value(), setting.version() + 1);
      settings.put(stored.name(), stored);
      return stored;
    }
  }

  // Users

  @Override
  public Optional<User> findUser(UserId id) {
    return find(users, id, "id");
  }

  @Override
  public List<User> users() {
    return all(users);
  }

  @Override
  public User putUser(User user) {
    Objects.requireNonNull(user, "user");
    synchronized (lock) {
      checkVersion("user", user.id().value(), users.get(user.id()), User::version, user.version());
      for (User other : users.values()) {
        if (!other.id().equals(user.id())
            && user.email().isPresent()
            && other.email().equals(user.email())) {
          throw new AlreadyExistsException("user email", user.email().get());
        }
      }
      User stored = user.withVersion(user.version() + 1);
      users.put(stored.id(), stored);
      return stored;
    }
  }

  @Override
  public boolean deleteUser(UserId id) {
    Objects.requireNonNull(id, "id");
    synchronized (lock) {
      if (users.remove(id) == null) {
        return false;
      }
      for (ApiKey key : List.copyOf(apiKeys.values())) {
        if (key.userId().equals(id)) {
          removeApiKey(key.id());
        }
      }
      for (Group group : List.copyOf(groups.values())) {
        if (group.hasMember(id)) {
          groups.put(group.id(), group.withoutMember(id).withVersion(group.version() + 1));
        }
      }
      grants.values().removeIf(g -> g.names(id));
      return true;
    }
  }

  // Groups

  @Override
  public Optional<Group> findGroup(GroupId id) {
    return find(groups, id, "id");
  }

  @Override
  public List<Group> groups() {
    return all(groups);
  }

  @Override
  public List<Group> groupsOf(UserId userId) {
    Objects.requireNonNull(userId, "userId");
    return where(groups, g -> g.hasMember(userId));
  }

  @Override
  public Group putGroup(Group group) {
    Objects.requireNonNull(group, "group");
    synchronized (lock) {
      checkVersion(
          "group", group.id().value(), groups.get(group.id()), Group::version, group.version());
      for (Group other : groups.values()) {
        if (!other.id().equals(group.id()) && other.name().equals(group.name())) {
          throw new AlreadyExistsException("group name", group.name());
        }
      }
      for (UserId member : group.members()) {
        requireUser(member);
      }
      Group stored = group.withVersion(group.version() + 1);
      groups.put(stored.id(), stored);
      return stored;
    }
  }

  @Override
  public boolean deleteGroup(GroupId id) {
    Objects.requireNonNull(id, "id");
    synchronized (lock) {
      if (groups.remove(id) == null) {
        return false;
      }
      grants.values().removeIf(g -> g.names(id));
      return true;
    }
  }

  // Grants

  @Override
  public Optional<Grant> findGrant(GrantId id) {
    return find(grants, id, "id");
  }

  @Override
  public List<Grant> grants() {
    return all(grants);
  }

  @Override
  public List<Grant> grantsOf(ModelId modelId) {
    Objects.requireNonNull(modelId, "modelId");
    return where(grants, g -> g.model().equals(modelId));
  }

  @Override
  public Grant putGrant(Grant grant) {
    Objects.requireNonNull(grant, "grant");
    synchronized (lock) {
      if (grants.containsKey(grant.id())) {
        throw new AlreadyExistsException("grant id", grant.id().value());
      }
      if (!models.containsKey(grant.model())) {
        throw new ModelNotFoundException(grant.model().value());
      }
      grant.principal().user().ifPresent(this::requireUser);
      grant.principal().group().ifPresent(this::requireGroup);
      for (Grant other : grants.values()) {
        if (other.model().equals(grant.model()) && other.principal().equals(grant.principal())) {
          throw grant.duplicate();
        }
      }
      grants.put(grant.id(), grant);
      return grant;
    }
  }

  @Override
  public boolean deleteGrant(GrantId id) {
    Objects.requireNonNull(id, "id");
    synchronized (lock) {
      return grants.remove(id) != null;
    }
  }

  // API keys

  @Override
  public Optional<ApiKey> findApiKey(ApiKeyId id) {
    return find(apiKeys, id, "id");
  }

  @Override
  public Optional<ApiKey> findApiKeyByHash(byte[] hash) {
    String hex = HexFormat.of().formatHex(Objects.requireNonNull(hash, "hash"));
    synchronized (lock) {
      return Optional.ofNullable(apiKeysByHash.get(hex)).map(apiKeys::get);
    }
  }

  @Override
  public List<ApiKey> apiKeys() {
    return all(apiKeys);
  }

  @Override
  public List<ApiKey> apiKeysOf(UserId userId) {
    Objects.requireNonNull(userId, "userId");
    return where(apiKeys, k -> k.userId().equals(userId));
  }

  @Override
  public ApiKey putApiKey(ApiKey key) {
    Objects.requireNonNull(key, "key");
    String hex = HexFormat.of().formatHex(key.hash());
    synchronized (lock) {
      ApiKey current = apiKeys.get(key.id());
      checkVersion("api key", key.id().value(), current, ApiKey::version, key.version());
      ApiKeyId holder = apiKeysByHash.get(hex);
      if (holder != null && !holder.equals(key.id())) {
        throw new AlreadyExistsException("api key hash", key.prefix());
      }
      requireUser(key.userId());
      if (current != null) {
        removeApiKey(current.id());
      }
      ApiKey stored = key.withVersion(key.version() + 1);
      apiKeys.put(stored.id(), stored);
      apiKeysByHash.put(hex, stored.id());
      return stored;
    }
  }

  @Override
  public boolean deleteApiKey(ApiKeyId id) {
    Objects.requireNonNull(id, "id");
    synchronized (lock) {
      return removeApiKey(id);
    }
  }

  // Guarded by lock
  private boolean removeApiKey(ApiKeyId id) {
    ApiKey removed = apiKeys.remove(id);
    if (removed == null) {
      return false;
    }
    apiKeysByHash.remove(HexFormat.of().formatHex(removed.hash()));
    return true;
  }

  // Guarded by lock
  private void requireUser(UserId id) {
    if (!users.containsKey(id)) {
      throw new UserNotFoundException(id);
    }
  }

  // Guarded by lock
  private void requireGroup(GroupId id) {
    if (!groups.containsKey(id)) {
      throw new GroupNotFoundException(id);
    }
  }

  // Usage

  @Override
  public void putUsage(List<UsageRecord> records) {
    List<UsageRecord> batch = List.copyOf(records);
    synchronized (lock) {
      for (UsageRecord record : batch) {
        usage.putIfAbsent(record.requestId(), record);
      }
    }
  }

  @Override
  public List<UsageTotal> usageTotals(UsageQuery query) {
    Objects.requireNonNull(query, "query");
    Map<String, List<UsageRecord>> byKey = new TreeMap<>();
    for (UsageRecord record : inRange(query.from(), query.to())) {
      byKey.computeIfAbsent(query.groupBy().keyOf(record), k -> new ArrayList<>()).add(record);
    }
    List<UsageTotal> totals = new ArrayList<>();
    byKey.forEach((key, records) -> totals.add(total(key, records)));
    return List.copyOf(totals);
  }

  @Override
  public List<UsageRecord> usageRecords(Instant from, Instant to, int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("time range ends before it starts: " + from + " " + to);
    }
    return inRange(from, to).stream()
        .sorted(Comparator.comparing(UsageRecord::time).thenComparing(UsageRecord::requestId))
        .limit(limit)
        .toList();
  }

  private List<UsageRecord> inRange(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return where(usage, r -> !r.time().isBefore(from) && r.time().isBefore(to));
  }

  private static UsageTotal total(String key, List<UsageRecord> records) {
    return new UsageTotal(
        key,
        records.size(),
        records.stream().mapToLong(UsageRecord::inputTokens).sum(),
        records.stream().mapToLong(UsageRecord::cachedInputTokens).sum(),
        records.stream().mapToLong(UsageRecord::cacheWriteTokens).sum(),
        records.stream().mapToLong(UsageRecord::outputTokens).sum(),
        records.stream().map(UsageRecord::cost).reduce(BigDecimal.ZERO, BigDecimal::add));
  }

  @Override
  public void close() {}

  private <K, V> Optional<V> find(Map<K, V> map, K key, String name) {
    Objects.requireNonNull(key, name);
    synchronized (lock) {
      return Optional.ofNullable(map.get(key));
    }
  }

  private <V> List<V> all(Map<?, V> map) {
    synchronized (lock) {
      return List.copyOf(map.values());
    }
  }

  private <V> List<V> where(Map<?, V> map, Predicate<V> filter) {
    synchronized (lock) {
      return map.values().stream().filter(filter).toList();
    }
  }

  private static <T> void checkVersion(
      String what, String id, T current, ToLongFunction<T> version, long expected) {
    if (expected == 0) {
      if (current != null) {
        throw new AlreadyExistsException(what + " id", id);
      }
      return;
    }
    if (current == null || version.applyAsLong(current) != expected) {
      throw new ConcurrentUpdateException(what, id, expected);
    }
  }
}
