package dev.codevector.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh, uniquely named schema in the test PostgreSQL database named by {@code
 * CODEVECTOR_TEST_PG_URL}, so that test runs never see each other's data. Closing drops it.
 */
final class PostgresSchema implements AutoCloseable {
  static final String URL_VARIABLE = "CODEVECTOR_TEST_PG_URL";
  static final String SKIPPED =
      "CODEVECTOR_TEST_PG_URL is not set; set it to a PostgreSQL JDBC URL, such as"
          + " jdbc:postgresql://127.0.0.1:5432/test?user=postgres, to run the PostgreSQL tests";

  private final String baseUrl;
  private final String name;

  private PostgresSchema(String baseUrl, String name) {
    this.baseUrl = baseUrl;
    this.name = name;
  }

  static PostgresSchema create() throws SQLException {
    String baseUrl = System.getenv(URL_VARIABLE);
    PostgresSchema schema =
        new PostgresSchema(baseUrl, "cv_test_" + UUID.randomUUID().toString().replace("-", ""));
    schema.execute("CREATE SCHEMA " + schema.name);
    return schema;
  }

  String name() {
    return name;
  }

  /** Returns the JDBC URL whose connections work in this schema. */
  String url() {
    return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + name;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url());
  }

  @Override
  public void close() throws SQLException {
    execute("DROP SCHEMA " + name + " CASCADE");
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(baseUrl);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
