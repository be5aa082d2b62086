package dev.codevector.examples.store;

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
import java.util.Optional;

/** The access control of a {@link JournalStore}: reads from memory, writes through the journal. */
final class JournalAccessStore implements AccessStore {
  private final AccessStore memory;
  private final Journal journal;

  JournalAccessStore(AccessStore memory, Journal journal) {
    this.memory = memory;
    this.journal = journal;
  }

  @Override
  public Optional<User> findUser(UserId id) {
    return memory.findUser(id);
  }

  @Override
  public List<User> users() {
    return memory.users();
  }

  @Override
  public User putUser(User user) {
    return journal.write(Operation.PUT_USER, user);
  }

  @Override
  public boolean deleteUser(UserId id) {
    return journal.write(Operation.DELETE_USER, id);
  }

  @Override
  public Optional<Group> findGroup(GroupId id) {
    return memory.findGroup(id);
  }

  @Override
  public List<Group> groups() {
    return memory.groups();
  }

  @Override
  public List<Group> groupsOf(UserId userId) {
    return memory.groupsOf(userId);
  }

  @Override
  public Group putGroup(Group group) {
    return journal.write(Operation.PUT_GROUP, group);
  }

  @Override
  public boolean deleteGroup(GroupId id) {
    return journal.write(Operation.DELETE_GROUP, id);
  }

  @Override
  public Optional<Grant> findGrant(GrantId id) {
    return memory.findGrant(id);
  }

  @Override
  public List<Grant> grants() {
    return memory.grants();
  }

  @Override
  public List<Grant> grantsOf(ModelId modelId) {
    return memory.grantsOf(modelId);
  }

  @Override
  public Grant putGrant(Grant grant) {
    return journal.write(Operation.PUT_GRANT, grant);
  }

  @Override
  public boolean deleteGrant(GrantId id) {
    return journal.write(Operation.DELETE_GRANT, id);
  }

  @Override
  public Optional<ApiKey> findApiKey(ApiKeyId id) {
    return memory.findApiKey(id);
  }

  @Override
  public Optional<ApiKey> findApiKeyByHash(byte[] hash) {
    return memory.findApiKeyByHash(hash);
  }

  @Override
  public List<ApiKey> apiKeys() {
    return memory.apiKeys();
  }

  @Override
  public List<ApiKey> apiKeysOf(UserId userId) {
    return memory.apiKeysOf(userId);
  }

  @Override
  public ApiKey putApiKey(ApiKey key) {
    return journal.write(Operation.PUT_API_KEY, key);
  }

  @Override
  public boolean deleteApiKey(ApiKeyId id) {
    return journal.write(Operation.DELETE_API_KEY, id);
  }
}
