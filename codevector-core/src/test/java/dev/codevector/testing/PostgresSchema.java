package dev.codevector.testing;

import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh, uniquely named schema in the test PostgreSQL database named by {@code
 * CODEVECTOR_TEST_PG_URL}, so that test runs never see each other's data. Closing drops it. Used by
 * the store's and the server's PostgreSQL tests.
 */
public final class PostgresSchema implements AutoCloseable {
  public static final String URL_VARIABLE = "CODEVECTOR_TEST_PG_URL";
  public static final String SKIPPED =
      "CODEVECTOR_TEST_PG_URL is not set; set it to a PostgreSQL JDBC URL, such as"
          + " jdbc:postgresql://127.0.0.1:5432/test?user=postgres, to run the PostgreSQL tests";

  private final String baseUrl;
  private final String name;

  private PostgresSchema(String baseUrl, String name) {
    this.baseUrl = baseUrl;
    this.name = name;
  }

  public static PostgresSchema create() throws SQLException {
    String baseUrl = System.getenv(URL_VARIABLE);
    PostgresSchema schema =
        new PostgresSchema(baseUrl, "cv_test_" + UUID.randomUUID().toString().replace("-", ""));
    schema.execute("CREATE SCHEMA " + schema.name);
    return schema;
  }

  public String name() {
    return name;
  }

  /** Returns the JDBC URL whose connections work in this schema. */
  public String url() {
    return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + name;
  }

  /** Returns the host and port of the PostgreSQL server the URL names. */
  public InetSocketAddress server() {
    URI uri = URI.create(baseUrl.substring("jdbc:".length()));
    return InetSocketAddress.createUnresolved(
        uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort());
  }

  /** Returns {@link #url()} with the server replaced by a port on the loopback address. */
  public String urlThrough(int loopbackPort) {
    URI uri = URI.create(url().substring("jdbc:".length()));
    return "jdbc:postgresql://127.0.0.1:"
        + loopbackPort
        + uri.getRawPath()
        + "?"
        + uri.getRawQuery();
  }

  public Connection connect() throws SQLException {
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
