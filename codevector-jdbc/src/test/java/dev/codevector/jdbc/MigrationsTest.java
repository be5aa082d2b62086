package dev.codevector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.access.User;
import dev.codevector.jdbc.internal.Database;
import dev.codevector.jdbc.internal.Migration;
import dev.codevector.jdbc.internal.Migrations;
import dev.codevector.jdbc.internal.SchemaMigrator;
import dev.codevector.jdbc.internal.SettingTable;
import dev.codevector.registry.Backend;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.RoutingStrategy;
import dev.codevector.spi.Setting;
import dev.codevector.testkit.StoreFixtures;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema migrations on H2: versioned, applied in place, once. */
final class MigrationsTest {
  private static final Migration LATER =
      new Migration(9, "later", "CREATE TABLE later (id VARCHAR PRIMARY KEY)");

  private final JdbcDataSource dataSource = new JdbcDataSource();

  MigrationsTest() {
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @Test
  void migratingAgainChangesNothing() throws SQLException {
    SchemaMigrator migrator =
        new SchemaMigrator(Database.open(dataSource), Migrations.of(SqlDialect.H2));
    migrator.migrate();

    int version = migrator.migrate();

    assertEquals(8, version);
    assertEquals(SchemaVersions.LATEST, versionRows());
  }

  @Test
  void existingDatabaseIsUpgradedInPlace() throws SQLException {
    Database database = Database.open(dataSource);
    new SchemaMigrator(database, Migrations.of(SqlDialect.H2).subList(0, 1)).migrate();
    Setting kept = new SettingTable(database).put(new Setting("kept", new byte[] {7}, 0));

    try (JdbcStore store = JdbcStore.create(dataSource)) {
      User user = store.access().putUser(StoreFixtures.user("ada"));

      assertEquals(SchemaVersions.LATEST, versionRows());
      assertEquals(Optional.of(kept), store.settings().findSetting("kept"));
      assertEquals(Optional.of(user), store.access().findUser(user.id()));
    }
  }

  @Test
  void backendsStoredBeforeWeightsHaveTheDefaultWeight() throws SQLException {
    new SchemaMigrator(Database.open(dataSource), Migrations.of(SqlDialect.H2).subList(0, 7))
        .migrate();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      String times = ", CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)";
      statement.execute(
          "INSERT INTO providers (id, name, kind, config, status, version, created_at,"
              + " updated_at) VALUES ('p', 'p', 'openai', '{}', 'active', 1"
              + times);
      statement.execute(
          "INSERT INTO provider_models (id, provider_id, model_id, kind, status, context_window,"
              + " input_per_mtok, output_per_mtok, source, version, created_at, updated_at)"
              + " VALUES ('pm', 'p', 'gpt', 'chat', 'active', 1000, 1, 2, 'Custom', 1"
              + times);
      statement.execute(
          "INSERT INTO models (id, slug, display_name, kind, status, routing, version,"
              + " created_at, updated_at) VALUES ('m', 'chat', 'Chat', 'chat', 'draft',"
              + " 'failover', 1"
              + times);
      statement.execute(
          "INSERT INTO backends (id, model_id, provider_model_id, priority, stop, created_at,"
              + " updated_at) VALUES ('b', 'm', 'pm', 10, '[]'"
              + times);
    }

    try (JdbcStore store = JdbcStore.create(dataSource)) {
      Model model = store.registry().findModel(ModelId.of("m")).orElseThrow();

      assertEquals(RoutingStrategy.FAILOVER, model.routing());
      assertEquals(
          List.of(Backend.DEFAULT_WEIGHT), model.backends().stream().map(Backend::weight).toList());
    }
  }

  @Test
  void databaseNewerThanThisCodeVectorIsRefused() throws SQLException {
    List<Migration> newer = new ArrayList<>(Migrations.of(SqlDialect.H2));
    newer.add(LATER);
    new SchemaMigrator(Database.open(dataSource), newer).migrate();

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> JdbcStore.create(dataSource));

    assertEquals(
        "the database schema is at version 9, newer than this CodeVector's latest migration 8;"
            + " run a CodeVector at least as new as the one that migrated it",
        e.getMessage());
  }

  @Test
  void migrationsOutOfOrderAreRefused() {
    Database database = Database.open(dataSource);
    List<Migration> outOfOrder = List.of(LATER, Migrations.of(SqlDialect.H2).get(0));

    assertThrows(IllegalArgumentException.class, () -> new SchemaMigrator(database, outOfOrder));
  }

  @Test
  void aMigrationNumberedBelowTheLatestAppliedIsAppliedToo() throws SQLException {
    Database database = Database.open(dataSource);
    List<Migration> shipped = Migrations.of(SqlDialect.H2);
    List<Migration> withLater = new ArrayList<>(shipped);
    withLater.add(LATER);
    new SchemaMigrator(database, List.of(shipped.get(0), LATER)).migrate();

    new SchemaMigrator(database, withLater).migrate();

    List<String> expected = new ArrayList<>(SchemaVersions.LATEST);
    expected.add("9 later");
    assertEquals(expected, versionRows());
  }

  @Test
  void twoStoresStartingAtOnceOnOneDatabaseBothSucceed() throws SQLException {
    List<JdbcStore> stores = SchemaVersions.openTwoAtOnce(() -> JdbcStore.create(dataSource));

    try (JdbcStore first = stores.get(0);
        JdbcStore second = stores.get(1)) {
      first.settings().putSetting(new Setting("shared", new byte[] {1}, 0));

      assertEquals(SchemaVersions.LATEST, versionRows());
      assertEquals(1, second.settings().findSetting("shared").orElseThrow().version());
    }
  }

  @Test
  void migrationsAreFoundInsideAJarWithTheDialectsTypesAndAdditions(@TempDir Path dir)
      throws IOException {
    Path jar = dir.resolve("schema.jar");
    String schema = "dev/codevector/jdbc/schema/";
    String postgresql = schema + "postgresql-only/";
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String directory :
          List.of("dev/", "dev/codevector/", "dev/codevector/jdbc/", schema, postgresql)) {
        out.putNextEntry(new JarEntry(directory));
      }
      write(out, schema + "V2__users.sql", "CREATE TABLE users (key_hash ${binary});");
      write(out, schema + "V1__registry.sql", "CREATE TABLE models (price ${decimal});");
      write(out, schema + "README.txt", "not a migration");
      write(out, postgresql + "V2__users.sql", "CREATE INDEX ix_users ON users (key_hash);");
    }

    List<Migration> h2;
    List<Migration> postgres;
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      h2 = Migrations.of(loader, SqlDialect.H2);
      postgres = Migrations.of(loader, SqlDialect.POSTGRESQL);
    }

    assertEquals(
        List.of(
            new Migration(1, "registry", "CREATE TABLE models (price DECFLOAT);"),
            new Migration(2, "users", "CREATE TABLE users (key_hash BINARY VARYING);")),
        h2);
    assertEquals(
        List.of(
            new Migration(1, "registry", "CREATE TABLE models (price NUMERIC);"),
            new Migration(
                2,
                "users",
                "CREATE TABLE users (key_hash BYTEA);"
                    + "CREATE INDEX ix_users ON users (key_hash);")),
        postgres);
  }

  @Test
  void aTypeNoDialectHasIsRefused(@TempDir Path dir) throws IOException {
    Path jar = dir.resolve("schema.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("dev/codevector/jdbc/schema/"));
      write(out, "dev/codevector/jdbc/schema/V1__registry.sql", "CREATE TABLE t (c ${money});");
    }

    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> Migrations.of(loader, SqlDialect.H2));
      assertEquals(
          "schema migration V1__registry.sql names an unknown type ${money}", e.getMessage());
    }
  }

  @Test
  void bothDialectsShipTheSameMigrationsWithTheirOwnTypes() {
    assertEquals(
        Migrations.of(SqlDialect.H2).stream().map(Migration::toString).toList(),
        Migrations.of(SqlDialect.POSTGRESQL).stream().map(Migration::toString).toList());
    for (SqlDialect dialect : SqlDialect.values()) {
      assertTrue(
          Migrations.of(dialect).stream().noneMatch(m -> m.sql().contains("${")), dialect.name());
    }
    assertTrue(Migrations.of(SqlDialect.POSTGRESQL).get(0).sql().contains("ix_backends_model"));
    assertFalse(Migrations.of(SqlDialect.H2).get(0).sql().contains("ix_backends_model"));
  }

  private List<String> versionRows() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return SchemaVersions.rows(connection);
    }
  }

  private static void write(JarOutputStream out, String name, String text) throws IOException {
    out.putNextEntry(new JarEntry(name));
    out.write(text.getBytes(StandardCharsets.UTF_8));
  }
}
