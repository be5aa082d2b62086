package dev.codevector.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.codevector.jdbc.internal.ConnectionPools;
import dev.codevector.jdbc.internal.Database;
import dev.codevector.jdbc.internal.Migrations;
import dev.codevector.jdbc.internal.ModelTable;
import dev.codevector.jdbc.internal.ProviderModelTable;
import dev.codevector.jdbc.internal.ProviderTable;
import dev.codevector.jdbc.internal.SchemaMigrator;
import dev.codevector.jdbc.internal.SettingTable;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelId;
import dev.codevector.spi.Setting;
import dev.codevector.spi.Store;
import dev.codevector.spi.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link Store} in an SQL database, H2 or PostgreSQL, through Jdbi. It keeps the whole {@link
 * Store} contract: every put and delete is one transaction; uniqueness and references are database
 * constraints, and their violations come back as the same typed errors, with the same messages, as
 * from {@link Store#inMemory()}. Credential ciphertexts and wrapped keys are stored as bytes; the
 * database never holds a plaintext credential.
 *
 * <p>Every factory brings the schema up to date before it returns: it applies the migrations the
 * database has not seen yet, in place, and leaves an up-to-date database alone. Stores that start
 * at once against one PostgreSQL database take turns migrating it.
 *
 * <pre>{@code
 * try (JdbcStore store = JdbcStore.h2(Path.of("data"))) {
 *   CodeVector codeVector = CodeVector.builder().store(store).kek(kek.aead()).build();
 *   ...
 * }
 * }</pre>
 *
 * <p>This class is thread-safe. Whoever creates a store closes it; closing releases the connection
 * pool the store opened itself, and never a {@link DataSource} it was given.
 */
public final class JdbcStore implements Store {
  private final Database database;
  private final AutoCloseable ownedPool;
  private final ProviderTable providers;
  private final ProviderModelTable providerModels;
  private final ModelTable models;
  private final SettingTable settings;

  private JdbcStore(Database database, AutoCloseable ownedPool) {
    this.database = database;
    this.ownedPool = ownedPool;
    this.providers = new ProviderTable(database);
    this.providerModels = new ProviderModelTable(database);
    this.models = new ModelTable(database);
    this.settings = new SettingTable(database);
  }

  /**
   * Returns a store on the database behind a data source, after migrating its schema. The dialect
   * comes from the connection's metadata.
   *
   * @param dataSource where connections come from, ideally a pool; the caller keeps ownership and
   *     closes it after the store
   * @return the store
   * @throws StoreException if the database cannot be reached or a migration fails
   * @throws IllegalArgumentException if the database is neither H2 nor PostgreSQL
   * @throws IllegalStateException if the database's schema is newer than this CodeVector knows
   */
  public static JdbcStore create(DataSource dataSource) {
    return open(Objects.requireNonNull(dataSource, "dataSource"), () -> {});
  }

  /**
   * Returns a store on the database at a JDBC URL, such as {@code
   * jdbc:postgresql://db.internal:5432/codevector}, through a connection pool of its own, after
   * migrating its schema. Closing the store closes the pool.
   *
   * @param jdbcUrl the JDBC URL of an H2 or PostgreSQL database
   * @param user the database user, or null when the URL carries it or none is needed
   * @param password the user's password, or null when the URL carries it or none is needed
   * @return the store
   * @throws StoreException if the database cannot be reached or a migration fails
   * @throws IllegalArgumentException if the database is neither H2 nor PostgreSQL
   * @throws IllegalStateException if the database's schema is newer than this CodeVector knows
   */
  public static JdbcStore create(String jdbcUrl, String user, String password) {
    HikariDataSource pool = ConnectionPools.open(jdbcUrl, user, password);
    try {
      return open(pool, pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * Returns a store on the embedded H2 database in a data directory, the file {@code
   * codevector.mv.db}, created with its directory on first use. The database is open while the
   * store is, and only one process can open it at a time.
   *
   * @param dataDir the data directory
   * @return the store
   * @throws StoreException if the directory cannot be created, the database cannot be opened (for
   *     one, because another process has it open) or a migration fails
   */
  public static JdbcStore h2(Path dataDir) {
    Path directory = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath();
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new StoreException("cannot create the data directory " + directory, e);
    }
    // DB_CLOSE_ON_EXIT=FALSE: the store's owner closes the database, after its last use, instead
    // of H2's shutdown hook closing it under requests still running.
    return create(
        "jdbc:h2:file:" + directory.resolve("codevector") + ";DB_CLOSE_ON_EXIT=FALSE", null, null);
  }

  private static JdbcStore open(DataSource dataSource, AutoCloseable ownedPool) {
    Database database = Database.open(dataSource);
    new SchemaMigrator(database, Migrations.of(database.dialect())).migrate();
    return new JdbcStore(database, ownedPool);
  }

  /**
   * Returns the dialect of the database this store keeps its data in.
   *
   * @return H2 or PostgreSQL
   */
  public Dialect dialect() {
    return database.dialect();
  }

  @Override
  public Optional<Provider> findProvider(ProviderId id) {
    return providers.find(Objects.requireNonNull(id, "id"));
  }

  @Override
  public List<Provider> providers() {
    return providers.all();
  }

  @Override
  public Provider putProvider(Provider provider) {
    return providers.put(Objects.requireNonNull(provider, "provider"));
  }

  @Override
  public boolean deleteProvider(ProviderId id) {
    return providers.delete(Objects.requireNonNull(id, "id"));
  }

  @Override
  public Optional<ProviderModel> findProviderModel(ProviderModelId id) {
    return providerModels.find(Objects.requireNonNull(id, "id"));
  }

  @Override
  public List<ProviderModel> providerModels(ProviderId providerId) {
    return providerModels.of(Objects.requireNonNull(providerId, "providerId"));
  }

  @Override
  public ProviderModel putProviderModel(ProviderModel providerModel) {
    return providerModels.put(Objects.requireNonNull(providerModel, "providerModel"));
  }

  @Override
  public boolean deleteProviderModel(ProviderModelId id) {
    return providerModels.delete(Objects.requireNonNull(id, "id"));
  }

  @Override
  public Optional<Model> findModel(ModelId id) {
    return models.find(Objects.requireNonNull(id, "id"));
  }

  @Override
  public Optional<Model> findModelBySlug(String slug) {
    return models.findBySlug(Objects.requireNonNull(slug, "slug"));
  }

  @Override
  public List<Model> models() {
    return models.all();
  }

  @Override
  public Model putModel(Model model) {
    return models.put(Objects.requireNonNull(model, "model"));
  }

  @Override
  public boolean deleteModel(ModelId id) {
    return models.delete(Objects.requireNonNull(id, "id"));
  }

  @Override
  public Optional<Setting> findSetting(String name) {
    return settings.find(Objects.requireNonNull(name, "name"));
  }

  @Override
  public Setting putSetting(Setting setting) {
    return settings.put(Objects.requireNonNull(setting, "setting"));
  }

  /**
   * Closes the connection pool this store opened itself, if any; a {@link DataSource} passed to
   * {@link #create(DataSource)} stays open. Calling it again does nothing.
   *
   * @throws StoreException if the pool fails to close
   */
  @Override
  public void close() {
    try {
      ownedPool.close();
    } catch (Exception e) {
      throw new StoreException("cannot close the connection pool", e);
    }
  }
}
