package dev.codevector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.codevector.limits.Charge;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitScope;
import dev.codevector.limits.LimitSpec;
import dev.codevector.limits.Meter;
import dev.codevector.limits.Tally;
import dev.codevector.limits.Window;
import dev.codevector.testing.PostgresSchema;
import dev.codevector.testkit.StoreFixtures;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Reservations through two stores on one PostgreSQL database, each with its own connection pool, as
 * two processes sharing it would make them.
 */
@EnabledIfEnvironmentVariable(
    named = PostgresSchema.URL_VARIABLE,
    matches = ".+",
    disabledReason = PostgresSchema.SKIPPED)
final class PostgresReservationsTest {
  private final PostgresSchema schema;

  PostgresReservationsTest() throws SQLException {
    schema = PostgresSchema.create();
  }

  @AfterEach
  void dropSchema() throws SQLException {
    schema.close();
  }

  @Test
  void reservationsThroughTwoStoresNeverPassTheCap() throws Exception {
    try (JdbcStore first = JdbcStore.create(schema.url(), null, null);
        JdbcStore second = JdbcStore.create(schema.url(), null, null)) {
      Limit limit =
          first
              .limits()
              .putLimit(
                  Limit.create(
                      new LimitSpec(
                          new LimitScope.All(),
                          Optional.empty(),
                          OptionalLong.of(100),
                          OptionalLong.empty(),
                          Optional.empty()),
                      StoreFixtures.T0));
      List<Charge> oneRequest =
          List.of(
              new Charge(
                  limit,
                  Meter.RATE,
                  Window.minuteOf(StoreFixtures.T0),
                  new Tally(1, 0, BigDecimal.ZERO)));

      int admitted =
          assertTimeoutPreemptively(
              Duration.ofSeconds(60),
              () -> {
                ExecutorService pool = Executors.newFixedThreadPool(8);
                try {
                  CountDownLatch start = new CountDownLatch(1);
                  List<Future<Integer>> futures = new ArrayList<>();
                  for (int t = 0; t < 8; t++) {
                    JdbcStore store = t % 2 == 0 ? first : second;
                    futures.add(
                        pool.submit(
                            () -> {
                              start.await();
                              int passed = 0;
                              for (int i = 0; i < 50; i++) {
                                if (store.limits().reserve(oneRequest).isAdmitted()) {
                                  passed++;
                                }
                              }
                              return passed;
                            }));
                  }
                  start.countDown();
                  int passed = 0;
                  for (Future<Integer> future : futures) {
                    passed += future.get();
                  }
                  return passed;
                } finally {
                  pool.shutdownNow();
                }
              });

      assertEquals(100, admitted, "of 400 reservations through two stores, the cap's 100 pass");
      assertEquals(
          100,
          second.limits().counters(limit.id()).get(0).reserved().requests(),
          "the shared counter holds every admitted reservation and no other");
    }
  }
}
