package dev.codevector.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.codevector.jdbc.internal.ConnectionPools;
import dev.codevector.jdbc.internal.Database;
import dev.codevector.jdbc.internal.Migrations;
import dev.codevector.jdbc.internal.PostgresChangeFeed;
import dev.codevector.jdbc.internal.SchemaMigrator;
import dev.codevector.spi.AbstractStore;
import dev.codevector.spi.ChangeFeed;
import dev.codevector.spi.Store;
import dev.codevector.spi.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link Store} in an SQL database, H2 or PostgreSQL, through Jdbi. It keeps the whole {@link
 * Store} contract: every put and delete is one transaction; uniqueness and references are database
 * constraints, and their violations come back as the same typed errors, with the same messages, as
 * from the {@link dev.codevector.store.InMemoryStore}. Credential ciphertexts and wrapped keys are
 * stored as bytes; the database never holds a plaintext credential, nor an API key: only its
 * SHA-256 hash. Usage records are written in batches of one transaction each, skipping request ids
 * already stored, and summed in SQL. A reservation on limits locks their counters' rows, so that it
 * is exact across every process sharing the database. Audit entries are read newest first with
 * their filters in SQL.
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
 * <p>On PostgreSQL the store offers a {@link #changes() feed of changes}: with each committed write
 * to the registry, access control or limits, by this process or any other sharing the schema, a
 * trigger sends a notification ({@code NOTIFY}), delivered after the commit; the feed listens on a
 * connection of its own from the first subscription on, and holds it for as long as the store is
 * open. On H2, whose database belongs to one process, there is no feed.
 *
 * <p>This class is thread-safe. Whoever creates a store closes it; closing stops the feed and
 * releases the connection pool the store opened itself, and never a {@link DataSource} it was
 * given.
 */
public final class JdbcStore extends AbstractStore {
  private final Database database;
  private final Optional<PostgresChangeFeed> changes;
  private final AutoCloseable ownedPool;

  private JdbcStore(
      Database database, Optional<PostgresChangeFeed> changes, AutoCloseable ownedPool) {
    super(
        new JdbcRegistryStore(database),
        new JdbcAccessStore(database),
        new JdbcUsageStore(database),
        new JdbcLimitStore(database),
        new JdbcSettingStore(database),
        new JdbcSessionStore(database),
        new JdbcAuditStore(database));
    this.database = database;
    this.changes = changes;
    this.ownedPool = ownedPool;
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
   * store is, and only one process can open it at a time. Every commit is written to the file
   * before it returns, so a write the store has finished survives the process ending at any moment
   * after it, by {@code SIGKILL} or an {@link OutOfMemoryError} included (the file is not forced to
   * the device at each commit: a crash of the operating system or the machine can still lose the
   * last ones).
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
    // WRITE_DELAY=0: H2 otherwise leaves a commit in memory for up to 500 ms, for a background
    // thread to write with later ones, so a process that dies loses commits already acknowledged,
    // and all of them from the moment that thread dies (as an OutOfMemoryError can make it).
    // With 0 each commit writes its changes to the file before returning, and no such thread runs.
    // DB_CLOSE_ON_EXIT=FALSE: the store's owner closes the database, after its last use, instead
    // of H2's shutdown hook closing it under requests still running. CACHE_SIZE (in KB) is small
    // since the rows written most, usage records, are seldom read back and the registry is small:
    // a large page cache keeps the pages of every batch written a while, long enough for the
    // garbage collector to copy them and move them to the old generation, lengthening its pauses
    // and growing the heap.
    return create(
        "jdbc:h2:file:"
            + directory.resolve("codevector")
            + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=1024",
        null,
        null);
  }

  private static JdbcStore open(DataSource dataSource, AutoCloseable ownedPool) {
    Database database = Database.open(dataSource);
    new SchemaMigrator(database, Migrations.of(database.dialect())).migrate();
    Optional<PostgresChangeFeed> changes =
        database.dialect() == SqlDialect.POSTGRESQL
            ? Optional.of(new PostgresChangeFeed(dataSource))
            : Optional.empty();
    return new JdbcStore(database, changes, ownedPool);
  }

  /**
   * Returns the feed of changes on PostgreSQL, telling of every committed write to the registry,
   * access control or limits of this store's schema, by any process, typically within tens of
   * milliseconds of its commit; none on H2. The feed takes a connection of the store's for as long
   * as the store is open, from its first subscription on.
   *
   * @return the feed on PostgreSQL, else empty
   */
  @Override
  public Optional<ChangeFeed> changes() {
    return changes.map(ChangeFeed.class::cast);
  }

  /**
   * Returns the dialect of the database this store keeps its data in.
   *
   * @return H2 or PostgreSQL
   */
  public SqlDialect dialect() {
    return database.dialect();
  }

  /**
   * Tells whether the database answers now: a connection is taken from the pool (waiting for the
   * pool's connection timeout at most) and checked with the driver's validity check. Never throws
   * for an unreachable database.
   *
   * @param timeout how long the validity check may take; rounded up to whole seconds
   * @return true if the database answered the check
   */
  public boolean isReachable(Duration timeout) {
    long seconds = (Objects.requireNonNull(timeout, "timeout").toMillis() + 999) / 1000;
    return database.isReachable((int) Math.max(1, Math.min(seconds, Integer.MAX_VALUE)));
  }

  /**
   * Stops the feed of changes, waiting for its thread to end, then closes the connection pool this
   * store opened itself, if any; a {@link DataSource} passed to {@link #create(DataSource)} stays
   * open. Calling it again does nothing.
   *
   * @throws StoreException if the pool fails to close
   */
  @Override
  public void close() {
    changes.ifPresent(PostgresChangeFeed::close);
    try {
      ownedPool.close();
    } catch (Exception e) {
      throw new StoreException("cannot close the connection pool", e);
    }
  }
}
