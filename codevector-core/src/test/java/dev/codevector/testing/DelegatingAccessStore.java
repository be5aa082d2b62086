package dev.codevector.testing;

import dev.codevector.access.ApiKey;
import dev.codevector.access.ApiKeyId;
import dev.codevector.access.Grant;
import dev.codevector.access.GrantId;
import dev.codevector.access.Group;
import dev.codevector.access.GroupId;
import dev.codevector.access.User;
import dev.codevector.access.UserId;
import dev.codevector.registry.ModelId;
import dev.codevector.spi.AccessStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link AccessStore} that hands every call to a real one: tests override the calls they count,
 * hold or break.
 */
public class DelegatingAccessStore implements AccessStore {
  private final AccessStore delegate;

  /**
   * Creates the store.
   *
   * @param delegate the store that does the work
   */
  public DelegatingAccessStore(AccessStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public Optional<User> findUser(UserId id) {
    return delegate.findUser(id);
  }

  @Override
  public List<User> users() {
    return delegate.users();
  }

  @Override
  public User putUser(User user) {
    return delegate.putUser(user);
  }

  @Override
  public boolean deleteUser(UserId id) {
    return delegate.deleteUser(id);
  }

  @Override
  public Optional<Group> findGroup(GroupId id) {
    return delegate.findGroup(id);
  }

  @Override
  public List<Group> groups() {
    return delegate.groups();
  }

  @Override
  public List<Group> groupsOf(UserId userId) {
    return delegate.groupsOf(userId);
  }

  @Override
  public Group putGroup(Group group) {
    return delegate.putGroup(group);
  }

  @Override
  public boolean deleteGroup(GroupId id) {
    return delegate.deleteGroup(id);
  }

  @Override
  public Optional<Grant> findGrant(GrantId id) {
    return delegate.findGrant(id);
  }

  @Override
  public List<Grant> grants() {
    return delegate.grants();
  }

  @Override
  public List<Grant> grantsOf(ModelId modelId) {
    return delegate.grantsOf(modelId);
  }

  @Override
  public Grant putGrant(Grant grant) {
    return delegate.putGrant(grant);
  }

  @Override
  public boolean deleteGrant(GrantId id) {
    return delegate.deleteGrant(id);
  }

  @Override
  public Optional<ApiKey> findApiKey(ApiKeyId id) {
    return delegate.findApiKey(id);
  }

  @Override
  public Optional<ApiKey> findApiKeyByHash(byte[] hash) {
    return delegate.findApiKeyByHash(hash);
  }

  @Override
  public List<ApiKey> apiKeys() {
    return delegate.apiKeys();
  }

  @Override
  public List<ApiKey> apiKeysOf(UserId userId) {
    return delegate.apiKeysOf(userId);
  }

  @Override
  public ApiKey putApiKey(ApiKey key) {
    return delegate.putApiKey(key);
  }

  @Override
  public boolean deleteApiKey(ApiKeyId id) {
    return delegate.deleteApiKey(id);
  }
}
