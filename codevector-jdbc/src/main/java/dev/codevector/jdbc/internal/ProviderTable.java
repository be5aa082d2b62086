package dev.codevector.jdbc.internal;

import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.Status;
import dev.codevector.vault.SealedCredential;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * Providers in the {@code providers} table, with their sealed credentials in {@code
 * provider_credentials}: wrapped key and ciphertext as bytes, never a plaintext. Thread-safe.
 */
public final class ProviderTable {
  private static final String SELECT =
      "SELECT p.id, p.name, p.kind, p.config, p.status, p.version, p.created_at, p.updated_at,"
          + " c.field, c.wrapped_key, c.ciphertext, c.prefix,"
          + " c.updated_at AS credential_updated_at"
          + " FROM providers p LEFT JOIN provider_credentials c ON c.provider_id = p.id";
  private static final VersionedRow ROW =
      new VersionedRow(
          "provider",
          "INSERT INTO providers (id, name, kind, config, status, version, created_at, updated_at)"
              + " VALUES (:id, :name, :kind, :config, :status, :version, :createdAt, :updatedAt)",
          "UPDATE providers SET name = :name, kind = :kind, config = :config, status = :status,"
              + " version = :version, created_at = :createdAt, updated_at = :updatedAt"
              + " WHERE id = :id AND version = :expected");
  private static final String INSERT_CREDENTIAL =
      "INSERT INTO provider_credentials"
          + " (provider_id, field, wrapped_key, ciphertext, prefix, updated_at)"
          + " VALUES (:providerId, :field, :wrappedKey, :ciphertext, :prefix, :updatedAt)";
  // Bumps the Models about to lose Backends through the cascade, in the same transaction.
  private static final String BUMP_WIRED_MODELS =
      "UPDATE models SET version = version + 1 WHERE id IN (SELECT b.model_id FROM backends b"
          + " JOIN provider_models m ON m.id = b.provider_model_id WHERE m.provider_id = :id)";

  private final Database database;

  /**
   * Creates access to the table.
   *
   * @param database the database
   */
  public ProviderTable(Database database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /**
   * Returns the Provider with the given id.
   *
   * @param id the id
   * @return the Provider, or empty
   */
  public Optional<Provider> find(ProviderId id) {
    return database
        .withHandle(
            "read provider '" + id + "'",
            h -> read(h.createQuery(SELECT + " WHERE p.id = :id").bind("id", id.value())))
        .stream()
        .findFirst();
  }

  /**
   * Returns every Provider.
   *
   * @return the Providers, unmodifiable
   */
  public List<Provider> all() {
    return database.withHandle("read providers", h -> read(h.createQuery(SELECT)));
  }

  /**
   * Inserts a Provider at version 0, or updates it compare-and-set on its version, with its
   * credentials.
   *
   * @param provider the Provider
   * @return the Provider as stored
   */
  public Provider put(Provider provider) {
    Provider stored = provider.withVersion(provider.version() + 1);
    String id = provider.id().value();
    return database.inTransaction(
        "store provider '" + id + "'",
        h -> {
          ROW.write(
              h,
              id,
              provider.version(),
              update -> bind(update, stored),
              Map.of(
                  Constraint.PK_PROVIDERS,
                  () -> new AlreadyExistsException("provider id", id),
                  Constraint.UQ_PROVIDERS_NAME,
                  () -> new AlreadyExistsException("provider name", provider.name())));
          h.createUpdate("DELETE FROM provider_credentials WHERE provider_id = :id")
              .bind("id", id)
              .execute();
          provider.credentials().forEach((field, credential) -> insert(h, id, field, credential));
          return stored;
        });
  }

  /**
   * Deletes a Provider; the database cascades to its credentials, its Provider Models and the
   * Backends wired to them, after the Models losing a Backend are moved to their next version.
   *
   * @param id the Provider's id
   * @return true if it existed
   */
  public boolean delete(ProviderId id) {
    return database.delete(
        "delete provider '" + id + "'",
        id.value(),
        BUMP_WIRED_MODELS,
        "DELETE FROM providers WHERE id = :id");
  }

  private static Update bind(Update update, Provider provider) {
    return update
        .bind("id", provider.id().value())
        .bind("name", provider.name())
        .bind("kind", provider.kind().id())
        .bind("config", JsonColumns.write(provider.config()))
        .bind("status", provider.status().id())
        .bind("version", provider.version())
        .bind("createdAt", provider.createdAt())
        .bind("updatedAt", provider.updatedAt());
  }

  private static void insert(
      Handle h, String providerId, String field, SealedCredential credential) {
    h.createUpdate(INSERT_CREDENTIAL)
        .bind("providerId", providerId)
        .bind("field", field)
        .bind("wrappedKey", credential.wrappedKey())
        .bind("ciphertext", credential.ciphertext())
        .bind("prefix", credential.prefix())
        .bind("updatedAt", credential.updatedAt())
        .execute();
  }

  private static List<Provider> read(Query query) {
    return JoinedRows.fold(
        query,
        ProviderTable::readRow,
        ProviderTable::readCredential,
        (row, credentials) ->
            row.with(
                credentials.stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
  }

  private static Row readRow(ResultSet rs) throws SQLException {
    return new Row(
        ProviderId.of(rs.getString("id")),
        rs.getString("name"),
        ProviderKind.of(rs.getString("kind")),
        JsonColumns.readMap(rs.getString("config")),
        Status.of(rs.getString("status")),
        rs.getLong("version"),
        Columns.instant(rs, "created_at"),
        Columns.instant(rs, "updated_at"));
  }

  private static Optional<Map.Entry<String, SealedCredential>> readCredential(ResultSet rs)
      throws SQLException {
    String field = rs.getString("field");
    if (field == null) {
      return Optional.empty();
    }
    return Optional.of(
        Map.entry(
            field,
            new SealedCredential(
                rs.getBytes("wrapped_key"),
                rs.getBytes("ciphertext"),
                rs.getString("prefix"),
                Columns.instant(rs, "credential_updated_at"))));
  }

  /** A Provider's own columns; the Provider itself needs its credentials too. */
  private record Row(
      ProviderId id,
      String name,
      ProviderKind kind,
      Map<String, String> config,
      Status status,
      long version,
      Instant createdAt,
      Instant updatedAt) {

    Provider with(Map<String, SealedCredential> credentials) {
      return new Provider(
          id, name, kind, config, credentials, status, version, createdAt, updatedAt);
    }
  }
}
