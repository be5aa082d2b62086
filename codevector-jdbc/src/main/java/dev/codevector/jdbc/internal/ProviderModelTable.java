package dev.codevector.jdbc.internal;

import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.ModelKind;
import dev.codevector.registry.ModelSource;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelId;
import dev.codevector.registry.ProviderNotFoundException;
import dev.codevector.registry.Status;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.statement.Update;

/** Provider Models in the {@code provider_models} table. Thread-safe. */
public final class ProviderModelTable {
  private static final String SELECT =
      "SELECT id, provider_id, model_id, kind, status, context_window, max_output_tokens,"
          + " input_per_mtok, output_per_mtok, cached_input_per_mtok, cache_write_per_mtok,"
          + " source, version, created_at, updated_at FROM provider_models";
  private static final VersionedRow ROW =
      new VersionedRow(
          "provider model",
          "INSERT INTO provider_models (id, provider_id, model_id, kind, status, context_window,"
              + " max_output_tokens, input_per_mtok, output_per_mtok, cached_input_per_mtok,"
              + " cache_write_per_mtok, source, version, created_at, updated_at)"
              + " VALUES (:id, :providerId, :modelId, :kind, :status, :contextWindow,"
              + " :maxOutputTokens, :inputPerMTok, :outputPerMTok, :cachedInputPerMTok,"
              + " :cacheWritePerMTok, :source, :version, :createdAt, :updatedAt)",
          "UPDATE provider_models SET provider_id = :providerId, model_id = :modelId,"
              + " kind = :kind, status = :status, context_window = :contextWindow,"
              + " max_output_tokens = :maxOutputTokens, input_per_mtok = :inputPerMTok,"
              + " output_per_mtok = :outputPerMTok, cached_input_per_mtok = :cachedInputPerMTok,"
              + " cache_write_per_mtok = :cacheWritePerMTok, source = :source,"
              + " version = :version, created_at = :createdAt, updated_at = :updatedAt"
              + " WHERE id = :id AND version = :expected");
  // Bumps the Models about to lose Backends through the cascade, in the same transaction.
  private static final String BUMP_WIRED_MODELS =
      "UPDATE models SET version = version + 1"
          + " WHERE id IN (SELECT model_id FROM backends WHERE provider_model_id = :id)";

  private final Database database;

  /**
   * Creates access to the table.
   *
   * @param database the database
   */
  public ProviderModelTable(Database database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /**
   * Returns the Provider Model with the given id.
   *
   * @param id the id
   * @return the Provider Model, or empty
   */
  public Optional<ProviderModel> find(ProviderModelId id) {
    return database.withHandle(
        "read provider model '" + id + "'",
        h ->
            h.createQuery(SELECT + " WHERE id = :id")
                .bind("id", id.value())
                .map((rs, context) -> read(rs))
                .findOne());
  }

  /**
   * Returns the Provider Models of a Provider.
   *
   * @param providerId the Provider's id
   * @return its Provider Models, unmodifiable
   */
  public List<ProviderModel> of(ProviderId providerId) {
    return database.withHandle(
        "read the provider models of provider '" + providerId + "'",
        h ->
            List.copyOf(
                h.createQuery(SELECT + " WHERE provider_id = :providerId")
                    .bind("providerId", providerId.value())
                    .map((rs, context) -> read(rs))
                    .list()));
  }

  /**
   * Inserts a Provider Model at version 0, or updates it compare-and-set on its version.
   *
   * @param providerModel the Provider Model
   * @return the Provider Model as stored
   */
  public ProviderModel put(ProviderModel providerModel) {
    ProviderModel stored = providerModel.withVersion(providerModel.version() + 1);
    String id = providerModel.id().value();
    return database.inTransaction(
        "store provider model '" + id + "'",
        h -> {
          ROW.write(
              h,
              id,
              providerModel.version(),
              update -> bind(update, stored),
              Map.of(
                  Constraint.PK_PROVIDER_MODELS,
                  () -> new AlreadyExistsException("provider model id", id),
                  Constraint.UQ_PROVIDER_MODELS_MODEL_ID,
                  () -> new AlreadyExistsException("provider model", providerModel.modelId()),
                  Constraint.FK_PROVIDER_MODELS_PROVIDER,
                  () -> new ProviderNotFoundException(providerModel.providerId())));
          return stored;
        });
  }

  /**
   * Deletes a Provider Model; the database cascades to the Backends wired to it, after the Models
   * losing a Backend are moved to their next version.
   *
   * @param id the Provider Model's id
   * @return true if it existed
   */
  public boolean delete(ProviderModelId id) {
    return database.delete(
        "delete provider model '" + id + "'",
        id.value(),
        BUMP_WIRED_MODELS,
        "DELETE FROM provider_models WHERE id = :id");
  }

  private static Update bind(Update update, ProviderModel model) {
    return Columns.bindPricing(update, model.pricing())
        .bind("id", model.id().value())
        .bind("providerId", model.providerId().value())
        .bind("modelId", model.modelId())
        .bind("kind", model.kind().id())
        .bind("status", model.status().id())
        .bind("contextWindow", model.contextWindow())
        .bind("maxOutputTokens", Columns.nullable(model.maxOutputTokens()))
        .bind("source", model.source().toString())
        .bind("version", model.version())
        .bind("createdAt", model.createdAt())
        .bind("updatedAt", model.updatedAt());
  }

  private static ProviderModel read(ResultSet rs) throws SQLException {
    return new ProviderModel(
        ProviderModelId.of(rs.getString("id")),
        ProviderId.of(rs.getString("provider_id")),
        rs.getString("model_id"),
        ModelKind.of(rs.getString("kind")),
        Status.of(rs.getString("status")),
        rs.getInt("context_window"),
        Columns.optionalInt(rs, "max_output_tokens"),
        Columns.pricing(rs),
        ModelSource.parse(rs.getString("source")),
        rs.getLong("version"),
        Columns.instant(rs, "created_at"),
        Columns.instant(rs, "updated_at"));
  }
}
