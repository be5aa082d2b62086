package dev.codevector.jdbc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.CodeVector;
import dev.codevector.access.Access;
import dev.codevector.access.User;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderSpec;
import dev.codevector.testing.PostgresSchema;
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
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Reads every stored value with plain JDBC, looking for a credential's or an API key's plaintext.
 */
final class PlaintextNeverStoredTest {
  private static final List<String> SECRET_TABLES = List.of("provider_credentials", "api_keys");

  private final String credential = "sk-live-" + UUID.randomUUID();

  @Test
  void h2HoldsNoTraceOfThePlaintextCredentialOrKey() throws SQLException {
    String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    try (JdbcStore store = JdbcStore.create(url, null, null);
        Connection connection = DriverManager.getConnection(url)) {
      List<String> secrets = storeSecretsThroughCodeVector(store);

      List<String> scanned = scanEveryValue(connection, "PUBLIC", secrets);

      assertTrue(scanned.containsAll(SECRET_TABLES), "scanned " + scanned);
    }
  }

  @Test
  @EnabledIfEnvironmentVariable(
      named = PostgresSchema.URL_VARIABLE,
      matches = ".+",
      disabledReason = PostgresSchema.SKIPPED)
  void postgresHoldsNoTraceOfThePlaintextCredentialOrKey() throws SQLException {
    try (PostgresSchema schema = PostgresSchema.create();
        JdbcStore store = JdbcStore.create(schema.url(), null, null);
        Connection connection = schema.connect()) {
      List<String> secrets = storeSecretsThroughCodeVector(store);

      List<String> scanned = scanEveryValue(connection, schema.name(), secrets);

      assertTrue(scanned.containsAll(SECRET_TABLES), "scanned " + scanned);
    }
  }

  /** Stores a Provider's credential and issues an API key; returns both plaintexts. */
  private List<String> storeSecretsThroughCodeVector(JdbcStore store) {
    try (CodeVector codeVector =
        CodeVector.builder().store(store).kek(Kek.generate().aead()).build()) {
      codeVector
          .registry()
          .createProvider(
              ProviderSpec.withApiKey("openai-main", ProviderKind.OPENAI, credential, Map.of()));
      Access access = codeVector.access();
      User ada = access.createUser("Ada", Optional.empty());
      String key =
          access.issueKey(ada.id(), Optional.empty(), Optional.empty()).plaintext().reveal();
      access.authenticate(key);
      return List.of(credential, key);
    }
  }

  /**
   * Asserts no column of any table holds a plaintext; returns the tables that had rows, once per
   * row.
   */
  private static List<String> scanEveryValue(
      Connection connection, String schema, List<String> secrets) throws SQLException {
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
            Object value = rows.getObject(column);
            for (String secret : secrets) {
              assertFalse(
                  holds(value, secret),
                  table + "." + rows.getMetaData().getColumnName(column) + " holds a plaintext");
            }
          }
          withRows.add(table.toLowerCase(Locale.ROOT));
        }
      }
    }
    return withRows;
  }

  private static boolean holds(Object value, String secret) {
    if (value instanceof byte[]) {
      // ISO-8859-1 maps each byte to one char, so a byte search becomes a string search.
      return new String((byte[]) value, StandardCharsets.ISO_8859_1).contains(secret);
    }
    return String.valueOf(value).contains(secret);
  }
}
