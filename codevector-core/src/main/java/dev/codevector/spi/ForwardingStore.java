package dev.codevector.spi;

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
import dev.codevector.usage.UsageQuery;
import dev.codevector.usage.UsageRecord;
import dev.codevector.usage.UsageTotal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link Store} that hands every call to another, for decorators that change a few calls:
 * caching, counting, failing in tests. Subclasses override the calls they change and call {@code
 * super} for the rest. Thread-safe if the delegate is and the overrides are.
 */
public abstract class ForwardingStore implements Store {
  private final Store delegate;

  /**
   * Creates a store that forwards to another.
   *
   * @param delegate the store that does the work
   */
  protected ForwardingStore(Store delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public Optional<Provider> findProvider(ProviderId id) {
    return delegate.findProvider(id);
  }

  @Override
  public List<Provider> providers() {
    return delegate.providers();
  }

  @Override
  public Provider putProvider(Provider provider) {
    return delegate.putProvider(provider);
  }

  @Override
  public boolean deleteProvider(ProviderId id) {
    return delegate.deleteProvider(id);
  }

  @Override
  public Optional<ProviderModel> findProviderModel(ProviderModelId id) {
    return delegate.findProviderModel(id);
  }

  @Override
  public List<ProviderModel> providerModels(ProviderId providerId) {
    return delegate.providerModels(providerId);
  }

  @Override
  public ProviderModel putProviderModel(ProviderModel providerModel) {
    return delegate.putProviderModel(providerModel);
  }

  @Override
  public boolean deleteProviderModel(ProviderModelId id) {
    return delegate.deleteProviderModel(id);
  }

  @Override
  public Optional<Model> findModel(ModelId id) {
    return delegate.findModel(id);
  }

  @Override
  public Optional<Model> findModelBySlug(String slug) {
    return delegate.findModelBySlug(slug);
  }

  @Override
  public List<Model> models() {
    return delegate.models();
  }

  @Override
  public Model putModel(Model model) {
    return delegate.putModel(model);
  }

  @Override
  public boolean deleteModel(ModelId id) {
    return delegate.deleteModel(id);
  }

  @Override
  public Optional<Setting> findSetting(String name) {
    return delegate.findSetting(name);
  }

  @Override
  public Setting putSetting(Setting setting) {
    return delegate.putSetting(setting);
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

  @Override
  public void putUsage(List<UsageRecord> records) {
    delegate.putUsage(records);
  }

  @Override
  public List<UsageTotal> usageTotals(UsageQuery query) {
    return delegate.usageTotals(query);
  }

  @Override
  public List<UsageRecord> usageRecords(Instant from, Instant to, int limit) {
    return delegate.usageRecords(from, to, limit);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
