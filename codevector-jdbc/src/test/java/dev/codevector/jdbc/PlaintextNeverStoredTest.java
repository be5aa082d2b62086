package dev.codevector.jdbc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.CodeVector;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderSpec;
import dev.codevector.vault.Kek;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Reads every stored value with plain JDBC, looking for a credential's plaintext. */
final class PlaintextNeverStoredTest {
  private final String plaintext = "sk-live-" + UUID.randomUUID();

  @Test
  void h2HoldsNoTraceOfThePlaintextCredential() throws SQLException {
    String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    try (JdbcStore store = JdbcStore.create(url, null, null);
        Connection connection = DriverManager.getConnection(url)) {
      createProviderThroughTheRegistry(store);

      List<String> scanned = scanEveryValue(connection, "PUBLIC");

      assertTrue(scanned.contains("provider_credentials"), "scanned " + scanned);
    }
  }

  @Test
  @EnabledIfEnvironmentVariable(
      named = PostgresSchema.URL_VARIABLE,
      matches = ".+",
      disabledReason = PostgresSchema.SKIPPED)
  void postgresHoldsNoTraceOfThePlaintextCredential() throws SQLException {
    try (PostgresSchema schema = PostgresSchema.create();
        JdbcStore store = JdbcStore.create(schema.url(), null, null);
        Connection connection = schema.connect()) {
      createProviderThroughTheRegistry(store);

      List<String> scanned = scanEveryValue(connection, schema.name());

      assertTrue(scanned.contains("provider_credentials"), "scanned " + scanned);
    }
  }

  private void createProviderThroughTheRegistry(JdbcStore store) {
    CodeVector.builder()
        .store(store)
        .kek(Kek.generate().aead())
        .build()
        .registry()
        .createProvider(
            ProviderSpec.withApiKey("openai-main", ProviderKind.OPENAI, plaintext, Map.of()));
  }

  /**
   * Asserts no column of any table holds the plaintext; returns the tables that had rows, once per
   * row.
   */
  private List<String> scanEveryValue(Connection connection, String schema) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet found =
        connection.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
      while (found.next()) {
        tables.add(found.getString("TABLE_NAME"));
      }
    }
    List<String> withRows = new ArrayList<>();
    for (String table : tables) {
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT * FROM " + schema + "." + table)) {
        while (rows.next()) {
          for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
            assertFalse(
                holdsPlaintext(rows.getObject(column)),
                table + "." + rows.getMetaData().getColumnName(column) + " holds the plaintext");
          }
          withRows.add(table.toLowerCase(Locale.ROOT));
        }
      }
    }
    return withRows;
  }

  private boolean holdsPlaintext(Object value) {
    if (value instanceof byte[]) {
      // ISO-8859-1 maps each byte to one char, so a byte search becomes a string search.
      return new String((byte[]) value, StandardCharsets.ISO_8859_1).contains(plaintext);
    }
    return String.valueOf(value).contains(plaintext);
  }
}
