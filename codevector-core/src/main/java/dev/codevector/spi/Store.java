package dev.codevector.spi;

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
import dev.codevector.internal.CachingStore;
import dev.codevector.internal.InMemoryStore;
import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.ConcurrentUpdateException;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.ModelNotFoundException;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelId;
import dev.codevector.usage.UsageQuery;
import dev.codevector.usage.UsageRecord;
import dev.codevector.usage.UsageTotal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where CodeVector keeps its data: the registry, access control and usage. The services enforce the
 * domain rules; a Store keeps the data, its uniqueness and its references, and makes every write
 * atomic.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Finds</b> return {@code Optional.empty()} for a missing object. Lists are unmodifiable
 *       snapshots, in no particular order.
 *   <li><b>Puts are compare-and-set on the version.</b> An object at version 0 is inserted and
 *       stored at version 1. An object at version {@code n > 0} replaces the stored object only if
 *       the stored version is {@code n}, and is stored at {@code n + 1}. Each put returns the
 *       object as stored. Of two writers putting the same version, exactly one wins; the other gets
 *       {@link ConcurrentUpdateException}, as does an update of an object that no longer exists.
 *       Grants and usage records have no version: they are only ever inserted.
 *   <li><b>Uniqueness</b>: a Provider's id and name; a Provider Model's id, and its upstream model
 *       id within its Provider; a Model's id and slug; a Backend's id; a user's id and email
 *       address (when present); a group's id and name; a grant's id, and its Model with its
 *       principal; an API key's id and hash. A put that would break one throws {@link
 *       AlreadyExistsException} with {@code what} set to {@code provider name}, {@code provider
 *       model} (value: the upstream model id), {@code model slug}, {@code user email}, {@code group
 *       name}, {@code api key hash} (value: the key's prefix), {@code <kind> id} for a duplicate
 *       id, or as {@link Grant#duplicate()} says for a duplicate grant, and nothing is written.
 *   <li><b>References</b>: a Provider Model's Provider must exist ({@link
 *       dev.codevector.registry.ProviderNotFoundException}), and so must every Backend's Provider
 *       Model ({@link dev.codevector.registry.ProviderModelNotFoundException}), every group member
 *       and API key owner ({@link UserNotFoundException}), and a grant's Model ({@link
 *       ModelNotFoundException}), user or group ({@link GroupNotFoundException}); otherwise nothing
 *       is written. Usage records refer to nothing: they outlive the users, keys and Providers they
 *       name.
 *   <li><b>Cascades</b>: deleting a Provider deletes its Provider Models; deleting a Provider Model
 *       deletes the Backends wired to it, and each Model that loses a Backend this way has its
 *       version incremented (its other fields are unchanged). Deleting a Model deletes its Backends
 *       and its grants. A Model is stored with its Backends, atomically. Deleting a user deletes
 *       its API keys, its memberships and the grants naming it, and each group that loses a member
 *       this way has its version incremented. Deleting a group deletes its memberships (a group is
 *       stored with its members, atomically) and the grants naming it.
 *   <li><b>Usage records</b> are written once: a put of a record whose request id is stored already
 *       is ignored, without error, so a batch may be put again after a failure.
 *   <li><b>Values round-trip exactly</b>: credential ciphertexts, wrapped keys and API key hashes
 *       byte for byte, prices and costs as decimals, timestamps to the microsecond, durations to
 *       the nanosecond.
 * </ul>
 *
 * <p>Implementations must be thread-safe. Prove one by extending the abstract {@code
 * dev.codevector.testing.StoreContract} from core's test jar.
 */
public interface Store extends AutoCloseable {

  /**
   * Returns the Provider with the given id.
   *
   * @param id the Provider's id
   * @return the Provider, or empty
   */
  Optional<Provider> findProvider(ProviderId id);

  /**
   * Returns every Provider.
   *
   * @return the Providers, unmodifiable
   */
  List<Provider> providers();

  /**
   * Inserts or updates a Provider, compare-and-set on its version.
   *
   * @param provider the Provider; version 0 inserts
   * @return the Provider as stored
   * @throws AlreadyExistsException if the id or the name is taken
   * @throws ConcurrentUpdateException if the stored version differs or the Provider is gone
   */
  Provider putProvider(Provider provider);

  /**
   * Deletes a Provider with its Provider Models and the Backends wired to them.
   *
   * @param id the Provider's id
   * @return true if the Provider existed
   */
  boolean deleteProvider(ProviderId id);

  /**
   * Returns the Provider Model with the given id.
   *
   * @param id the Provider Model's id
   * @return the Provider Model, or empty
   */
  Optional<ProviderModel> findProviderModel(ProviderModelId id);

  /**
   * Returns the Provider Models of a Provider.
   *
   * @param providerId the Provider's id
   * @return its Provider Models, unmodifiable; empty if the Provider has none or does not exist
   */
  List<ProviderModel> providerModels(ProviderId providerId);

  /**
   * Inserts or updates a Provider Model, compare-and-set on its version.
   *
   * @param providerModel the Provider Model; version 0 inserts
   * @return the Provider Model as stored
   * @throws AlreadyExistsException if the id, or the upstream model id within the Provider, is
   *     taken
   * @throws dev.codevector.registry.ProviderNotFoundException if the Provider does not exist
   * @throws ConcurrentUpdateException if the stored version differs or the Provider Model is gone
   */
  ProviderModel putProviderModel(ProviderModel providerModel);

  /**
   * Deletes a Provider Model and the Backends wired to it.
   *
   * @param id the Provider Model's id
   * @return true if the Provider Model existed
   */
  boolean deleteProviderModel(ProviderModelId id);

  /**
   * Returns the Model with the given id, with its Backends.
   *
   * @param id the Model's id
   * @return the Model, or empty
   */
  Optional<Model> findModel(ModelId id);

  /**
   * Returns the Model with the given slug, with its Backends.
   *
   * @param slug the Model's slug
   * @return the Model, or empty
   */
  Optional<Model> findModelBySlug(String slug);

  /**
   * Returns every Model, with its Backends.
   *
   * @return the Models, unmodifiable
   */
  List<Model> models();

  /**
   * Inserts or updates a Model together with its Backends, compare-and-set on the Model's version.
   * Backends absent from {@code model} are deleted.
   *
   * @param model the Model; version 0 inserts
   * @return the Model as stored
   * @throws AlreadyExistsException if the Model's id or slug, or a Backend's id, is taken
   * @throws dev.codevector.registry.ProviderModelNotFoundException if a Backend's Provider Model
   *     does not exist
   * @throws ConcurrentUpdateException if the stored version differs or the Model is gone
   */
  Model putModel(Model model);

  /**
   * Deletes a Model and its Backends.
   *
   * @param id the Model's id
   * @return true if the Model existed
   */
  boolean deleteModel(ModelId id);

  /**
   * Returns the setting with the given name.
   *
   * @param name the setting's name
   * @return the setting, or empty
   */
  Optional<Setting> findSetting(String name);

  /**
   * Inserts or updates a setting, compare-and-set on its version.
   *
   * @param setting the setting; version 0 inserts
   * @return the setting as stored
   * @throws AlreadyExistsException if a setting of that name exists and {@code setting} is at
   *     version 0
   * @throws ConcurrentUpdateException if the stored version differs or the setting is gone
   */
  Setting putSetting(Setting setting);

  // Users

  /**
   * Returns the user with the given id.
   *
   * @param id the user's id
   * @return the user, or empty
   */
  Optional<User> findUser(UserId id);

  /**
   * Returns every user.
   *
   * @return the users, unmodifiable
   */
  List<User> users();

  /**
   * Inserts or updates a user, compare-and-set on its version.
   *
   * @param user the user; version 0 inserts
   * @return the user as stored
   * @throws AlreadyExistsException if the id or the email address is taken
   * @throws ConcurrentUpdateException if the stored version differs or the user is gone
   */
  User putUser(User user);

  /**
   * Deletes a user with its API keys, its memberships and the grants naming it. Each group the user
   * was a member of moves to its next version.
   *
   * @param id the user's id
   * @return true if the user existed
   */
  boolean deleteUser(UserId id);

  // Groups

  /**
   * Returns the group with the given id, with its members.
   *
   * @param id the group's id
   * @return the group, or empty
   */
  Optional<Group> findGroup(GroupId id);

  /**
   * Returns every group, with its members.
   *
   * @return the groups, unmodifiable
   */
  List<Group> groups();

  /**
   * Returns the groups a user is a member of, with all their members.
   *
   * @param userId the user's id
   * @return the user's groups, unmodifiable; empty if the user is in none or does not exist
   */
  List<Group> groupsOf(UserId userId);

  /**
   * Inserts or updates a group together with its members, compare-and-set on the group's version.
   * Members absent from {@code group} are removed.
   *
   * @param group the group; version 0 inserts
   * @return the group as stored
   * @throws AlreadyExistsException if the id or the name is taken
   * @throws UserNotFoundException if a member does not exist
   * @throws ConcurrentUpdateException if the stored version differs or the group is gone
   */
  Group putGroup(Group group);

  /**
   * Deletes a group with its memberships and the grants naming it.
   *
   * @param id the group's id
   * @return true if the group existed
   */
  boolean deleteGroup(GroupId id);

  // Grants

  /**
   * Returns the grant with the given id.
   *
   * @param id the grant's id
   * @return the grant, or empty
   */
  Optional<Grant> findGrant(GrantId id);

  /**
   * Returns every grant.
   *
   * @return the grants, unmodifiable
   */
  List<Grant> grants();

  /**
   * Returns the grants of a Model.
   *
   * @param modelId the Model's id
   * @return its grants, unmodifiable; empty if it has none or does not exist
   */
  List<Grant> grantsOf(ModelId modelId);

  /**
   * Inserts a grant. Grants have no version and are never updated: a grant whose id is stored is
   * refused.
   *
   * @param grant the grant
   * @return the grant as stored
   * @throws AlreadyExistsException if the id is taken, or a grant of the Model to the principal
   *     exists
   * @throws ModelNotFoundException if the Model does not exist
   * @throws UserNotFoundException if the principal is a user that does not exist
   * @throws GroupNotFoundException if the principal is a group that does not exist
   */
  Grant putGrant(Grant grant);

  /**
   * Deletes a grant.
   *
   * @param id the grant's id
   * @return true if the grant existed
   */
  boolean deleteGrant(GrantId id);

  // API keys

  /**
   * Returns the API key with the given id.
   *
   * @param id the key's id
   * @return the key, or empty
   */
  Optional<ApiKey> findApiKey(ApiKeyId id);

  /**
   * Returns the API key with the given hash; must be fast, as every request looks its key up so.
   *
   * @param hash the SHA-256 hash of the whole key
   * @return the key, or empty
   */
  Optional<ApiKey> findApiKeyByHash(byte[] hash);

  /**
   * Returns every API key.
   *
   * @return the keys, unmodifiable
   */
  List<ApiKey> apiKeys();

  /**
   * Returns the API keys of a user.
   *
   * @param userId the user's id
   * @return the user's keys, unmodifiable; empty if it has none or does not exist
   */
  List<ApiKey> apiKeysOf(UserId userId);

  /**
   * Inserts or updates an API key, compare-and-set on its version.
   *
   * @param key the key; version 0 inserts
   * @return the key as stored
   * @throws AlreadyExistsException if the id or the hash is taken
   * @throws UserNotFoundException if the key's user does not exist
   * @throws ConcurrentUpdateException if the stored version differs or the key is gone
   */
  ApiKey putApiKey(ApiKey key);

  /**
   * Deletes an API key.
   *
   * @param id the key's id
   * @return true if the key existed
   */
  boolean deleteApiKey(ApiKeyId id);

  // Usage

  /**
   * Writes usage records, all or none, skipping each whose request id is stored already (or appears
   * earlier in {@code records}).
   *
   * @param records the records, in any order
   * @throws StoreException if the records cannot be written; then none is
   */
  void putUsage(List<UsageRecord> records);

  /**
   * Returns the totals of the usage records made in {@code [query.from(), query.to())}, one per
   * key, by key.
   *
   * @param query the time range and the grouping
   * @return the totals, unmodifiable; empty if no record is in the range
   */
  List<UsageTotal> usageTotals(UsageQuery query);

  /**
   * Returns the earliest usage records made in {@code [from, to)}, by time and then request id.
   *
   * @param from the first instant included
   * @param to the first instant excluded
   * @param limit how many records at most; positive
   * @return the records, unmodifiable
   * @throws IllegalArgumentException if {@code to} is before {@code from} or the limit is not
   *     positive
   */
  List<UsageRecord> usageRecords(Instant from, Instant to, int limit);

  /**
   * Releases what the Store holds, such as a connection pool. The Store's creator closes it.
   *
   * @throws StoreException if closing fails
   */
  @Override
  void close();

  /**
   * Returns a new Store that keeps everything in memory: for tests, demos and embedded use where
   * nothing must survive the process.
   *
   * @return an empty, thread-safe in-memory Store
   */
  static Store inMemory() {
    return new InMemoryStore();
  }

  /**
   * Returns a Store that keeps the reads of the request path in memory in front of another: a Model
   * by slug, Provider Models, Providers, API keys by hash, a Model's grants and a user's groups. An
   * entry older than {@code refresh} is reloaded in the background on its next read, and kept when
   * the reload fails, so requests of known keys for known Models go on while the database is
   * unreachable. Writes through the returned Store take effect for its own reads at once; writes by
   * other processes sharing the database show within {@code refresh}.
   *
   * @param store the Store to front; closing the returned Store closes it
   * @param refresh how old a cached read may get before it is reloaded, such as one second
   * @return the caching Store; thread-safe
   */
  static Store cached(Store store, Duration refresh) {
    return new CachingStore(store, refresh);
  }
}
