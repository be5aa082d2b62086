package dev.codevector.jdbc;

import dev.codevector.spi.Store;
import dev.codevector.testing.PostgresSchema;
import dev.codevector.testing.StoreContract;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The store contract on PostgreSQL, racing writers included, with a fresh schema per test through
 * the store's own connection pool.
 */
@EnabledIfEnvironmentVariable(
    named = PostgresSchema.URL_VARIABLE,
    matches = ".+",
    disabledReason = PostgresSchema.SKIPPED)
final class PostgresStoreTest extends StoreContract {
  private static final List<PostgresSchema> SCHEMAS = new ArrayList<>();

  @Override
  protected Store newStore() {
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
}
