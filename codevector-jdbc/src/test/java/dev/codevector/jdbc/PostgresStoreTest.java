package dev.codevector.jdbc;

import dev.codevector.spi.Store;
import dev.codevector.testing.PostgresSchema;
import dev.codevector.testkit.AccessStoreContract;
import dev.codevector.testkit.AuditStoreContract;
import dev.codevector.testkit.LimitStoreContract;
import dev.codevector.testkit.RegistryStoreContract;
import dev.codevector.testkit.SessionStoreContract;
import dev.codevector.testkit.SettingStoreContract;
import dev.codevector.testkit.UsageStoreContract;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The store contracts on PostgreSQL, racing writers included, with a fresh schema per test through
 * the store's own connection pool.
 */
@EnabledIfEnvironmentVariable(
    named = PostgresSchema.URL_VARIABLE,
    matches = ".+",
    disabledReason = PostgresSchema.SKIPPED)
final class PostgresStoreTest {
  private static final List<PostgresSchema> SCHEMAS = new ArrayList<>();

  private static Store newStore() {
    try {
      PostgresSchema schema = PostgresSchema.create();
      SCHEMAS.add(schema);
      return JdbcStore.create(schema.url(), null, null);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test schema", e);
    }
  }

  @AfterAll
  static void dropSchemas() throws SQLException {
    for (PostgresSchema schema : SCHEMAS) {
      schema.close();
    }
    SCHEMAS.clear();
  }

  @Nested
  final class Registry extends RegistryStoreContract {
    @Override
    protected Store newStore() {
      return PostgresStoreTest.newStore();
    }
  }

  @Nested
  final class Access extends AccessStoreContract {
    @Override
    protected Store newStore() {
      return PostgresStoreTest.newStore();
    }
  }

  @Nested
  final class Usage extends UsageStoreContract {
    @Override
    protected Store newStore() {
      return PostgresStoreTest.newStore();
    }
  }

  @Nested
  final class Limits extends LimitStoreContract {
    @Override
    protected Store newStore() {
      return PostgresStoreTest.newStore();
    }
  }

  @Nested
  final class Settings extends SettingStoreContract {
    @Override
    protected Store newStore() {
      return PostgresStoreTest.newStore();
    }
  }

  @Nested
  final class Sessions extends SessionStoreContract {
    @Override
    protected Store newStore() {
      return PostgresStoreTest.newStore();
    }
  }

  @Nested
  final class Audit extends AuditStoreContract {
    @Override
    protected Store newStore() {
      return PostgresStoreTest.newStore();
    }
  }
}
