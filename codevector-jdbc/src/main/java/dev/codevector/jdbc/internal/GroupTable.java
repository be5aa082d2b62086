package dev.codevector.jdbc.internal;

import dev.codevector.access.Group;
import dev.codevector.access.GroupId;
import dev.codevector.access.UserId;
import dev.codevector.access.UserNotFoundException;
import dev.codevector.registry.AlreadyExistsException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Groups in the {@code user_groups} table, with their members in {@code group_members}; a group and
 * its members are written in one transaction. Thread-safe.
 */
public final class GroupTable {
  private static final String SELECT =
      "SELECT g.id, g.name, g.created_at, g.version, m.user_id"
          + " FROM user_groups g LEFT JOIN group_members m ON m.group_id = g.id";
  private static final VersionedRow ROW =
      new VersionedRow(
          "group",
          "INSERT INTO user_groups (id, name, created_at, version)"
              + " VALUES (:id, :name, :createdAt, :version)",
          "UPDATE user_groups SET name = :name, created_at = :createdAt, version = :version"
              + " WHERE id = :id AND version = :expected");
  private static final String INSERT_MEMBER =
      "INSERT INTO group_members (group_id, user_id) VALUES (:groupId, :userId)";

  private final Database database;

  /**
   * Creates access to the tables.
   *
   * @param database the database
   */
  public GroupTable(Database database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /**
   * Returns the group with the given id, with its members.
   *
   * @param id the id
   * @return the group, or empty
   */
  public Optional<Group> find(GroupId id) {
    return database
        .withHandle(
            "read group '" + id + "'",
            h -> read(h.createQuery(SELECT + " WHERE g.id = :id").bind("id", id.value())))
        .stream()
        .findFirst();
  }

  /**
   * Returns every group, with its members.
   *
   * @return the groups, unmodifiable
   */
  public List<Group> all() {
    return database.withHandle("read groups", h -> read(h.createQuery(SELECT)));
  }

  /**
   * Returns the groups a user is a member of, with all their members.
   *
   * @param userId the user's id
   * @return the groups, unmodifiable
   */
  public List<Group> of(UserId userId) {
    return database.withHandle(
        "read the groups of user '" + userId + "'",
        h ->
            read(
                h.createQuery(
                        SELECT
                            + " WHERE g.id IN"
                            + " (SELECT group_id FROM group_members WHERE user_id = :userId)")
                    .bind("userId", userId.value())));
  }

  /**
   * Inserts a group at version 0, or updates it compare-and-set on its version, and replaces its
   * members.
   *
   * @param group the group
   * @return the group as stored
   */
  public Group put(Group group) {
    Group stored = group.withVersion(group.version() + 1);
    String id = group.id().value();
    return database.inTransaction(
        "store group '" + id + "'",
        h -> {
          ROW.write(
              h,
              id,
              group.version(),
              update ->
                  update
                      .bind("id", id)
                      .bind("name", stored.name())
                      .bind("createdAt", stored.createdAt())
                      .bind("version", stored.version()),
              Map.of(
                  Constraint.PK_USER_GROUPS,
                  () -> new AlreadyExistsException("group id", id),
                  Constraint.UQ_USER_GROUPS_NAME,
                  () -> new AlreadyExistsException("group name", group.name())));
          replaceMembers(h, id, group.members());
          return stored;
        });
  }

  /**
   * Deletes a group; the database cascades to its memberships and grants.
   *
   * @param id the group's id
   * @return true if it existed
   */
  public boolean delete(GroupId id) {
    return database.delete(
        "delete group '" + id + "'", id.value(), "DELETE FROM user_groups WHERE id = :id");
  }

  private static void replaceMembers(Handle h, String groupId, Set<UserId> members) {
    h.createUpdate("DELETE FROM group_members WHERE group_id = :groupId")
        .bind("groupId", groupId)
        .execute();
    for (UserId member : members) {
      Constraint.execute(
          h.createUpdate(INSERT_MEMBER).bind("groupId", groupId).bind("userId", member.value()),
          Map.of(Constraint.FK_GROUP_MEMBERS_USER, () -> new UserNotFoundException(member)));
    }
  }

  private static List<Group> read(Query query) {
    return JoinedRows.fold(query, GroupTable::readRow, GroupTable::readMember, Row::with);
  }

  private static Row readRow(ResultSet rs) throws SQLException {
    return new Row(
        GroupId.of(rs.getString("id")),
        rs.getString("name"),
        Columns.instant(rs, "created_at"),
        rs.getLong("version"));
  }

  private static Optional<UserId> readMember(ResultSet rs) throws SQLException {
    return Columns.optionalString(rs, "user_id").map(UserId::of);
  }

  /** A group's own columns; the group itself needs its members too. */
  private record Row(GroupId id, String name, Instant createdAt, long version) {

    Group with(List<UserId> members) {
      return new Group(id, name, Set.copyOf(members), createdAt, version);
    }
  }
}
