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
import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.ConcurrentUpdateException;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.ModelNotFoundException;
import java.util.List;
import java.util.Optional;

/**
 * The access control's data a {@link Store} keeps: users, groups with their members, grants of
 * Models, and API keys, under the rules of the {@link Store} contract and these.
 *
 * <ul>
 *   <li><b>Uniqueness</b>: a user's id and email address (when present); a group's id and name; a
 *       grant's id, and its Model with its principal; an API key's id and hash. A put that would
 *       break one throws {@link AlreadyExistsException} with {@code what} set to {@code user
 *       email}, {@code group name}, {@code api key hash} (value: the key's prefix), {@code <kind>
 *       id} for a duplicate id ({@code user}, {@code group}, {@code grant}, {@code api key}), or as
 *       {@link Grant#duplicate()} says for a duplicate grant.
 *   <li><b>References</b>: every group member and API key owner must exist ({@link
 *       UserNotFoundException}), and so must a grant's Model ({@link ModelNotFoundException}), kept
 *       by {@link RegistryStore}, and its user or group ({@link GroupNotFoundException}).
 *   <li><b>Cascades</b>: deleting a user deletes its API keys, its memberships and the grants
 *       naming it, and each group that loses a member this way has its version incremented. A group
 *       is stored with its members, atomically; deleting a group deletes its memberships and the
 *       grants naming it. Grants of a Model are deleted with it, by {@link
 *       RegistryStore#deleteModel}.
 * </ul>
 */
public interface AccessStore {

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
   * @throws ModelNotFoundException if the Model does not exist in the {@link RegistryStore}
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
}
