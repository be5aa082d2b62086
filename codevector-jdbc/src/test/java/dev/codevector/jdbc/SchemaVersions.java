package dev.codevector.jdbc;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Helpers for migration tests: the version table's rows, and stores that start at once. */
final class SchemaVersions {
  /** The version table's rows once every migration this module ships is applied. */
  static final List<String> LATEST =
      List.of(
          "1 registry",
          "2 access_and_usage",
          "3 limits",
          "4 console_sessions",
          "5 audit",
          "6 change_notifications",
          "7 usage_client_and_session",
          "8 backend_weight");

  private SchemaVersions() {}

  /** Returns the version table's rows as {@code "<version> <description>"}, by version. */
  static List<String> rows(Connection connection) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT version, description FROM codevector_schema_version ORDER BY version")) {
      while (result.next()) {
        rows.add(result.getInt(1) + " " + result.getString(2));
      }
    }
    return rows;
  }

  /** Opens two stores from two threads released at the same moment, and returns both. */
  static List<JdbcStore> openTwoAtOnce(Callable<JdbcStore> open) {
    return assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          ExecutorService threads = Executors.newFixedThreadPool(2);
          try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<JdbcStore>> futures = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
              futures.add(
                  threads.submit(
                      () -> {
                        start.await();
                        return open.call();
                      }));
            }
            start.countDown();
            List<JdbcStore> stores = new ArrayList<>();
            for (Future<JdbcStore> future : futures) {
              stores.add(future.get());
            }
            return stores;
          } finally {
            threads.shutdownNow();
          }
        });
  }
}
