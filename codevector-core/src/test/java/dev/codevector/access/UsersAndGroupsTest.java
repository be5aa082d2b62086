package dev.codevector.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.ValidationException;
import dev.codevector.testing.TestRegistry;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules for users and groups: names, email addresses, membership and cascades. */
final class UsersAndGroupsTest {
  private final TestRegistry test = new TestRegistry();
  private final Access access = test.access;

  @Test
  void createdUserIsStoredWithTrimmedNameAndLowercaseEmail() {
    User created = access.createUser("  Ada Lovelace ", Optional.of(" Ada@Example.COM "));

    assertEquals("Ada Lovelace", created.name());
    assertEquals(Optional.of("ada@example.com"), created.email());
    assertEquals(test.clock.instant(), created.createdAt());
    assertEquals(created, access.user(created.id()));
  }

  @Test
  void emailIsUniqueWhateverItsCase() {
    access.createUser("Ada", Optional.of("ada@example.com"));

    AlreadyExistsException e =
        assertThrows(
            AlreadyExistsException.class,
            () -> access.createUser("Other Ada", Optional.of("ADA@example.com")));

    assertEquals("user email", e.what());
  }

  @Test
  void blankOrLongNamesAreRefused() {
    ValidationException blank =
        assertThrows(ValidationException.class, () -> access.createUser(" ", Optional.empty()));
    String tooLong = "x".repeat(101);

    assertEquals("name", blank.field());
    assertThrows(ValidationException.class, () -> access.createUser(tooLong, Optional.empty()));
    assertThrows(ValidationException.class, () -> access.createGroup(""));
    assertThrows(ValidationException.class, () -> access.createGroup(tooLong));
    assertEquals("x".repeat(100), access.createGroup("x".repeat(100)).name());
  }

  @Test
  void malformedEmailIsRefusedNamingTheField() {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> access.createUser("Ada", Optional.of("ada.example.com")));

    assertEquals("email", e.field());
    assertEquals(Optional.of("ada.example.com"), e.value());
    assertThrows(
        ValidationException.class, () -> access.createUser("Ada", Optional.of("ada @x.com")));
  }

  @Test
  void usersAndGroupsAreListedByName() {
    User bob = access.createUser("bob", Optional.empty());
    User ada = access.createUser("Ada", Optional.empty());
    Group ops = access.createGroup("ops");
    Group dev = access.createGroup("Dev");

    assertEquals(List.of(ada, bob), access.users());
    assertEquals(List.of(dev, ops), access.groups());
  }

  @Test
  void groupNameIsUnique() {
    access.createGroup("team");

    assertThrows(AlreadyExistsException.class, () -> access.createGroup("team"));
  }

  @Test
  void addingMemberTwiceChangesNothing() {
    User ada = access.createUser("Ada", Optional.empty());
    Group team = access.createGroup("team");
    Group once = access.addMember(team.id(), ada.id());

    Group twice = access.addMember(team.id(), ada.id());

    assertEquals(once, twice);
    assertEquals(Set.of(ada.id()), access.group(team.id()).members());
  }

  @Test
  void removingANonMemberChangesNothing() {
    Group team = access.createGroup("team");

    assertEquals(team, access.removeMember(team.id(), UserId.random()));
  }

  @Test
  void membershipNeedsAnExistingUserAndGroup() {
    User ada = access.createUser("Ada", Optional.empty());
    Group team = access.createGroup("team");

    assertThrows(UserNotFoundException.class, () -> access.addMember(team.id(), UserId.random()));
    assertThrows(GroupNotFoundException.class, () -> access.addMember(GroupId.random(), ada.id()));
  }

  @Test
  void deletingUserDeletesItsKeysMembershipsAndGrants() {
    User ada = access.createUser("Ada", Optional.empty());
    Group team = access.createGroup("team");
    access.addMember(team.id(), ada.id());
    access.grant(test.chatModel("chat").id(), Principal.ofUser(ada.id()));
    IssuedKey key = access.issueKey(ada.id(), Optional.empty(), Optional.empty());

    access.deleteUser(ada.id());

    assertEquals(Optional.empty(), access.findUser(ada.id()));
    assertEquals(Set.of(), access.group(team.id()).members());
    assertEquals(List.of(), access.grants());
    assertEquals(List.of(), access.keys());
    assertEquals(Optional.empty(), access.authenticate(key.plaintext().reveal()));
    assertThrows(UserNotFoundException.class, () -> access.deleteUser(ada.id()));
  }

  @Test
  void missingUsersAndGroupsAreNotFound() {
    UserId user = UserId.random();
    GroupId group = GroupId.random();

    UserNotFoundException e = assertThrows(UserNotFoundException.class, () -> access.user(user));

    assertEquals("user '" + user + "' not found", e.getMessage());
    assertThrows(GroupNotFoundException.class, () -> access.group(group));
    assertThrows(GroupNotFoundException.class, () -> access.deleteGroup(group));
    assertEquals(Optional.empty(), access.findGroup(group));
  }
}
