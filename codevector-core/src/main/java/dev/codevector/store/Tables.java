package dev.codevector.store;

import static dev.codevector.store.VersionedTable.insertOnly;
import static dev.codevector.store.VersionedTable.named;
import static dev.codevector.store.VersionedTable.versioned;

import dev.codevector.access.ApiKey;
import dev.codevector.access.ApiKeyId;
import dev.codevector.access.Grant;
import dev.codevector.access.GrantId;
import dev.codevector.access.Group;
import dev.codevector.access.GroupId;
import dev.codevector.access.User;
import dev.codevector.access.UserId;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitId;
import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.Backend;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelId;
import dev.codevector.spi.Setting;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The tables of an {@link InMemoryStore}, each declared with its unique keys, under one lock that
 * every write holds.
 */
final class Tables {
  final Object lock = new Object();

  final VersionedTable<ProviderId, Provider> providers =
      versioned(lock, "provider", Provider::id, Provider::version, Provider::withVersion);

  final VersionedTable<ProviderModelId, ProviderModel> providerModels =
      versioned(
          lock,
          "provider model",
          ProviderModel::id,
          ProviderModel::version,
          ProviderModel::withVersion);

  final VersionedTable<ModelId, Model> models =
      versioned(lock, "model", Model::id, Model::version, Model::withVersion);

  final VersionedTable<ModelId, Model>.UniqueKey<String> modelSlugs =
      models.unique("model slug", Model::slug);

  final VersionedTable<String, Setting> settings =
      named(
          lock,
          "setting",
          Setting::name,
          Setting::version,
          (setting, next) -> new Setting(setting.name(), setting.value(), next));

  final VersionedTable<UserId, User> users =
      versioned(lock, "user", User::id, User::version, User::withVersion);

  final VersionedTable<GroupId, Group> groups =
      versioned(lock, "group", Group::id, Group::version, Group::withVersion);

  final VersionedTable<GrantId, Grant> grants = insertOnly(lock, "grant", Grant::id);

  final VersionedTable<ApiKeyId, ApiKey> apiKeys =
      versioned(lock, "api key", ApiKey::id, ApiKey::version, ApiKey::withVersion);

  final VersionedTable<ApiKeyId, ApiKey>.UniqueKey<String> apiKeyHashes =
      apiKeys.unique(
          key -> List.of(hex(key.hash())),
          (key, hash) -> new AlreadyExistsException("api key hash", key.prefix()));

  final VersionedTable<LimitId, Limit> limits =
      versioned(
          lock,
          "limit",
          Limit::id,
          Limit::version,
          (limit, next) ->
              new Limit(limit.id(), limit.spec(), next, limit.createdAt(), limit.updatedAt()));

  final CounterTable counters = new CounterTable(lock);

  Tables() {
    providers.unique("provider name", Provider::name);
    providerModels.unique(
        model -> List.of(List.of(model.providerId(), model.modelId())),
        (model, key) -> new AlreadyExistsException("provider model", model.modelId()));
    models.unique(
        model -> model.backends().stream().map(Backend::id).toList(),
        (model, id) -> new AlreadyExistsException("backend id", id.value()));
    users.unique(
        user -> user.email().stream().toList(),
        (user, email) -> new AlreadyExistsException("user email", email));
    groups.unique("group name", Group::name);
    grants.unique(
        grant -> List.of(List.of(grant.model(), grant.principal())),
        (grant, key) -> grant.duplicate());
  }

  /**
   * Deletes the limits that pass a filter, with their counters, as one write.
   *
   * @param filter which limits to delete
   * @return true if a limit was deleted
   */
  boolean deleteLimits(Predicate<Limit> filter) {
    synchronized (lock) {
      Set<LimitId> ids = limits.where(filter).stream().map(Limit::id).collect(Collectors.toSet());
      limits.deleteWhere(limit -> ids.contains(limit.id()));
      counters.deleteOf(ids);
      return !ids.isEmpty();
    }
  }

  static String hex(byte[] hash) {
    return HexFormat.of().formatHex(hash);
  }
}
