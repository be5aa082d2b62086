package dev.codevector.jdbc.internal;

import dev.codevector.access.Grant;
import dev.codevector.access.GrantId;
import dev.codevector.access.GroupId;
import dev.codevector.access.GroupNotFoundException;
import dev.codevector.access.Principal;
import dev.codevector.access.UserId;
import dev.codevector.access.UserNotFoundException;
import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.ModelNotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.statement.Query;

/**
 * Grants in the {@code grants} table: a Model and either a user or a group, never both. Grants are
 * inserted and deleted, never updated. Thread-safe.
 */
public final class GrantTable {
  private static final String SELECT =
      "SELECT id, model_id, user_id, group_id, created_at FROM grants";
  private static final String INSERT =
      "INSERT INTO grants (id, model_id, user_id, group_id, created_at)"
          + " VALUES (:id, :modelId, :userId, :groupId, :createdAt)";

  private final Database database;

  /**
   * Creates access to the table.
   *
   * @param database the database
   */
  public GrantTable(Database database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /**
   * Returns the grant with the given id.
   *
   * @param id the id
   * @return the grant, or empty
   */
  public Optional<Grant> find(GrantId id) {
    return database
        .withHandle(
            "read grant '" + id + "'",
            h -> read(h.createQuery(SELECT + " WHERE id = :id").bind("id", id.value())))
        .stream()
        .findFirst();
  }

  /**
   * Returns every grant.
   *
   * @return the grants, unmodifiable
   */
  public List<Grant> all() {
    return database.withHandle("read grants", h -> read(h.createQuery(SELECT)));
  }

  /**
   * Returns the grants of a Model.
   *
   * @param modelId the Model's id
   * @return its grants, unmodifiable
   */
  public List<Grant> of(ModelId modelId) {
    return database.withHandle(
        "read the grants of model '" + modelId + "'",
        h ->
            read(
                h.createQuery(SELECT + " WHERE model_id = :modelId")
                    .bind("modelId", modelId.value())));
  }

  /**
   * Inserts a grant.
   *
   * @param grant the grant
   * @return the grant as stored
   */
  public Grant put(Grant grant) {
    String id = grant.id().value();
    Principal principal = grant.principal();
    return database.inTransaction(
        "store grant '" + id + "'",
        h -> {
          Constraint.execute(
              h.createUpdate(INSERT)
                  .bind("id", id)
                  .bind("modelId", grant.model().value())
                  .bind("userId", principal.user().map(UserId::value).orElse(null))
                  .bind("groupId", principal.group().map(GroupId::value).orElse(null))
                  .bind("createdAt", grant.createdAt()),
              Map.of(
                  Constraint.PK_GRANTS,
                  () -> new AlreadyExistsException("grant id", id),
                  Constraint.UQ_GRANTS_USER,
                  grant::duplicate,
                  Constraint.UQ_GRANTS_GROUP,
                  grant::duplicate,
                  Constraint.FK_GRANTS_MODEL,
                  () -> new ModelNotFoundException(grant.model().value()),
                  Constraint.FK_GRANTS_USER,
                  () -> new UserNotFoundException(principal.user().orElseThrow()),
                  Constraint.FK_GRANTS_GROUP,
                  () -> new GroupNotFoundException(principal.group().orElseThrow())));
          return grant;
        });
  }

  /**
   * Deletes a grant.
   *
   * @param id the grant's id
   * @return true if it existed
   */
  public boolean delete(GrantId id) {
    return database.delete(
        "delete grant '" + id + "'", id.value(), "DELETE FROM grants WHERE id = :id");
  }

  private static List<Grant> read(Query query) {
    return List.copyOf(query.map((rs, context) -> read(rs)).list());
  }

  private static Grant read(ResultSet rs) throws SQLException {
    String user = rs.getString("user_id");
    Principal principal =
        user != null
            ? Principal.ofUser(UserId.of(user))
            : Principal.ofGroup(GroupId.of(rs.getString("group_id")));
    return new Grant(
        GrantId.of(rs.getString("id")),
        ModelId.of(rs.getString("model_id")),
        principal,
        Columns.instant(rs, "created_at"));
  }
}
