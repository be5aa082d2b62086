package dev.codevector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import dev.codevector.jdbc.internal.ConnectionPools;
import dev.codevector.registry.ProviderId;
import dev.codevector.spi.Setting;
import dev.codevector.spi.StoreException;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How a JdbcStore opens, reports its dialect, fails and closes. */
final class JdbcStoreTest {
  private final String h2Url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

  @Test
  void dialectComesFromTheConnection() {
    try (JdbcStore store = JdbcStore.create(h2Url, null, null)) {
      assertEquals(SqlDialect.H2, store.dialect());
    }
  }

  @Test
  void anH2StoreOffersNoFeedOfChanges() {
    try (JdbcStore store = JdbcStore.create(h2Url, null, null)) {
      assertEquals(Optional.empty(), store.changes());
    }
  }

  @Test
  void closingLeavesTheCallersDataSourceOpen() {
    try (HikariDataSource pool = ConnectionPools.open(h2Url, null, null)) {
      JdbcStore store = JdbcStore.create(pool);

      store.close();

      assertFalse(pool.isClosed());
      try (JdbcStore again = JdbcStore.create(pool)) {
        assertEquals(
            1, again.settings().putSetting(new Setting("still-open", new byte[] {1}, 0)).version());
      }
    }
  }

  @Test
  void unreachableDatabaseFailsWithStoreException() {
    StoreException e =
        assertThrows(
            StoreException.class,
            () -> JdbcStore.create("jdbc:postgresql://127.0.0.1:1/none", "nobody", "secret"));

    assertEquals("cannot connect to the database", e.getMessage());
  }

  @Test
  void failureSaysWhatTheStoreWasDoing() {
    JdbcStore store = JdbcStore.create(h2Url, null, null);
    store.close();
    ProviderId id = ProviderId.of("p-1");

    StoreException e = assertThrows(StoreException.class, () -> store.registry().findProvider(id));

    assertEquals("cannot read provider 'p-1'", e.getMessage());
  }
}
