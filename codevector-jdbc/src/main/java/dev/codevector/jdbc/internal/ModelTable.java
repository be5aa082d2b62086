package dev.codevector.jdbc.internal;

import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.Backend;
import dev.codevector.registry.BackendDefaults;
import dev.codevector.registry.BackendId;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.ModelKind;
import dev.codevector.registry.ModelStatus;
import dev.codevector.registry.ProviderModelId;
import dev.codevector.registry.ProviderModelNotFoundException;
import dev.codevector.registry.RoutingStrategy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * Models in the {@code models} table, with their Backends in {@code backends}; a Model and its
 * Backends are written in one transaction. Thread-safe.
 */
public final class ModelTable {
  private static final String SELECT =
      "SELECT m.id, m.slug, m.display_name, m.kind, m.status, m.routing, m.version,"
          + " m.created_at, m.updated_at, b.id AS backend_id, b.provider_model_id, b.priority,"
          + " b.weight, b.temperature, b.max_tokens, b.top_p, b.top_k, b.stop,"
          + " b.created_at AS backend_created_at, b.updated_at AS backend_updated_at"
          + " FROM models m LEFT JOIN backends b ON b.model_id = m.id";
  private static final VersionedRow ROW =
      new VersionedRow(
          "model",
          "INSERT INTO models"
              + " (id, slug, display_name, kind, status, routing, version, created_at, updated_at)"
              + " VALUES (:id, :slug, :displayName, :kind, :status, :routing, :version,"
              + " :createdAt, :updatedAt)",
          "UPDATE models SET slug = :slug, display_name = :displayName, kind = :kind,"
              + " status = :status, routing = :routing, version = :version,"
              + " created_at = :createdAt, updated_at = :updatedAt"
              + " WHERE id = :id AND version = :expected");
  private static final String UPDATE_BACKEND =
      "UPDATE backends SET provider_model_id = :providerModelId, priority = :priority,"
          + " weight = :weight, temperature = :temperature, max_tokens = :maxTokens, top_p = :topP, top_k = :topK,"
          + " stop = :stop, created_at = :createdAt, updated_at = :updatedAt"
          + " WHERE id = :id AND model_id = :modelId";
  private static final String INSERT_BACKEND =
      "INSERT INTO backends (id, model_id, provider_model_id, priority, weight, temperature,"
          + " max_tokens, top_p, top_k, stop, created_at, updated_at)"
          + " VALUES (:id, :modelId, :providerModelId, :priority, :weight, :temperature, :maxTokens,"
          + " :topP, :topK, :stop, :createdAt, :updatedAt)";

  private final Database database;

  /**
   * Creates access to the tables.
   *
   * @param database the database
   */
  public ModelTable(Database database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /**
   * Returns the Model with the given id, with its Backends.
   *
   * @param id the id
   * @return the Model, or empty
   */
  public Optional<Model> find(ModelId id) {
    return first("read model '" + id + "'", SELECT + " WHERE m.id = :key", id.value());
  }

  /**
   * Returns the Model with the given slug, with its Backends.
   *
   * @param slug the slug
   * @return the Model, or empty
   */
  public Optional<Model> findBySlug(String slug) {
    return first("read model '" + slug + "'", SELECT + " WHERE m.slug = :key", slug);
  }

  /**
   * Returns every Model, with its Backends.
   *
   * @return the Models, unmodifiable
   */
  public List<Model> all() {
    return database.withHandle("read models", h -> read(h.createQuery(SELECT)));
  }

  /**
   * Inserts a Model at version 0, or updates it compare-and-set on its version, and replaces its
   * Backends: those no longer present are deleted, the others updated or inserted.
   *
   * @param model the Model
   * @return the Model as stored
   */
  public Model put(Model model) {
    Model stored = model.withVersion(model.version() + 1);
    String id = model.id().value();
    return database.inTransaction(
        "store model '" + id + "'",
        h -> {
          ROW.write(
              h,
              id,
              model.version(),
              update -> bind(update, stored),
              Map.of(
                  Constraint.PK_MODELS,
                  () -> new AlreadyExistsException("model id", id),
                  Constraint.UQ_MODELS_SLUG,
                  () -> new AlreadyExistsException("model slug", model.slug())));
          replaceBackends(h, stored);
          return stored;
        });
  }

  /**
   * Deletes a Model; the database cascades to its Backends.
   *
   * @param id the Model's id
   * @return true if it existed
   */
  public boolean delete(ModelId id) {
    return database.delete(
        "delete model '" + id + "'", id.value(), "DELETE FROM models WHERE id = :id");
  }

  private Optional<Model> first(String action, String sql, String key) {
    return database.withHandle(action, h -> read(h.createQuery(sql).bind("key", key))).stream()
        .findFirst();
  }

  private static void replaceBackends(Handle h, Model model) {
    String modelId = model.id().value();
    List<String> ids = model.backends().stream().map(b -> b.id().value()).toList();
    if (ids.isEmpty()) {
      h.createUpdate("DELETE FROM backends WHERE model_id = :modelId")
          .bind("modelId", modelId)
          .execute();
      return;
    }
    refuseBackendsOfOtherModels(h, modelId, ids);
    h.createUpdate("DELETE FROM backends WHERE model_id = :modelId AND id NOT IN (<ids>)")
        .bind("modelId", modelId)
        .bindList("ids", ids)
        .execute();
    for (Backend backend : model.backends()) {
      Map<Constraint, Supplier<RuntimeException>> refusals =
          Map.of(
              Constraint.PK_BACKENDS,
              () -> new AlreadyExistsException("backend id", backend.id().value()),
              Constraint.FK_BACKENDS_PROVIDER_MODEL,
              () -> new ProviderModelNotFoundException(backend.providerModelId()));
      if (Constraint.execute(bind(h.createUpdate(UPDATE_BACKEND), modelId, backend), refusals)
          == 0) {
        Constraint.execute(bind(h.createUpdate(INSERT_BACKEND), modelId, backend), refusals);
      }
    }
  }

  // Checked before any Backend is written, so that a taken Backend id is reported ahead of a
  // missing Provider Model, as the in-memory store does; the primary key still guards races.
  private static void refuseBackendsOfOtherModels(Handle h, String modelId, List<String> ids) {
    Set<String> taken =
        h.createQuery("SELECT id FROM backends WHERE model_id <> :modelId AND id IN (<ids>)")
            .bind("modelId", modelId)
            .bindList("ids", ids)
            .mapTo(String.class)
            .set();
    for (String id : ids) {
      if (taken.contains(id)) {
        throw new AlreadyExistsException("backend id", id);
      }
    }
  }

  private static Update bind(Update update, Model model) {
    return update
        .bind("id", model.id().value())
        .bind("slug", model.slug())
        .bind("displayName", model.displayName())
        .bind("kind", model.kind().id())
        .bind("status", model.status().id())
        .bind("routing", model.routing().id())
        .bind("version", model.version())
        .bind("createdAt", model.createdAt())
        .bind("updatedAt", model.updatedAt());
  }

  private static Update bind(Update update, String modelId, Backend backend) {
    BackendDefaults defaults = backend.defaults();
    return update
        .bind("id", backend.id().value())
        .bind("modelId", modelId)
        .bind("providerModelId", backend.providerModelId().value())
        .bind("priority", backend.priority())
        .bind("weight", backend.weight())
        .bind("temperature", Columns.nullable(defaults.temperature()))
        .bind("maxTokens", Columns.nullable(defaults.maxTokens()))
        .bind("topP", Columns.nullable(defaults.topP()))
        .bind("topK", Columns.nullable(defaults.topK()))
        .bind("stop", JsonColumns.write(defaults.stop()))
        .bind("createdAt", backend.createdAt())
        .bind("updatedAt", backend.updatedAt());
  }

  private static List<Model> read(Query query) {
    return JoinedRows.fold(
        query,
        ModelTable::readRow,
        ModelTable::readBackend,
        (model, backends) -> model.withBackends(backends, model.updatedAt()));
  }

  /** Reads a Model's own columns; its Backends come from the rows joined to it. */
  private static Model readRow(ResultSet rs) throws SQLException {
    return new Model(
        ModelId.of(rs.getString("id")),
        rs.getString("slug"),
        rs.getString("display_name"),
        ModelKind.of(rs.getString("kind")),
        ModelStatus.of(rs.getString("status")),
        RoutingStrategy.of(rs.getString("routing")),
        List.of(),
        rs.getLong("version"),
        Columns.instant(rs, "created_at"),
        Columns.instant(rs, "updated_at"));
  }

  private static Optional<Backend> readBackend(ResultSet rs) throws SQLException {
    String id = rs.getString("backend_id");
    if (id == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Backend(
            BackendId.of(id),
            ProviderModelId.of(rs.getString("provider_model_id")),
            rs.getInt("priority"),
            rs.getInt("weight"),
            new BackendDefaults(
                Columns.optionalDouble(rs, "temperature"),
                Columns.optionalInt(rs, "max_tokens"),
                Columns.optionalDouble(rs, "top_p"),
                Columns.optionalInt(rs, "top_k"),
                JsonColumns.readList(rs.getString("stop"))),
            Columns.instant(rs, "backend_created_at"),
            Columns.instant(rs, "backend_updated_at")));
  }
}
