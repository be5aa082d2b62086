package dev.codevector.jdbc;

import dev.codevector.access.ApiKey;
import dev.codevector.access.ApiKeyId;
import dev.codevector.access.Grant;
import dev.codevector.access.GrantId;
import dev.codevector.access.Group;
import dev.codevector.access.GroupId;
import dev.codevector.access.User;
import dev.codevector.access.UserId;
import dev.codevector.jdbc.internal.ApiKeyTable;
import dev.codevector.jdbc.internal.Database;
import dev.codevector.jdbc.internal.GrantTable;
import dev.codevector.jdbc.internal.GroupTable;
import dev.codevector.jdbc.internal.UserTable;
import dev.codevector.registry.ModelId;
import dev.codevector.spi.AccessStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The users, groups, grants and API keys of a {@link JdbcStore}, over its tables. */
final class JdbcAccessStore implements AccessStore {
  private final UserTable users;
  private final GroupTable groups;
  private final GrantTable grants;
  private final ApiKeyTable apiKeys;

  JdbcAccessStore(Database database) {
    this.users = new UserTable(database);
    this.groups = new GroupTable(database);
    this.grants = new GrantTable(database);
    this.apiKeys = new ApiKeyTable(database);
  }

  @Override
  public Optional<User> findUser(UserId id) {
    return users.find(Objects.requireNonNull(id, "id"));
  }

  @Override
  public List<User> users() {
    return users.all();
  }

  @Override
  public User putUser(User user) {
    return users.put(Objects.requireNonNull(user, "user"));
  }

  @Override
  public boolean deleteUser(UserId id) {
    return users.delete(Objects.requireNonNull(id, "id"));
  }

  @Override
  public Optional<Group> findGroup(GroupId id) {
    return groups.find(Objects.requireNonNull(id, "id"));
  }

  @Override
  public List<Group> groups() {
    return groups.all();
  }

  @Override
  public List<Group> groupsOf(UserId userId) {
    return groups.of(Objects.requireNonNull(userId, "userId"));
  }

  @Override
  public Group putGroup(Group group) {
    return groups.put(Objects.requireNonNull(group, "group"));
  }

  @Override
  public boolean deleteGroup(GroupId id) {
    return groups.delete(Objects.requireNonNull(id, "id"));
  }

  @Override
  public Optional<Grant> findGrant(GrantId id) {
    return grants.find(Objects.requireNonNull(id, "id"));
  }

  @Override
  public List<Grant> grants() {
    return grants.all();
  }

  @Override
  public List<Grant> grantsOf(ModelId modelId) {
    return grants.of(Objects.requireNonNull(modelId, "modelId"));
  }

  @Override
  public Grant putGrant(Grant grant) {
    return grants.put(Objects.requireNonNull(grant, "grant"));
  }

  @Override
  public boolean deleteGrant(GrantId id) {
    return grants.delete(Objects.requireNonNull(id, "id"));
  }

  @Override
  public Optional<ApiKey> findApiKey(ApiKeyId id) {
    return apiKeys.find(Objects.requireNonNull(id, "id"));
  }

  @Override
  public Optional<ApiKey> findApiKeyByHash(byte[] hash) {
    return apiKeys.findByHash(Objects.requireNonNull(hash, "hash"));
  }

  @Override
  public List<ApiKey> apiKeys() {
    return apiKeys.all();
  }

  @Override
  public List<ApiKey> apiKeysOf(UserId userId) {
    return apiKeys.of(Objects.requireNonNull(userId, "userId"));
  }

  @Override
  public ApiKey putApiKey(ApiKey key) {
    return apiKeys.put(Objects.requireNonNull(key, "key"));
  }

  @Override
  public boolean deleteApiKey(ApiKeyId id) {
    return apiKeys.delete(Objects.requireNonNull(id, "id"));
  }
}
