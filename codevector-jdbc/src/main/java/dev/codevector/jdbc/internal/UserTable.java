package dev.codevector.jdbc.internal;

import dev.codevector.access.User;
import dev.codevector.access.UserId;
import dev.codevector.registry.AlreadyExistsException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.statement.Update;

/** Users in the {@code users} table. Thread-safe. */
public final class UserTable {
  private static final String SELECT = "SELECT id, name, email, created_at, version FROM users";
  private static final VersionedRow ROW =
      new VersionedRow(
          "user",
          "INSERT INTO users (id, name, email, created_at, version)"
              + " VALUES (:id, :name, :email, :createdAt, :version)",
          "UPDATE users SET name = :name, email = :email, created_at = :createdAt,"
              + " version = :version WHERE id = :id AND version = :expected");
  // Bumps the groups about to lose the user as a member through the cascade, in the same
  // transaction.
  private static final String BUMP_GROUPS =
      "UPDATE user_groups SET version = version + 1"
          + " WHERE id IN (SELECT group_id FROM group_members WHERE user_id = :id)";

  private final Database database;

  /**
   * Creates access to the table.
   *
   * @param database the database
   */
  public UserTable(Database database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /**
   * Returns the user with the given id.
   *
   * @param id the id
   * @return the user, or empty
   */
  public Optional<User> find(UserId id) {
    return database.withHandle(
        "read user '" + id + "'",
        h ->
            h.createQuery(SELECT + " WHERE id = :id")
                .bind("id", id.value())
                .map((rs, context) -> read(rs))
                .findOne());
  }

  /**
   * Returns every user.
   *
   * @return the users, unmodifiable
   */
  public List<User> all() {
    return database.withHandle(
        "read users", h -> List.copyOf(h.createQuery(SELECT).map((rs, c) -> read(rs)).list()));
  }

  /**
   * Inserts a user at version 0, or updates it compare-and-set on its version.
   *
   * @param user the user
   * @return the user as stored
   */
  public User put(User user) {
    User stored = user.withVersion(user.version() + 1);
    String id = user.id().value();
    return database.inTransaction(
        "store user '" + id + "'",
        h -> {
          ROW.write(
              h,
              id,
              user.version(),
              update -> bind(update, stored),
              Map.of(
                  Constraint.PK_USERS,
                  () -> new AlreadyExistsException("user id", id),
                  Constraint.UQ_USERS_EMAIL,
                  () -> new AlreadyExistsException("user email", user.email().orElseThrow())));
          return stored;
        });
  }

  /**
   * Deletes a user; the database cascades to its API keys, memberships and grants, after the groups
   * losing a member are moved to their next version.
   *
   * @param id the user's id
   * @return true if it existed
   */
  public boolean delete(UserId id) {
    return database.delete(
        "delete user '" + id + "'", id.value(), BUMP_GROUPS, "DELETE FROM users WHERE id = :id");
  }

  private static Update bind(Update update, User user) {
    return update
        .bind("id", user.id().value())
        .bind("name", user.name())
        .bind("email", user.email().orElse(null))
        .bind("createdAt", user.createdAt())
        .bind("version", user.version());
  }

  private static User read(ResultSet rs) throws SQLException {
    return new User(
        UserId.of(rs.getString("id")),
        rs.getString("name"),
        Columns.optionalString(rs, "email"),
        Columns.instant(rs, "created_at"),
        rs.getLong("version"));
  }
}
