package dev.codevector.jdbc.internal;

import dev.codevector.access.ApiKeyId;
import dev.codevector.access.UserId;
import dev.codevector.jdbc.SqlDialect;
import dev.codevector.registry.Pricing;
import dev.codevector.registry.ProviderId;
import dev.codevector.spi.StoreException;
import dev.codevector.usage.Client;
import dev.codevector.usage.ClientKind;
import dev.codevector.usage.GroupBy;
import dev.codevector.usage.UsageQuery;
import dev.codevector.usage.UsageRecord;
import dev.codevector.usage.UsageTotal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Usage records in the {@code usage_records} table, one row per request id, written in batches that
 * skip the request ids already stored, and summed in SQL. Thread-safe.
 */
public final class UsageTable {
  private static final String COLUMNS =
      "request_id, recorded_at, usage_day, user_id, api_key_id, model, provider_id,"
          + " provider_model, attempts, status, input_tokens, cached_input_tokens,"
          + " cache_write_tokens, output_tokens, input_per_mtok, output_per_mtok,"
          + " cached_input_per_mtok, cache_write_per_mtok, cost, latency_nanos,"
          + " time_to_first_token_nanos, client, client_version, session_id";
  private static final String VALUES =
      String.join(", ", Collections.nCopies(COLUMNS.split(",").length, "?"));
  private static final String INSERT_POSTGRESQL =
      "INSERT INTO usage_records ("
          + COLUMNS
          + ") VALUES ("
          + VALUES
          + ")"
          + " ON CONFLICT (request_id) DO NOTHING";
  private static final String INSERT_H2 =
      "INSERT INTO usage_records (" + COLUMNS + ") VALUES (" + VALUES + ")";
  // The request id is bound twice: to the match, then with the other columns.
  private static final String MERGE_H2 =
      "MERGE INTO usage_records u USING (VALUES (CAST(? AS VARCHAR))) s (request_id)"
          + " ON u.request_id = s.request_id"
          + " WHEN NOT MATCHED THEN INSERT ("
          + COLUMNS
          + ") VALUES ("
          + VALUES
          + ")";
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String IN_RANGE = " WHERE recorded_at >= :from AND recorded_at < :to";
  private static final Comparator<UsageTotal> BY_KEY = Comparator.comparing(UsageTotal::key);

  private final Database database;

  /**
   * Creates access to the table.
   *
   * @param database the database
   */
  public UsageTable(Database database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /**
   * Inserts records in one transaction, skipping each whose request id is stored already. On H2,
   * which lacks {@code ON CONFLICT}, a plain insert is tried first, since a request id is stored
   * twice only when a batch is retried after a failure that left its outcome unknown; when it meets
   * a stored request id, the batch is merged instead.
   *
   * @param records the records
   */
  public void put(List<UsageRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    if (database.dialect() == SqlDialect.POSTGRESQL) {
      put(records, INSERT_POSTGRESQL, false);
      return;
    }
    try {
      put(records, INSERT_H2, false);
    } catch (StoreException e) {
      if (!storedAlready(e)) {
        throw e;
      }
      put(records, MERGE_H2, true);
    }
  }

  private static boolean storedAlready(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Writes the records with one batch of a plain JDBC statement, bound by position: a record is
   * written for every request, so each of its values is bound without a lookup by name.
   */
  private void put(List<UsageRecord> records, String insert, boolean matchFirst) {
    database.inTransaction(
        "store " + records.size() + " usage records",
        h -> {
          try (PreparedStatement statement = h.getConnection().prepareStatement(insert)) {
            for (UsageRecord record : records) {
              int first = 1;
              if (matchFirst) {
                statement.setString(first++, record.requestId());
              }
              bind(statement, first, record);
              statement.addBatch();
            }
            return statement.executeBatch();
          }
        });
  }

  /**
   * Returns the totals of the records in a time range, one per key, by key.
   *
   * @param query the range and the grouping
   * @return the totals, unmodifiable
   */
  public List<UsageTotal> totals(UsageQuery query) {
    String key = keyColumn(query.groupBy());
    String sql =
        "SELECT "
            + key
            + " AS usage_key, COUNT(*) AS requests, SUM(input_tokens) AS input_tokens,"
            + " SUM(cached_input_tokens) AS cached_input_tokens,"
            + " SUM(cache_write_tokens) AS cache_write_tokens,"
            + " SUM(output_tokens) AS output_tokens, SUM(cost) AS cost FROM usage_records"
            + IN_RANGE
            + " GROUP BY "
            + key;
    // Sorted here rather than in SQL, whose collation may order keys unlike Java does.
    return database.withHandle(
        "sum usage by " + query.groupBy(),
        h ->
            h
                .createQuery(sql)
                .bind("from", query.from())
                .bind("to", query.to())
                .map((rs, context) -> readTotal(rs))
                .list()
                .stream()
                .sorted(BY_KEY)
                .toList());
  }

  /**
   * Returns the earliest records in a time range, by time and then request id.
   *
   * @param from the first instant included
   * @param to the first instant excluded
   * @param limit how many at most
   * @return the records, unmodifiable
   */
  public List<UsageRecord> records(Instant from, Instant to, int limit) {
    // PostgreSQL's default collation may order request ids unlike Java; "C" compares code points.
    String byRequestId =
        database.dialect() == SqlDialect.POSTGRESQL ? "request_id COLLATE \"C\"" : "request_id";
    return database.withHandle(
        "read usage records",
        h ->
            List.copyOf(
                h.createQuery(
                        "SELECT "
                            + COLUMNS
                            + " FROM usage_records"
                            + IN_RANGE
                            + " ORDER BY recorded_at, "
                            + byRequestId
                            + " LIMIT :limit")
                    .bind("from", from)
                    .bind("to", to)
                    .bind("limit", limit)
                    .map((rs, context) -> readRecord(rs))
                    .list()));
  }

  private static String keyColumn(GroupBy groupBy) {
    return switch (groupBy) {
      case MODEL -> "model";
      case PROVIDER -> "COALESCE(provider_id, '')";
      case USER -> "COALESCE(user_id, '')";
      case DAY -> "usage_day";
      case CLIENT -> "COALESCE(client, '" + ClientKind.OTHER.key() + "')";
      case SESSION -> "COALESCE(session_id, '')";
    };
  }

  /** Binds a record's columns, in the order of {@code COLUMNS}, from parameter {@code first} on. */
  private static void bind(PreparedStatement statement, int first, UsageRecord record)
      throws SQLException {
    int i = first;
    statement.setString(i++, record.requestId());
    statement.setObject(i++, record.time().atOffset(ZoneOffset.UTC));
    statement.setString(i++, GroupBy.DAY.keyOf(record));
    statement.setString(i++, record.user().map(UserId::value).orElse(null));
    statement.setString(i++, record.key().map(ApiKeyId::value).orElse(null));
    statement.setString(i++, record.model());
    statement.setString(i++, record.provider().map(ProviderId::value).orElse(null));
    statement.setString(i++, record.providerModel().orElse(null));
    statement.setString(i++, JsonColumns.writeAttempts(record.attempts()));
    statement.setInt(i++, record.status());
    statement.setLong(i++, record.inputTokens());
    statement.setLong(i++, record.cachedInputTokens());
    statement.setLong(i++, record.cacheWriteTokens());
    statement.setLong(i++, record.outputTokens());
    Pricing pricing = record.pricing();
    statement.setBigDecimal(i++, pricing.inputPerMTok());
    statement.setBigDecimal(i++, pricing.outputPerMTok());
    statement.setBigDecimal(i++, pricing.cachedInputPerMTok().orElse(null));
    statement.setBigDecimal(i++, pricing.cacheWritePerMTok().orElse(null));
    statement.setBigDecimal(i++, record.cost());
    statement.setLong(i++, record.latency().toNanos());
    Optional<Duration> timeToFirstToken = record.timeToFirstToken();
    if (timeToFirstToken.isPresent()) {
      statement.setLong(i++, timeToFirstToken.get().toNanos());
    } else {
      statement.setNull(i++, Types.BIGINT);
    }
    statement.setString(i++, record.client().kind().key());
    statement.setString(i++, record.client().version().orElse(null));
    statement.setString(i, record.sessionId().orElse(null));
  }

  private static UsageTotal readTotal(ResultSet rs) throws SQLException {
    return new UsageTotal(
        rs.getString("usage_key"),
        rs.getLong("requests"),
        rs.getLong("input_tokens"),
        rs.getLong("cached_input_tokens"),
        rs.getLong("cache_write_tokens"),
        rs.getLong("output_tokens"),
        rs.getBigDecimal("cost"));
  }

  private static UsageRecord readRecord(ResultSet rs) throws SQLException {
    long ttft = rs.getLong("time_to_first_token_nanos");
    Optional<Duration> timeToFirstToken =
        rs.wasNull() ? Optional.empty() : Optional.of(Duration.ofNanos(ttft));
    return new UsageRecord(
        rs.getString("request_id"),
        Columns.instant(rs, "recorded_at"),
        Columns.optionalString(rs, "user_id").map(UserId::of),
        Columns.optionalString(rs, "api_key_id").map(ApiKeyId::of),
        rs.getString("model"),
        Columns.optionalString(rs, "provider_id").map(ProviderId::of),
        Columns.optionalString(rs, "provider_model"),
        JsonColumns.readAttempts(rs.getString("attempts")),
        rs.getInt("status"),
        rs.getLong("input_tokens"),
        rs.getLong("cached_input_tokens"),
        rs.getLong("cache_write_tokens"),
        rs.getLong("output_tokens"),
        Columns.pricing(rs),
        rs.getBigDecimal("cost"),
        Duration.ofNanos(rs.getLong("latency_nanos")),
        timeToFirstToken,
        readClient(rs),
        Columns.optionalString(rs, "session_id"));
  }

  /**
   * Reads the client; rows written before clients were recorded, or of a kind unknown here, are
   * "other".
   */
  private static Client readClient(ResultSet rs) throws SQLException {
    ClientKind kind =
        Columns.optionalString(rs, "client").flatMap(ClientKind::fromKey).orElse(ClientKind.OTHER);
    return new Client(kind, Columns.optionalString(rs, "client_version"));
  }
}
