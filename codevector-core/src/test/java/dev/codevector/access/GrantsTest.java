package dev.codevector.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.ModelNotFoundException;
import dev.codevector.testing.TestRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who may use which Model: deny by default, grants to users and to groups. */
final class GrantsTest {
  private final TestRegistry test = new TestRegistry();
  private final Access access = test.access;
  private final Model chat = test.chatModel("chat");
  private final User ada = access.createUser("Ada", Optional.of("ada@example.com"));

  @Test
  void userWithoutGrantMayUseNothing() {
    assertFalse(access.mayUse(ada.id(), chat.id()));
    assertEquals(Set.of(), access.usableModels(ada.id()));
  }

  @Test
  void grantToUserAllowsThatUserOnly() {
    User bob = access.createUser("Bob", Optional.empty());

    access.grant(chat.id(), Principal.ofUser(ada.id()));

    assertTrue(access.mayUse(ada.id(), chat.id()));
    assertFalse(access.mayUse(bob.id(), chat.id()));
    assertFalse(access.mayUse(ada.id(), test.chatModel("other").id()));
  }

  @Test
  void grantToGroupAllowsItsMembers() {
    Group team = access.createGroup("team");
    access.addMember(team.id(), ada.id());

    access.grant(chat.id(), Principal.ofGroup(team.id()));

    assertTrue(access.mayUse(ada.id(), chat.id()));
    assertEquals(Set.of(chat.id()), access.usableModels(ada.id()));
  }

  @Test
  void removingMemberRemovesAccessThroughTheGroup() {
    Group team = access.createGroup("team");
    access.addMember(team.id(), ada.id());
    access.grant(chat.id(), Principal.ofGroup(team.id()));

    access.removeMember(team.id(), ada.id());

    assertFalse(access.mayUse(ada.id(), chat.id()));
  }

  @Test
  void revokingGrantRemovesAccess() {
    Grant grant = access.grant(chat.id(), Principal.ofUser(ada.id()));

    access.revokeGrant(grant.id());

    assertFalse(access.mayUse(ada.id(), chat.id()));
    assertThrows(GrantNotFoundException.class, () -> access.revokeGrant(grant.id()));
  }

  @Test
  void deletingGroupRemovesAccessThroughIt() {
    Group team = access.createGroup("team");
    access.addMember(team.id(), ada.id());
    access.grant(chat.id(), Principal.ofGroup(team.id()));

    access.deleteGroup(team.id());

    assertFalse(access.mayUse(ada.id(), chat.id()));
    assertEquals(List.of(), access.grants());
  }

  @Test
  void deletingModelDeletesItsGrants() {
    access.grant(chat.id(), Principal.ofUser(ada.id()));

    test.registry.deleteModel(chat.id());

    assertEquals(List.of(), access.grants());
    assertEquals(Set.of(), access.usableModels(ada.id()));
  }

  @Test
  void usableModelsJoinDirectAndGroupGrants() {
    Model other = test.chatModel("other");
    test.chatModel("ungranted");
    Group team = access.createGroup("team");
    access.addMember(team.id(), ada.id());

    access.grant(chat.id(), Principal.ofUser(ada.id()));
    access.grant(other.id(), Principal.ofGroup(team.id()));

    assertEquals(Set.of(chat.id(), other.id()), access.usableModels(ada.id()));
  }

  @Test
  void grantingTheSameModelToTheSamePrincipalTwiceIsRefused() {
    access.grant(chat.id(), Principal.ofUser(ada.id()));

    assertThrows(
        AlreadyExistsException.class, () -> access.grant(chat.id(), Principal.ofUser(ada.id())));
    assertEquals(1, access.grants(chat.id()).size());
  }

  @Test
  void grantOfMissingModelOrPrincipalIsRefused() {
    assertThrows(
        ModelNotFoundException.class,
        () -> access.grant(ModelId.random(), Principal.ofUser(ada.id())));
    assertThrows(
        UserNotFoundException.class,
        () -> access.grant(chat.id(), Principal.ofUser(UserId.random())));
    assertThrows(
        GroupNotFoundException.class,
        () -> access.grant(chat.id(), Principal.ofGroup(GroupId.random())));
    assertThrows(ModelNotFoundException.class, () -> access.grants(ModelId.random()));
  }

  @Test
  void grantsAreListedOldestFirst() {
    Grant first = access.grant(chat.id(), Principal.ofUser(ada.id()));
    test.clock.advance(Duration.ofSeconds(1));
    Group team = access.createGroup("team");
    Grant second = access.grant(chat.id(), Principal.ofGroup(team.id()));

    assertEquals(List.of(first, second), access.grants());
    assertEquals(List.of(first, second), access.grants(chat.id()));
  }

  @Test
  void principalIsEitherAUserOrAGroup() {
    Optional<UserId> user = Optional.of(ada.id());
    Optional<GroupId> group = Optional.of(GroupId.random());

    assertThrows(IllegalArgumentException.class, () -> new Principal(user, group));
    assertThrows(
        IllegalArgumentException.class, () -> new Principal(Optional.empty(), Optional.empty()));
    assertEquals("user '" + ada.id() + "'", Principal.ofUser(ada.id()).toString());
  }
}
