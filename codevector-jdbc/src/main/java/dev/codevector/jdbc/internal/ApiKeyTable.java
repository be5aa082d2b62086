package dev.codevector.jdbc.internal;

import dev.codevector.access.ApiKey;
import dev.codevector.access.ApiKeyId;
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
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * API keys in the {@code api_keys} table: each key's SHA-256 hash as bytes, unique and indexed, and
 * never the key itself. Thread-safe.
 */
public final class ApiKeyTable {
  private static final String SELECT =
      "SELECT id, user_id, name, prefix, key_hash, created_at, expires_at, revoked_at,"
          + " last_used_at, version FROM api_keys";
  private static final VersionedRow ROW =
      new VersionedRow(
          "api key",
          "INSERT INTO api_keys (id, user_id, name, prefix, key_hash, created_at, expires_at,"
              + " revoked_at, last_used_at, version) VALUES (:id, :userId, :name, :prefix, :hash,"
              + " :createdAt, :expiresAt, :revokedAt, :lastUsedAt, :version)",
          "UPDATE api_keys SET user_id = :userId, name = :name, prefix = :prefix,"
              + " key_hash = :hash, created_at = :createdAt, expires_at = :expiresAt,"
              + " revoked_at = :revokedAt, last_used_at = :lastUsedAt, version = :version"
              + " WHERE id = :id AND version = :expected");

  private final Database database;

  /**
   * Creates access to the table.
   *
   * @param database the database
   */
  public ApiKeyTable(Database database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /**
   * Returns the API key with the given id.
   *
   * @param id the id
   * @return the key, or empty
   */
  public Optional<ApiKey> find(ApiKeyId id) {
    return database
        .withHandle(
            "read api key '" + id + "'",
            h -> read(h.createQuery(SELECT + " WHERE id = :id").bind("id", id.value())))
        .stream()
        .findFirst();
  }

  /**
   * Returns the API key with the given hash, through the hash's unique index.
   *
   * @param hash the SHA-256 hash of the whole key
   * @return the key, or empty
   */
  public Optional<ApiKey> findByHash(byte[] hash) {
    return database
        .withHandle(
            "read an api key by its hash",
            h -> read(h.createQuery(SELECT + " WHERE key_hash = :hash").bind("hash", hash)))
        .stream()
        .findFirst();
  }

  /**
   * Returns every API key.
   *
   * @return the keys, unmodifiable
   */
  public List<ApiKey> all() {
    return database.withHandle("read api keys", h -> read(h.createQuery(SELECT)));
  }

  /**
   * Returns the API keys of a user.
   *
   * @param userId the user's id
   * @return the user's keys, unmodifiable
   */
  public List<ApiKey> of(UserId userId) {
    return database.withHandle(
        "read the api keys of user '" + userId + "'",
        h ->
            read(
                h.createQuery(SELECT + " WHERE user_id = :userId").bind("userId", userId.value())));
  }

  /**
   * Inserts an API key at version 0, or updates it compare-and-set on its version.
   *
   * @param key the key
   * @return the key as stored
   */
  public ApiKey put(ApiKey key) {
    ApiKey stored = key.withVersion(key.version() + 1);
    String id = key.id().value();
    return database.inTransaction(
        "store api key '" + id + "'",
        h -> {
          ROW.write(
              h,
              id,
              key.version(),
              update -> bind(update, stored),
              Map.of(
                  Constraint.PK_API_KEYS,
                  () -> new AlreadyExistsException("api key id", id),
                  Constraint.UQ_API_KEYS_HASH,
                  () -> new AlreadyExistsException("api key hash", key.prefix()),
                  Constraint.FK_API_KEYS_USER,
                  () -> new UserNotFoundException(key.userId())));
          return stored;
        });
  }

  /**
   * Deletes an API key.
   *
   * @param id the key's id
   * @return true if it existed
   */
  public boolean delete(ApiKeyId id) {
    return database.delete(
        "delete api key '" + id + "'", id.value(), "DELETE FROM api_keys WHERE id = :id");
  }

  private static Update bind(Update update, ApiKey key) {
    return update
        .bind("id", key.id().value())
        .bind("userId", key.userId().value())
        .bind("name", key.name().orElse(null))
        .bind("prefix", key.prefix())
        .bind("hash", key.hash())
        .bind("createdAt", key.createdAt())
        .bindByType("expiresAt", key.expiresAt().orElse(null), Instant.class)
        .bindByType("revokedAt", key.revokedAt().orElse(null), Instant.class)
        .bindByType("lastUsedAt", key.lastUsedAt().orElse(null), Instant.class)
        .bind("version", key.version());
  }

  private static List<ApiKey> read(Query query) {
    return List.copyOf(query.map((rs, context) -> read(rs)).list());
  }

  private static ApiKey read(ResultSet rs) throws SQLException {
    return new ApiKey(
        ApiKeyId.of(rs.getString("id")),
        UserId.of(rs.getString("user_id")),
        Columns.optionalString(rs, "name"),
        rs.getString("prefix"),
        rs.getBytes("key_hash"),
        Columns.instant(rs, "created_at"),
        Columns.optionalInstant(rs, "expires_at"),
        Columns.optionalInstant(rs, "revoked_at"),
        Columns.optionalInstant(rs, "last_used_at"),
        rs.getLong("version"));
  }
}
