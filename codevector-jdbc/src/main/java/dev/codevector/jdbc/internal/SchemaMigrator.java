package dev.codevector.jdbc.internal;

import dev.codevector.jdbc.SqlDialect;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Brings a database's schema up to the latest migration, in place. The version table {@code
 * codevector_schema_version} records each migration applied; each pending one runs in its own
 * transaction with its record, so applying the migrations again changes nothing.
 *
 * <p>Migrators that start at once take turns. On PostgreSQL every migration transaction first takes
 * a transaction-scoped advisory lock, so processes sharing one database serialize there; the lock
 * is released by the commit or rollback. The lock is per database, so stores in different schemas
 * of one database take turns too. H2 databases belong to one process, so a lock in this JVM is
 * enough. H2 commits DDL statements as they run, so a migration that fails halfway on H2 can leave
 * part of its tables behind; PostgreSQL rolls the whole migration back.
 */
public final class SchemaMigrator {
  private static final String VERSION_TABLE =
      "CREATE TABLE IF NOT EXISTS codevector_schema_version ("
          + " version INTEGER NOT NULL,"
          + " description VARCHAR(200) NOT NULL,"
          + " installed_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,"
          + " CONSTRAINT pk_codevector_schema_version PRIMARY KEY (version))";
  private static final String APPLIED_VERSIONS = "SELECT version FROM codevector_schema_version";
  private static final String RECORD =
      "INSERT INTO codevector_schema_version (version, description, installed_at)"
          + " VALUES (:version, :description, CURRENT_TIMESTAMP)";
  // Any constant works, as long as every CodeVector uses the same one: "codevect" in ASCII.
  private static final long ADVISORY_LOCK_KEY = 0x636f_6465_7665_6374L;
  private static final Object IN_PROCESS_LOCK = new Object();

  private final Database database;
  private final List<Migration> migrations;

  /**
   * Creates a migrator.
   *
   * @param database the database to migrate
   * @param migrations the migrations, by version
   * @throws IllegalArgumentException unless the versions are positive and increasing
   */
  public SchemaMigrator(Database database, List<Migration> migrations) {
    this.database = Objects.requireNonNull(database, "database");
    this.migrations = List.copyOf(migrations);
    for (int i = 0; i < this.migrations.size(); i++) {
      int previous = i == 0 ? 0 : this.migrations.get(i - 1).version();
      if (this.migrations.get(i).version() <= previous) {
        throw new IllegalArgumentException(
            "schema migrations must be numbered from 1 up in order: " + this.migrations);
      }
    }
  }

  /**
   * Applies every migration the database has not seen yet, in order. A migration is seen when the
   * version table records its version, so one numbered below the latest applied, as a branch may
   * add, is applied as well.
   *
   * @return the schema's version afterwards, the highest applied
   * @throws dev.codevector.spi.StoreException if a migration fails; the migrations before it stay
   * @throws IllegalStateException if the database's schema is newer than the latest migration
   */
  public int migrate() {
    if (database.dialect() == SqlDialect.H2) {
      synchronized (IN_PROCESS_LOCK) {
        return applyPending();
      }
    }
    return applyPending();
  }

  private int applyPending() {
    int latest = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
    Set<Integer> applied =
        database.inTransaction(
            "create the schema version table",
            h -> {
              lock(h);
              h.execute(VERSION_TABLE);
              return appliedVersions(h);
            });
    int current = applied.stream().max(Integer::compare).orElse(0);
    if (current > latest) {
      throw new IllegalStateException(
          "the database schema is at version "
              + current
              + ", newer than this CodeVector's latest migration "
              + latest
              + "; run a CodeVector at least as new as the one that migrated it");
    }
    for (Migration migration : migrations) {
      if (!applied.contains(migration.version())) {
        database.inTransaction("apply schema migration " + migration, h -> apply(h, migration));
      }
    }
    return latest;
  }

  private Void apply(Handle h, Migration migration) {
    lock(h);
    if (appliedVersions(h).contains(migration.version())) {
      return null;
    }
    h.createScript(migration.sql()).executeAsSeparateStatements();
    h.createUpdate(RECORD)
        .bind("version", migration.version())
        .bind("description", migration.description())
        .execute();
    return null;
  }

  private void lock(Handle h) {
    if (database.dialect() == SqlDialect.POSTGRESQL) {
      h.createQuery("SELECT pg_advisory_xact_lock(:key)")
          .bind("key", ADVISORY_LOCK_KEY)
          .mapToMap()
          .one();
    }
  }

  private static Set<Integer> appliedVersions(Handle h) {
    return h.createQuery(APPLIED_VERSIONS).mapTo(Integer.class).set();
  }
}
