package dev.codevector.jdbc.internal;

import dev.codevector.access.ApiKeyId;
import dev.codevector.access.ApiKeyNotFoundException;
import dev.codevector.access.GroupId;
import dev.codevector.access.GroupNotFoundException;
import dev.codevector.access.UserId;
import dev.codevector.access.UserNotFoundException;
import dev.codevector.limits.Budget;
import dev.codevector.limits.BudgetPeriod;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitId;
import dev.codevector.limits.LimitScope;
import dev.codevector.limits.LimitSpec;
import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.ModelNotFoundException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * Limits in the {@code limits} table: the scope as its kind and the one id column of that kind,
 * each a foreign key that deletes the limit with what it names, and the budget as an exact decimal
 * and its period. Thread-safe.
 */
public final class LimitTable {
  private static final String SELECT =
      "SELECT id, scope_kind, key_id, user_id, group_id, model_id, requests_per_minute,"
          + " tokens_per_minute, budget_amount, budget_period, version, created_at, updated_at"
          + " FROM limits";
  private static final VersionedRow ROW =
      new VersionedRow(
          "limit",
          "INSERT INTO limits (id, scope_kind, key_id, user_id, group_id, model_id,"
              + " requests_per_minute, tokens_per_minute, budget_amount, budget_period, version,"
              + " created_at, updated_at) VALUES (:id, :scopeKind, :keyId, :userId, :groupId,"
              + " :modelId, :requestsPerMinute, :tokensPerMinute, :budgetAmount, :budgetPeriod,"
              + " :version, :createdAt, :updatedAt)",
          "UPDATE limits SET scope_kind = :scopeKind, key_id = :keyId, user_id = :userId,"
              + " group_id = :groupId, model_id = :modelId,"
              + " requests_per_minute = :requestsPerMinute, tokens_per_minute = :tokensPerMinute,"
              + " budget_amount = :budgetAmount, budget_period = :budgetPeriod,"
              + " version = :version, created_at = :createdAt, updated_at = :updatedAt"
              + " WHERE id = :id AND version = :expected");

  private final Database database;

  /**
   * Creates access to the table.
   *
   * @param database the database
   */
  public LimitTable(Database database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /**
   * Returns the limit with the given id.
   *
   * @param id the id
   * @return the limit, or empty
   */
  public Optional<Limit> find(LimitId id) {
    return database
        .withHandle(
            "read limit '" + id + "'",
            h -> read(h.createQuery(SELECT + " WHERE id = :id").bind("id", id.value())))
        .stream()
        .findFirst();
  }

  /**
   * Returns every limit.
   *
   * @return the limits, unmodifiable
   */
  public List<Limit> all() {
    return database.withHandle("read limits", h -> read(h.createQuery(SELECT)));
  }

  /**
   * Inserts a limit at version 0, or updates it compare-and-set on its version.
   *
   * @param limit the limit
   * @return the limit as stored
   */
  public Limit put(Limit limit) {
    Limit stored =
        new Limit(
            limit.id(), limit.spec(), limit.version() + 1, limit.createdAt(), limit.updatedAt());
    String id = limit.id().value();
    LimitScope scope = limit.scope();
    return database.inTransaction(
        "store limit '" + id + "'",
        h -> {
          ROW.write(
              h,
              id,
              limit.version(),
              update -> bind(update, stored),
              Map.of(
                  Constraint.PK_LIMITS,
                  () -> new AlreadyExistsException("limit id", id),
                  Constraint.FK_LIMITS_KEY,
                  () -> new ApiKeyNotFoundException(((LimitScope.Key) scope).keyId()),
                  Constraint.FK_LIMITS_USER,
                  () -> new UserNotFoundException(((LimitScope.User) scope).userId()),
                  Constraint.FK_LIMITS_GROUP,
                  () -> new GroupNotFoundException(((LimitScope.Group) scope).groupId()),
                  Constraint.FK_LIMITS_MODEL,
                  () -> new ModelNotFoundException(limit.model().orElseThrow().value())));
          return stored;
        });
  }

  /**
   * Deletes a limit; its counters go with it.
   *
   * @param id the limit's id
   * @return true if it existed
   */
  public boolean delete(LimitId id) {
    return database.delete(
        "delete limit '" + id + "'", id.value(), "DELETE FROM limits WHERE id = :id");
  }

  private static Update bind(Update update, Limit limit) {
    LimitSpec spec = limit.spec();
    LimitScope scope = spec.scope();
    return update
        .bind("id", limit.id().value())
        .bind("scopeKind", kindOf(scope))
        .bind("keyId", scope instanceof LimitScope.Key key ? key.keyId().value() : null)
        .bind("userId", scope instanceof LimitScope.User user ? user.userId().value() : null)
        .bind("groupId", scope instanceof LimitScope.Group group ? group.groupId().value() : null)
        .bind("modelId", spec.model().map(ModelId::value).orElse(null))
        .bind("requestsPerMinute", Columns.nullable(spec.requestsPerMinute()))
        .bind("tokensPerMinute", Columns.nullable(spec.tokensPerMinute()))
        .bindByType(
            "budgetAmount", spec.budget().map(Budget::amount).orElse(null), BigDecimal.class)
        .bind("budgetPeriod", spec.budget().map(b -> b.period().id()).orElse(null))
        .bind("version", limit.version())
        .bind("createdAt", limit.createdAt())
        .bind("updatedAt", limit.updatedAt());
  }

  private static String kindOf(LimitScope scope) {
    if (scope instanceof LimitScope.Key) {
      return "key";
    }
    if (scope instanceof LimitScope.User) {
      return "user";
    }
    if (scope instanceof LimitScope.Group) {
      return "group";
    }
    return "all";
  }

  private static List<Limit> read(Query query) {
    return List.copyOf(query.map((rs, context) -> read(rs)).list());
  }

  private static Limit read(ResultSet rs) throws SQLException {
    String period = rs.getString("budget_period");
    Optional<Budget> budget =
        Columns.optionalDecimal(rs, "budget_amount")
            .map(
                amount ->
                    new Budget(amount, BudgetPeriod.valueOf(period.toUpperCase(Locale.ROOT))));
    LimitSpec spec =
        new LimitSpec(
            scope(rs),
            Columns.optionalString(rs, "model_id").map(ModelId::of),
            Columns.optionalLong(rs, "requests_per_minute"),
            Columns.optionalLong(rs, "tokens_per_minute"),
            budget);
    return new Limit(
        LimitId.of(rs.getString("id")),
        spec,
        rs.getLong("version"),
        Columns.instant(rs, "created_at"),
        Columns.instant(rs, "updated_at"));
  }

  private static LimitScope scope(ResultSet rs) throws SQLException {
    String kind = rs.getString("scope_kind");
    return switch (kind) {
      case "key" -> new LimitScope.Key(ApiKeyId.of(rs.getString("key_id")));
      case "user" -> new LimitScope.User(UserId.of(rs.getString("user_id")));
      case "group" -> new LimitScope.Group(GroupId.of(rs.getString("group_id")));
      case "all" -> new LimitScope.All();
      default -> throw new SQLException("unknown limit scope kind '" + kind + "'");
    };
  }
}
