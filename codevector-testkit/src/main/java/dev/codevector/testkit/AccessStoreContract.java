package dev.codevector.testkit;

import static dev.codevector.testkit.StoreFixtures.T0;
import static dev.codevector.testkit.StoreFixtures.apiKey;
import static dev.codevector.testkit.StoreFixtures.group;
import static dev.codevector.testkit.StoreFixtures.model;
import static dev.codevector.testkit.StoreFixtures.user;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.access.ApiKey;
import dev.codevector.access.ApiKeyId;
import dev.codevector.access.Grant;
import dev.codevector.access.GrantId;
import dev.codevector.access.Group;
import dev.codevector.access.GroupId;
import dev.codevector.access.GroupNotFoundException;
import dev.codevector.access.Principal;
import dev.codevector.access.User;
import dev.codevector.access.UserId;
import dev.codevector.access.UserNotFoundException;
import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.ConcurrentUpdateException;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.ModelNotFoundException;
import dev.codevector.spi.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract a {@link Store} keeps for its users, groups, grants and API keys: {@link
 * dev.codevector.spi.AccessStore}. A Store implementation proves itself by extending this class and
 * returning a new, empty store from {@link #newStore()}; each test gets its own store and closes it
 * afterwards.
 */
public abstract class AccessStoreContract extends StoreContract {
  /** Creates the contract; a subclass supplies the store. */
  protected AccessStoreContract() {}

  // Users

  @Test
  void userRoundTripsWithEveryField() {
    User original = user("ada");

    User stored = access().putUser(original);

    assertEquals(original.withVersion(1), stored, Rule.inserted("putUser", "a user"));
    assertEquals(
        Optional.of(stored),
        access().findUser(original.id()),
        Rule.roundTrips("findUser", "a user"));
    assertEquals(List.of(stored), access().users(), Rule.lists("users()"));
  }

  @Test
  void userWithoutEmailRoundTrips() {
    User original = new User(UserId.random(), "ci bot", Optional.empty(), T0, 0);

    access().putUser(original);

    assertEquals(
        Optional.of(original.withVersion(1)),
        access().findUser(original.id()),
        "findUser must return a user without an email address as put, its absence kept");
  }

  @Test
  void missingUserIsNotFound() {
    assertEquals(Optional.empty(), access().findUser(UserId.random()), Rule.missing("findUser"));
  }

  @Test
  void duplicateUserEmailIsRefusedAndNothingIsWritten() {
    access().putUser(user("ada"));

    AlreadyExistsException e =
        assertThrows(
            AlreadyExistsException.class,
            () -> access().putUser(user("ada")),
            Rule.duplicate("putUser", "email address"));

    assertEquals(
        "user email 'ada@example.com' already exists",
        e.getMessage(),
        "putUser must refuse a taken email address with what 'user email' and the address as"
            + " value");
    assertEquals(1, access().users().size(), Rule.writesNothing("putUser"));
  }

  @Test
  void usersWithoutEmailMayBeMany() {
    access().putUser(new User(UserId.random(), "one", Optional.empty(), T0, 0));
    access().putUser(new User(UserId.random(), "two", Optional.empty(), T0, 0));

    assertEquals(
        2,
        access().users().size(),
        "putUser must keep an email address unique only when present: users without one do not"
            + " clash");
  }

  @Test
  void userUpdatesAreCompareAndSet() {
    User stored = access().putUser(user("ada"));
    User updated = access().putUser(stored);

    assertThrows(
        ConcurrentUpdateException.class, () -> access().putUser(stored), Rule.stale("putUser"));
    assertThrows(
        AlreadyExistsException.class,
        () -> access().putUser(stored.withVersion(0)),
        Rule.duplicate("putUser", "id, at version 0 (new),"));

    assertEquals(2, updated.version(), Rule.updated("putUser", "a user"));
    assertEquals(
        Optional.of(updated), access().findUser(stored.id()), Rule.writesNothing("putUser"));
  }

  @Test
  void deletingUserCascadesToKeysMembershipsAndGrants() {
    User doomed = access().putUser(user("doomed"));
    User kept = access().putUser(user("kept"));
    Group group = access().putGroup(group("team", doomed.id(), kept.id()));
    Model model = registry().putModel(model("chat"));
    Grant direct = access().putGrant(Grant.create(model.id(), Principal.ofUser(doomed.id()), T0));
    Grant viaGroup = access().putGrant(Grant.create(model.id(), Principal.ofGroup(group.id()), T0));
    ApiKey doomedKey = access().putApiKey(apiKey(doomed.id()));
    ApiKey keptKey = access().putApiKey(apiKey(kept.id()));

    assertTrue(access().deleteUser(doomed.id()), Rule.deletes("deleteUser"));

    assertFalse(access().deleteUser(doomed.id()), Rule.deletes("deleteUser"));
    assertEquals(
        Optional.empty(),
        access().findApiKey(doomedKey.id()),
        "deleteUser must delete the user's API keys");
    assertEquals(
        Optional.empty(),
        access().findApiKeyByHash(doomedKey.hash()),
        "findApiKeyByHash must not find a key deleted with its user");
    assertEquals(
        List.of(keptKey), access().apiKeys(), "deleteUser must keep the API keys of other users");
    Group after = access().findGroup(group.id()).orElseThrow();
    assertEquals(
        Set.of(kept.id()), after.members(), "deleteUser must delete the user's memberships");
    assertEquals(
        group.version() + 1,
        after.version(),
        "deleteUser must move each group that loses a member to its next version");
    assertEquals(
        Optional.empty(),
        access().findGrant(direct.id()),
        "deleteUser must delete the grants naming the user");
    assertEquals(
        List.of(viaGroup),
        access().grantsOf(model.id()),
        "deleteUser must keep the grants to the user's groups");
    assertEquals(List.of(kept), access().users(), "deleteUser must delete the user, and no other");
  }

  // Groups

  @Test
  void groupRoundTripsWithItsMembers() {
    User ada = access().putUser(user("ada"));
    User bob = access().putUser(user("bob"));
    Group original = group("team", ada.id(), bob.id());

    Group stored = access().putGroup(original);

    assertEquals(original.withVersion(1), stored, Rule.inserted("putGroup", "a group"));
    assertEquals(
        Optional.of(stored),
        access().findGroup(original.id()),
        "findGroup must return a group with its members as put");
    assertEquals(List.of(stored), access().groups(), Rule.lists("groups()"));
  }

  @Test
  void groupWithoutMembersRoundTrips() {
    Group original = group("empty");

    access().putGroup(original);

    assertEquals(
        Optional.of(original.withVersion(1)),
        access().findGroup(original.id()),
        "findGroup must return a group without members as put");
    assertEquals(Optional.empty(), access().findGroup(GroupId.random()), Rule.missing("findGroup"));
  }

  @Test
  void duplicateGroupNameIsRefusedAndNothingIsWritten() {
    access().putGroup(group("team"));

    AlreadyExistsException e =
        assertThrows(
            AlreadyExistsException.class,
            () -> access().putGroup(group("team")),
            Rule.duplicate("putGroup", "name"));

    assertEquals(
        "group name 'team' already exists",
        e.getMessage(),
        "putGroup must refuse a taken name with what 'group name' and the name as value");
    assertEquals(1, access().groups().size(), Rule.writesNothing("putGroup"));
  }

  @Test
  void groupMemberMustExist() {
    User ada = access().putUser(user("ada"));
    UserId missing = UserId.random();
    Group original = group("team", ada.id(), missing);

    UserNotFoundException e =
        assertThrows(
            UserNotFoundException.class,
            () -> access().putGroup(original),
            Rule.reference("putGroup", "a member"));

    assertEquals(
        missing, e.userId(), "putGroup must name the missing member in UserNotFoundException");
    assertEquals(
        Optional.empty(), access().findGroup(original.id()), Rule.writesNothing("putGroup"));
  }

  @Test
  void puttingGroupReplacesItsMembers() {
    User ada = access().putUser(user("ada"));
    User bob = access().putUser(user("bob"));
    User eve = access().putUser(user("eve"));
    Group stored = access().putGroup(group("team", ada.id(), bob.id()));

    Group updated = access().putGroup(stored.withoutMember(ada.id()).withMember(eve.id()));

    assertEquals(
        Set.of(bob.id(), eve.id()),
        updated.members(),
        "putGroup must store a group with its members, removing those absent from it");
    assertEquals(
        Optional.of(updated),
        access().findGroup(stored.id()),
        "findGroup must return the group with its members as last put");
  }

  @Test
  void groupUpdatesAreCompareAndSet() {
    User ada = access().putUser(user("ada"));
    Group stored = access().putGroup(group("team"));
    access().putGroup(stored.withMember(ada.id()));

    assertThrows(
        ConcurrentUpdateException.class, () -> access().putGroup(stored), Rule.stale("putGroup"));

    assertEquals(
        Set.of(ada.id()),
        access().findGroup(stored.id()).orElseThrow().members(),
        Rule.writesNothing("putGroup"));
  }

  @Test
  void groupsOfListsTheGroupsAUserIsIn() {
    User ada = access().putUser(user("ada"));
    User bob = access().putUser(user("bob"));
    Group both = access().putGroup(group("both", ada.id(), bob.id()));
    Group bobs = access().putGroup(group("bobs", bob.id()));
    access().putGroup(group("nobody"));

    String groupsOf =
        "groupsOf must return the groups a user is a member of, with all their members";
    assertEquals(List.of(both), access().groupsOf(ada.id()), groupsOf);
    assertEquals(Set.of(both, bobs), Set.copyOf(access().groupsOf(bob.id())), groupsOf);
    assertEquals(
        List.of(),
        access().groupsOf(UserId.random()),
        "groupsOf must return an empty list for a user that does not exist");
  }

  @Test
  void deletingGroupCascadesToGrantsAndKeepsTheMembers() {
    User ada = access().putUser(user("ada"));
    Group doomed = access().putGroup(group("doomed", ada.id()));
    Model model = registry().putModel(model("chat"));
    Grant grant = access().putGrant(Grant.create(model.id(), Principal.ofGroup(doomed.id()), T0));

    assertTrue(access().deleteGroup(doomed.id()), Rule.deletes("deleteGroup"));

    assertFalse(access().deleteGroup(doomed.id()), Rule.deletes("deleteGroup"));
    assertEquals(
        Optional.empty(),
        access().findGrant(grant.id()),
        "deleteGroup must delete the grants naming the group");
    assertEquals(
        List.of(), access().groupsOf(ada.id()), "deleteGroup must delete the group's memberships");
    assertEquals(
        Optional.of(ada), access().findUser(ada.id()), "deleteGroup must keep the group's members");
    access().putGroup(group("doomed", ada.id()));
  }

  // Grants

  @Test
  void grantsRoundTripForUsersAndGroups() {
    User ada = access().putUser(user("ada"));
    Group team = access().putGroup(group("team"));
    Model model = registry().putModel(model("chat"));
    Grant toUser = Grant.create(model.id(), Principal.ofUser(ada.id()), T0);
    Grant toGroup = Grant.create(model.id(), Principal.ofGroup(team.id()), T0.plusSeconds(1));

    assertEquals(
        toUser,
        access().putGrant(toUser),
        "putGrant must return the grant as stored: grants have no version");
    access().putGrant(toGroup);

    assertEquals(
        Optional.of(toUser),
        access().findGrant(toUser.id()),
        Rule.roundTrips("findGrant", "a grant to a user"));
    assertEquals(
        Optional.of(toGroup),
        access().findGrant(toGroup.id()),
        Rule.roundTrips("findGrant", "a grant to a group"));
    assertEquals(Set.of(toUser, toGroup), Set.copyOf(access().grants()), Rule.lists("grants()"));
    assertEquals(Optional.empty(), access().findGrant(GrantId.random()), Rule.missing("findGrant"));
  }

  @Test
  void duplicateGrantIsRefusedAndNothingIsWritten() {
    User ada = access().putUser(user("ada"));
    Model model = registry().putModel(model("chat"));
    access().putGrant(Grant.create(model.id(), Principal.ofUser(ada.id()), T0));
    Grant again = Grant.create(model.id(), Principal.ofUser(ada.id()), T0);

    AlreadyExistsException e =
        assertThrows(
            AlreadyExistsException.class,
            () -> access().putGrant(again),
            Rule.duplicate("putGrant", "Model with its principal"));

    assertEquals(
        "grant of model '" + model.id() + "' to user '" + ada.id() + "' already exists",
        e.getMessage(),
        "putGrant must refuse a second grant of a Model to a principal as Grant.duplicate()"
            + " says");
    assertEquals(1, access().grants().size(), Rule.writesNothing("putGrant"));
  }

  @Test
  void insertingTheSameGrantTwiceIsRefused() {
    Group team = access().putGroup(group("team"));
    Model model = registry().putModel(model("chat"));
    Grant grant = access().putGrant(Grant.create(model.id(), Principal.ofGroup(team.id()), T0));

    assertThrows(
        AlreadyExistsException.class,
        () -> access().putGrant(grant),
        "putGrant must refuse a grant whose id is stored: grants are never updated");
  }

  @Test
  void grantNeedsAnExistingModelAndPrincipal() {
    User ada = access().putUser(user("ada"));
    Group team = access().putGroup(group("team"));
    Model model = registry().putModel(model("chat"));

    assertThrows(
        ModelNotFoundException.class,
        () -> access().putGrant(Grant.create(ModelId.random(), Principal.ofUser(ada.id()), T0)),
        Rule.reference("putGrant", "its Model, kept by the RegistryStore,"));
    assertThrows(
        UserNotFoundException.class,
        () -> access().putGrant(Grant.create(model.id(), Principal.ofUser(UserId.random()), T0)),
        Rule.reference("putGrant", "its user"));
    assertThrows(
        GroupNotFoundException.class,
        () -> access().putGrant(Grant.create(model.id(), Principal.ofGroup(GroupId.random()), T0)),
        Rule.reference("putGrant", "its group"));

    assertEquals(List.of(), access().grants(), Rule.writesNothing("putGrant"));
    assertEquals(
        Optional.of(team),
        access().findGroup(team.id()),
        "putGrant that is refused must leave its group unchanged");
  }

  @Test
  void grantsOfListsTheGrantsOfOneModel() {
    User ada = access().putUser(user("ada"));
    Model chat = registry().putModel(model("chat"));
    Model other = registry().putModel(model("other"));
    Grant grant = access().putGrant(Grant.create(chat.id(), Principal.ofUser(ada.id()), T0));
    access().putGrant(Grant.create(other.id(), Principal.ofUser(ada.id()), T0));

    assertEquals(
        List.of(grant),
        access().grantsOf(chat.id()),
        "grantsOf must return the grants of one Model, and no other's");
    assertEquals(
        List.of(),
        access().grantsOf(ModelId.random()),
        "grantsOf must return an empty list for a Model that does not exist");
  }

  @Test
  void deletingGrantRemovesOnlyIt() {
    User ada = access().putUser(user("ada"));
    Model chat = registry().putModel(model("chat"));
    Model other = registry().putModel(model("other"));
    Grant doomed = access().putGrant(Grant.create(chat.id(), Principal.ofUser(ada.id()), T0));
    Grant kept = access().putGrant(Grant.create(other.id(), Principal.ofUser(ada.id()), T0));

    assertTrue(access().deleteGrant(doomed.id()), Rule.deletes("deleteGrant"));

    assertFalse(access().deleteGrant(doomed.id()), Rule.deletes("deleteGrant"));
    assertEquals(
        List.of(kept), access().grants(), "deleteGrant must delete its grant, and no other");
  }

  // API keys

  @Test
  void apiKeyRoundTripsWithItsHashByteForByte() {
    User ada = access().putUser(user("ada"));
    ApiKey original = apiKey(ada.id());

    ApiKey stored = access().putApiKey(original);

    assertEquals(original.withVersion(1), stored, Rule.inserted("putApiKey", "an API key"));
    ApiKey found = access().findApiKey(original.id()).orElseThrow();
    assertEquals(original.withVersion(1), found, Rule.roundTrips("findApiKey", "an API key"));
    assertArrayEquals(
        original.hash(), found.hash(), "findApiKey must return the key's hash byte for byte");
    assertEquals(List.of(found), access().apiKeys(), Rule.lists("apiKeys()"));
  }

  @Test
  void apiKeyWithoutOptionalFieldsRoundTrips() {
    User ada = access().putUser(user("ada"));
    ApiKey full = apiKey(ada.id());
    ApiKey original =
        new ApiKey(
            full.id(),
            ada.id(),
            Optional.empty(),
            full.prefix(),
            full.hash(),
            T0,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            0);

    access().putApiKey(original);

    assertEquals(
        Optional.of(original.withVersion(1)),
        access().findApiKey(original.id()),
        "findApiKey must return a key without its optional fields as put, their absence kept");
  }

  @Test
  void apiKeyIsFoundByItsHashOnly() {
    User ada = access().putUser(user("ada"));
    ApiKey stored = access().putApiKey(apiKey(ada.id()));
    byte[] other = stored.hash();
    other[31] ^= 1;

    assertEquals(
        Optional.of(stored),
        access().findApiKeyByHash(stored.hash()),
        "findApiKeyByHash must find a key by its whole hash");
    assertEquals(
        Optional.empty(),
        access().findApiKeyByHash(other),
        "findApiKeyByHash must not find a key by a hash that differs in one bit");
    assertEquals(
        Optional.empty(), access().findApiKey(ApiKeyId.random()), Rule.missing("findApiKey"));
  }

  @Test
  void duplicateApiKeyHashIsRefusedAndNothingIsWritten() {
    User ada = access().putUser(user("ada"));
    ApiKey stored = access().putApiKey(apiKey(ada.id()));
    ApiKey sameHash =
        new ApiKey(
            ApiKeyId.random(),
            ada.id(),
            Optional.empty(),
            "cv-other",
            stored.hash(),
            T0,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            0);

    AlreadyExistsException e =
        assertThrows(
            AlreadyExistsException.class,
            () -> access().putApiKey(sameHash),
            Rule.duplicate("putApiKey", "hash"));

    assertEquals(
        "api key hash 'cv-other' already exists",
        e.getMessage(),
        "putApiKey must refuse a taken hash with what 'api key hash' and the key's prefix as"
            + " value");
    assertEquals(List.of(stored), access().apiKeys(), Rule.writesNothing("putApiKey"));
  }

  @Test
  void apiKeyNeedsAnExistingUser() {
    ApiKey orphan = apiKey(UserId.random());

    assertThrows(
        UserNotFoundException.class,
        () -> access().putApiKey(orphan),
        Rule.reference("putApiKey", "its user"));

    assertEquals(
        Optional.empty(), access().findApiKey(orphan.id()), Rule.writesNothing("putApiKey"));
  }

  @Test
  void apiKeyUpdatesAreCompareAndSet() {
    User ada = access().putUser(user("ada"));
    ApiKey stored = access().putApiKey(apiKey(ada.id()));
    ApiKey revoked = access().putApiKey(stored.withRevokedAt(T0.plusSeconds(5)));

    assertThrows(
        ConcurrentUpdateException.class,
        () -> access().putApiKey(stored.withLastUsedAt(T0.plusSeconds(6))),
        Rule.stale("putApiKey"));

    assertEquals(
        Optional.of(revoked),
        access().findApiKeyByHash(stored.hash()),
        Rule.writesNothing("putApiKey"));
    assertEquals(
        Optional.of(T0.plusSeconds(5)), revoked.revokedAt(), Rule.updated("putApiKey", "a key"));
  }

  @Test
  void apiKeysOfListsTheKeysOfOneUser() {
    User ada = access().putUser(user("ada"));
    User bob = access().putUser(user("bob"));
    ApiKey first = access().putApiKey(apiKey(ada.id()));
    ApiKey second = access().putApiKey(apiKey(ada.id()));
    access().putApiKey(apiKey(bob.id()));

    assertEquals(
        Set.of(first, second),
        Set.copyOf(access().apiKeysOf(ada.id())),
        "apiKeysOf must return the keys of one user, and no other's");
    assertEquals(
        List.of(),
        access().apiKeysOf(UserId.random()),
        "apiKeysOf must return an empty list for a user that does not exist");
  }

  @Test
  void deletedApiKeyIsNotFoundByItsHash() {
    User ada = access().putUser(user("ada"));
    ApiKey stored = access().putApiKey(apiKey(ada.id()));

    assertTrue(access().deleteApiKey(stored.id()), Rule.deletes("deleteApiKey"));

    assertFalse(access().deleteApiKey(stored.id()), Rule.deletes("deleteApiKey"));
    assertEquals(
        Optional.empty(),
        access().findApiKeyByHash(stored.hash()),
        "findApiKeyByHash must not find a deleted key");
    assertEquals(
        Optional.of(ada), access().findUser(ada.id()), "deleteApiKey must keep the key's user");
  }

  // Concurrency

  @Test
  void racingUserUpdatesLoseNoUpdate() {
    User stored = access().putUser(user("raced"));

    Race.compareAndSet(
        "putUser",
        () -> access().findUser(stored.id()).orElseThrow(),
        u -> access().putUser(u),
        User::version);
  }

  @Test
  void racingInsertsOfOneEmailStoreOneUser() {
    Race.uniqueInserts(
        "putUser",
        "a user's email address",
        round -> {},
        (round, key, writer) -> access().putUser(user("user-" + round + "-" + key)),
        (round, key) ->
            access().users().stream().anyMatch(u -> u.name().equals("user-" + round + "-" + key)));
  }

  @Test
  void racingGrantsOfOneModelToOnePrincipalStoreOneGrant() {
    List<Model> models = new ArrayList<>();
    List<User> users = new ArrayList<>();
    for (int key = 0; key < Race.WRITES; key++) {
      users.add(access().putUser(user("grantee-" + key)));
    }

    Race.uniqueInserts(
        "putGrant",
        "a grant's Model with its principal",
        round -> models.add(registry().putModel(model("granted-" + round))),
        (round, key, writer) ->
            access()
                .putGrant(
                    Grant.create(
                        models.get(round).id(), Principal.ofUser(users.get(key).id()), T0)),
        (round, key) ->
            access().grantsOf(models.get(round).id()).stream()
                .anyMatch(g -> g.names(users.get(key).id())));
  }

  @Test
  void racingInsertsOfOneApiKeyHashStoreOneKey() {
    User ada = access().putUser(user("ada"));
    ApiKey template = apiKey(ada.id());

    Race.uniqueInserts(
        "putApiKey",
        "an API key's hash",
        round -> {},
        (round, key, writer) ->
            access()
                .putApiKey(
                    new ApiKey(
                        ApiKeyId.random(),
                        ada.id(),
                        Optional.empty(),
                        template.prefix(),
                        racedKeyHash(round, key),
                        T0,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        0)),
        (round, key) -> access().findApiKeyByHash(racedKeyHash(round, key)).isPresent());
  }

  private static byte[] racedKeyHash(int round, int key) {
    return StoreFixtures.hashOf("key-" + round + "-" + key);
  }
}
