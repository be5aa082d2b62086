package dev.codevector.store;

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
import dev.codevector.limits.LimitScope;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.ModelNotFoundException;
import dev.codevector.spi.AccessStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The access control's part of an {@link InMemoryStore}: references and cascades over its tables.
 */
final class InMemoryAccessStore implements AccessStore {
  private final Tables tables;

  InMemoryAccessStore(Tables tables) {
    this.tables = tables;
  }

  @Override
  public Optional<User> findUser(UserId id) {
    return tables.users.find(id);
  }

  @Override
  public List<User> users() {
    return tables.users.all();
  }

  @Override
  public User putUser(User user) {
    return tables.users.put(Objects.requireNonNull(user, "user"), () -> {});
  }

  @Override
  public boolean deleteUser(UserId id) {
    synchronized (tables.lock) {
      if (!tables.users.delete(id)) {
        return false;
      }
      Set<ApiKeyId> keyIds =
          tables.apiKeys.where(k -> k.userId().equals(id)).stream()
              .map(ApiKey::id)
              .collect(Collectors.toSet());
      tables.apiKeys.deleteWhere(k -> keyIds.contains(k.id()));
      tables.deleteLimits(
          l -> l.scope() instanceof LimitScope.User user && user.userId().equals(id));
      deleteLimitsOfKeys(keyIds);
      for (Group group : tables.groups.where(g -> g.hasMember(id))) {
        tables.groups.bump(group.withoutMember(id));
      }
      tables.grants.deleteWhere(g -> g.names(id));
      return true;
    }
  }

  @Override
  public Optional<Group> findGroup(GroupId id) {
    return tables.groups.find(id);
  }

  @Override
  public List<Group> groups() {
    return tables.groups.all();
  }

  @Override
  public List<Group> groupsOf(UserId userId) {
    Objects.requireNonNull(userId, "userId");
    return tables.groups.where(g -> g.hasMember(userId));
  }

  @Override
  public Group putGroup(Group group) {
    Objects.requireNonNull(group, "group");
    return tables.groups.put(group, () -> group.members().forEach(this::requireUser));
  }

  @Override
  public boolean deleteGroup(GroupId id) {
    synchronized (tables.lock) {
      if (!tables.groups.delete(id)) {
        return false;
      }
      tables.grants.deleteWhere(g -> g.names(id));
      tables.deleteLimits(
          l -> l.scope() instanceof LimitScope.Group group && group.groupId().equals(id));
      return true;
    }
  }

  @Override
  public Optional<Grant> findGrant(GrantId id) {
    return tables.grants.find(id);
  }

  @Override
  public List<Grant> grants() {
    return tables.grants.all();
  }

  @Override
  public List<Grant> grantsOf(ModelId modelId) {
    Objects.requireNonNull(modelId, "modelId");
    return tables.grants.where(g -> g.model().equals(modelId));
  }

  @Override
  public Grant putGrant(Grant grant) {
    Objects.requireNonNull(grant, "grant");
    return tables.grants.put(
        grant,
        () -> {
          if (!tables.models.contains(grant.model())) {
            throw new ModelNotFoundException(grant.model().value());
          }
          grant.principal().user().ifPresent(this::requireUser);
          grant.principal().group().ifPresent(this::requireGroup);
        });
  }

  @Override
  public boolean deleteGrant(GrantId id) {
    return tables.grants.delete(id);
  }

  @Override
  public Optional<ApiKey> findApiKey(ApiKeyId id) {
    return tables.apiKeys.find(id);
  }

  @Override
  public Optional<ApiKey> findApiKeyByHash(byte[] hash) {
    return tables.apiKeys.find(
        tables.apiKeyHashes, Tables.hex(Objects.requireNonNull(hash, "hash")));
  }

  @Override
  public List<ApiKey> apiKeys() {
    return tables.apiKeys.all();
  }

  @Override
  public List<ApiKey> apiKeysOf(UserId userId) {
    Objects.requireNonNull(userId, "userId");
    return tables.apiKeys.where(k -> k.userId().equals(userId));
  }

  @Override
  public ApiKey putApiKey(ApiKey key) {
    Objects.requireNonNull(key, "key");
    return tables.apiKeys.put(key, () -> requireUser(key.userId()));
  }

  @Override
  public boolean deleteApiKey(ApiKeyId id) {
    synchronized (tables.lock) {
      if (!tables.apiKeys.delete(id)) {
        return false;
      }
      deleteLimitsOfKeys(Set.of(id));
      return true;
    }
  }

  // Guarded by lock
  private void deleteLimitsOfKeys(Set<ApiKeyId> keyIds) {
    tables.deleteLimits(
        l -> l.scope() instanceof LimitScope.Key key && keyIds.contains(key.keyId()));
  }

  private void requireUser(UserId id) {
    if (!tables.users.contains(id)) {
      throw new UserNotFoundException(id);
    }
  }

  private void requireGroup(GroupId id) {
    if (!tables.groups.contains(id)) {
      throw new GroupNotFoundException(id);
    }
  }
}
