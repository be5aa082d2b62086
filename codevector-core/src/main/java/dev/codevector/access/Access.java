package dev.codevector.access;

import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.ModelNotFoundException;
import dev.codevector.registry.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call CodeVector, and with which Models: users, groups of users, grants of Models to
 * either, and the API keys users authenticate with.
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li><b>Deny by default.</b> A user may use a Model only if a grant names the user, or a group
 *       the user is a member of.
 *   <li><b>Uniqueness.</b> A user's email address (when present) and a group's name are unique; so
 *       is a grant of one Model to one principal. Breaking one throws {@link
 *       AlreadyExistsException}.
 *   <li><b>Cascades.</b> Deleting a user deletes its keys, its memberships and the grants naming
 *       it. Deleting a group deletes its memberships and the grants naming it. Deleting a Model
 *       (through the registry) deletes its grants.
 *   <li><b>API keys</b> are {@code cv-} followed by the unpadded base64url form of 24 random bytes
 *       from {@link java.security.SecureRandom}: 192 random bits, so a fast hash is enough. Only
 *       the key's SHA-256 hash and its first 8 characters are stored; the whole key appears once,
 *       in the {@link IssuedKey} that {@link #issueKey} returns. A revoked key never works again; a
 *       key with an expiry stops working at that instant.
 *   <li><b>Last use</b> of a key is written at most once a minute per key, so authenticating does
 *       not make every request a write, and in the background, so authenticating never waits for
 *       the write; {@link ApiKey#lastUsedAt()} is therefore accurate to about a minute, and a use
 *       the store refuses is not recorded.
 * </ul>
 *
 * <p>Implementations are thread-safe. Lists are unmodifiable snapshots.
 */
public interface Access {

  // Users

  /**
   * Creates a user.
   *
   * @param name the display name: not blank, at most 100 characters
   * @param email the email address, if any; unique among users
   * @return the stored user
   * @throws ValidationException if the name or the email address is malformed
   * @throws AlreadyExistsException if another user has the email address
   */
  User createUser(String name, Optional<String> email);

  /**
   * Returns the user with the given id.
   *
   * @param id the user's id
   * @return the user, or empty
   */
  Optional<User> findUser(UserId id);

  /**
   * Returns the user with the given id.
   *
   * @param id the user's id
   * @return the user
   * @throws UserNotFoundException if there is none
   */
  User user(UserId id);

  /**
   * Returns every user, by name.
   *
   * @return the users, unmodifiable
   */
  List<User> users();

  /**
   * Deletes a user with its API keys, its group memberships and the grants naming it.
   *
   * @param id the user's id
   * @throws UserNotFoundException if there is none
   */
  void deleteUser(UserId id);

  // Groups

  /**
   * Creates a group without members.
   *
   * @param name the name: not blank, at most 100 characters; unique among groups
   * @return the stored group
   * @throws ValidationException if the name is malformed
   * @throws AlreadyExistsException if another group has the name
   */
  Group createGroup(String name);

  /**
   * Returns the group with the given id.
   *
   * @param id the group's id
   * @return the group, or empty
   */
  Optional<Group> findGroup(GroupId id);

  /**
   * Returns the group with the given id.
   *
   * @param id the group's id
   * @return the group
   * @throws GroupNotFoundException if there is none
   */
  Group group(GroupId id);

  /**
   * Returns every group, by name.
   *
   * @return the groups, unmodifiable
   */
  List<Group> groups();

  /**
   * Returns the groups a user is a member of. A store that caches answers it from its cache, so it
   * is cheap enough for every request.
   *
   * @param user the user's id
   * @return the user's groups, unmodifiable; empty if the user is in none or does not exist
   */
  List<Group> groupsOf(UserId user);

  /**
   * Deletes a group with its memberships and the grants naming it; its members stay.
   *
   * @param id the group's id
   * @throws GroupNotFoundException if there is none
   */
  void deleteGroup(GroupId id);

  /**
   * Adds a user to a group. Adding a member again changes nothing.
   *
   * @param groupId the group's id
   * @param userId the user's id
   * @return the group as stored
   * @throws GroupNotFoundException if the group does not exist
   * @throws UserNotFoundException if the user does not exist
   */
  Group addMember(GroupId groupId, UserId userId);

  /**
   * Removes a user from a group, and so the access the group's grants gave the user. Removing a
   * user who is no member changes nothing.
   *
   * @param groupId the group's id
   * @param userId the user's id
   * @return the group as stored
   * @throws GroupNotFoundException if the group does not exist
   */
  Group removeMember(GroupId groupId, UserId userId);

  // Grants

  /**
   * Allows a user, or each member of a group, to use a Model.
   *
   * @param model the Model's id
   * @param principal the user or group
   * @return the stored grant
   * @throws ModelNotFoundException if the Model does not exist
   * @throws UserNotFoundException if the principal is a user that does not exist
   * @throws GroupNotFoundException if the principal is a group that does not exist
   * @throws AlreadyExistsException if a grant of the Model to the principal exists
   */
  Grant grant(ModelId model, Principal principal);

  /**
   * Deletes a grant; the access it gave ends with it.
   *
   * @param id the grant's id
   * @throws GrantNotFoundException if there is none
   */
  void revokeGrant(GrantId id);

  /**
   * Returns every grant, oldest first.
   *
   * @return the grants, unmodifiable
   */
  List<Grant> grants();

  /**
   * Returns the grants of a Model, oldest first.
   *
   * @param model the Model's id
   * @return its grants, unmodifiable
   * @throws ModelNotFoundException if the Model does not exist
   */
  List<Grant> grants(ModelId model);

  /**
   * Returns whether a user may use a Model: true only if a grant of the Model names the user, or a
   * group the user is a member of. Unknown users and Models may use nothing.
   *
   * @param user the user's id
   * @param model the Model's id
   * @return true if a grant allows it
   */
  boolean mayUse(UserId user, ModelId model);

  /**
   * Returns the Models a user may use, as {@link #mayUse} decides.
   *
   * @param user the user's id
   * @return the Models' ids, unmodifiable; empty for an unknown user
   */
  Set<ModelId> usableModels(UserId user);

  // API keys

  /**
   * Issues a new API key to a user.
   *
   * @param userId the user's id
   * @param name a label for the key, if any: not blank, at most 100 characters
   * @param expiresAt when the key stops working, if it should; must be in the future
   * @return the key as stored, with the whole key, which is never available again
   * @throws UserNotFoundException if the user does not exist
   * @throws ValidationException if the label is malformed or the expiry is not in the future
   */
  IssuedKey issueKey(UserId userId, Optional<String> name, Optional<Instant> expiresAt);

  /**
   * Returns the API key with the given id.
   *
   * @param id the key's id
   * @return the key, or empty
   */
  Optional<ApiKey> findKey(ApiKeyId id);

  /**
   * Returns the API key with the given id.
   *
   * @param id the key's id
   * @return the key
   * @throws ApiKeyNotFoundException if there is none
   */
  ApiKey key(ApiKeyId id);

  /**
   * Returns every API key, oldest first.
   *
   * @return the keys, unmodifiable
   */
  List<ApiKey> keys();

  /**
   * Returns a user's API keys, oldest first.
   *
   * @param userId the user's id
   * @return the user's keys, unmodifiable
   * @throws UserNotFoundException if the user does not exist
   */
  List<ApiKey> keys(UserId userId);

  /**
   * Revokes an API key: from now on it authenticates nothing. Revoking a revoked key changes
   * nothing.
   *
   * @param id the key's id
   * @return the key as stored, revoked
   * @throws ApiKeyNotFoundException if there is none
   */
  ApiKey revokeKey(ApiKeyId id);

  /**
   * Deletes an API key; like revoking it, but leaving no trace of it.
   *
   * @param id the key's id
   * @throws ApiKeyNotFoundException if there is none
   */
  void deleteKey(ApiKeyId id);

  /**
   * Returns who a presented API key belongs to, if it is a well-formed key that was issued, is not
   * revoked and has not expired. Cheap enough for every request: a hash and one lookup; the key's
   * last use is queued for a background write at most once a minute. Never throws for a bad key,
   * and never reveals why a key was refused.
   *
   * @param presented the text the client sent as its key
   * @return the key's user and id, or empty if the key does not authenticate
   * @throws dev.codevector.spi.StoreException if the store cannot be read
   */
  Optional<Caller> authenticate(String presented);
}
