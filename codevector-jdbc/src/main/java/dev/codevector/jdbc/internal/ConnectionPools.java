package dev.codevector.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.codevector.spi.StoreException;
import java.util.Objects;

/** Opens the HikariCP connection pools that a store owns. */
public final class ConnectionPools {
  // Ten for the store's work, and one that the change feed holds on PostgreSQL while it listens.
  private static final int MAX_SIZE = 11;
  private static final long CONNECTION_TIMEOUT_MILLIS = 3_000;
  private static final int MIN_IDLE = 2;

  private ConnectionPools() {}

  /**
   * Opens a pool of connections to a database and checks that one can be made.
   *
   * @param jdbcUrl the JDBC URL
   * @param user the user, or null when the URL carries it or none is needed
   * @param password the password, or null when the URL carries it or none is needed
   * @return the pool; the caller closes it
   * @throws StoreException if no connection can be made
   */
  public static HikariDataSource open(String jdbcUrl, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(Objects.requireNonNull(jdbcUrl, "jdbcUrl"));
    config.setUsername(user);
    config.setPassword(password);
    config.setPoolName("codevector-store");
    // Grows to MAX_SIZE under load but keeps few connections idle, so that replicas sharing one
    // PostgreSQL server, and short-lived stores in tests, do not each hold a full pool open.
    config.setMaximumPoolSize(MAX_SIZE);
    config.setMinimumIdle(MIN_IDLE);
    // While the database is unreachable, fail a store call after a few seconds rather than
    // Hikari's default 30: the request path reads through a cache and usage writes are retried.
    config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("cannot connect to the database", e);
    }
  }
}
