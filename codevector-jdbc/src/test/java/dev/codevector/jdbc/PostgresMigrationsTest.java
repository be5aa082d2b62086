package dev.codevector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codevector.spi.Setting;
import dev.codevector.testing.PostgresSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Schema migrations on PostgreSQL, where several processes may share one database. */
@EnabledIfEnvironmentVariable(
    named = PostgresSchema.URL_VARIABLE,
    matches = ".+",
    disabledReason = PostgresSchema.SKIPPED)
final class PostgresMigrationsTest {
  private final PostgresSchema schema;

  PostgresMigrationsTest() throws SQLException {
    schema = PostgresSchema.create();
  }

  @AfterEach
  void dropSchema() throws SQLException {
    schema.close();
  }

  @Test
  void reopeningAMigratedSchemaChangesNothing() throws SQLException {
    JdbcStore.create(schema.url(), null, null).close();

    try (JdbcStore reopened = JdbcStore.create(schema.url(), null, null)) {
      assertEquals(SchemaVersions.LATEST, versionRows());
      assertEquals(SqlDialect.POSTGRESQL, reopened.dialect());
    }
  }

  @Test
  void twoStoresStartingAtOnceOnOneFreshSchemaBothSucceed() throws SQLException {
    List<JdbcStore> stores =
        SchemaVersions.openTwoAtOnce(() -> JdbcStore.create(schema.url(), null, null));

    try (JdbcStore first = stores.get(0);
        JdbcStore second = stores.get(1)) {
      first.settings().putSetting(new Setting("shared", new byte[] {1}, 0));

      assertEquals(SchemaVersions.LATEST, versionRows());
      assertEquals(1, second.settings().findSetting("shared").orElseThrow().version());
    }
  }

  private List<String> versionRows() throws SQLException {
    try (Connection connection = schema.connect()) {
      return SchemaVersions.rows(connection);
    }
  }
}
