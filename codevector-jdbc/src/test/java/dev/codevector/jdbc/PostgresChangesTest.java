package dev.codevector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.access.ApiKey;
import dev.codevector.access.Grant;
import dev.codevector.access.Principal;
import dev.codevector.access.User;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitScope;
import dev.codevector.limits.LimitSpec;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelStatus;
import dev.codevector.spi.Change;
import dev.codevector.store.CachingStore;
import dev.codevector.testing.PostgresSchema;
import dev.codevector.testkit.StoreFixtures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two stores on one PostgreSQL schema, as two processes sharing it have, each behind a cache that
 * refreshes only once an hour: what is written through one shows through the other's cache within a
 * second, which only the feed of changes can explain.
 */
@EnabledIfEnvironmentVariable(
    named = PostgresSchema.URL_VARIABLE,
    matches = ".+",
    disabledReason = PostgresSchema.SKIPPED)
final class PostgresChangesTest {
  private static final Duration AN_HOUR = Duration.ofHours(1);
  private static final Duration A_SECOND = Duration.ofSeconds(1);

  private final PostgresSchema schema;
  private final CachingStore first;
  private final BlockingQueue<Change> heardBySecond = new LinkedBlockingQueue<>();
  private final GatedDataSource secondConnections;
  private final CachingStore second;

  PostgresChangesTest() throws Exception {
    schema = PostgresSchema.create();
    first = new CachingStore(JdbcStore.create(schema.url(), null, null), AN_HOUR);
    secondConnections = new GatedDataSource(schema.url());
    JdbcStore secondStore = JdbcStore.create(secondConnections);
    secondStore.changes().orElseThrow().subscribe(heardBySecond::add);
    second = new CachingStore(secondStore, AN_HOUR);
    awaitHeard(Change.EVERYTHING);
  }

  @AfterEach
  void close() throws SQLException {
    first.close();
    second.close();
    schema.close();
  }

  @Test
  void aKeyRevokedThroughOneStoreIsRefusedThroughTheOthersCacheWithinASecond() {
    User ada = first.access().putUser(StoreFixtures.user("ada"));
    ApiKey key = first.access().putApiKey(StoreFixtures.apiKey(ada.id()));
    assertTrue(second.access().findApiKeyByHash(key.hash()).orElseThrow().revokedAt().isEmpty());

    first.access().putApiKey(key.withRevokedAt(StoreFixtures.T0));

    assertWithinASecond(
        () -> second.access().findApiKeyByHash(key.hash()).orElseThrow().revokedAt().isPresent());
  }

  @Test
  void aModelDisabledThroughOneStoreIsDisabledThroughTheOthersCacheWithinASecond() {
    Model model =
        first
            .registry()
            .putModel(StoreFixtures.model("chat").withStatus(ModelStatus.ACTIVE, StoreFixtures.T0));
    assertEquals(
        ModelStatus.ACTIVE, second.registry().findModelBySlug("chat").orElseThrow().status());

    first.registry().putModel(model.withStatus(ModelStatus.DISABLED, StoreFixtures.T0));

    assertWithinASecond(
        () ->
            second.registry().findModelBySlug("chat").orElseThrow().status()
                == ModelStatus.DISABLED);
  }

  @Test
  void aGrantDeletedThroughOneStoreIsGoneFromTheOthersCacheWithinASecond() {
    Model model = first.registry().putModel(StoreFixtures.model("chat"));
    User ada = first.access().putUser(StoreFixtures.user("ada"));
    Grant grant =
        first
            .access()
            .putGrant(Grant.create(model.id(), Principal.ofUser(ada.id()), StoreFixtures.T0));
    assertEquals(List.of(grant), second.access().grantsOf(model.id()));

    first.access().deleteGrant(grant.id());

    assertWithinASecond(() -> second.access().grantsOf(model.id()).isEmpty());
  }

  @Test
  void aLimitChangedThroughOneStoreIsChangedInTheOthersCacheWithinASecond() {
    Limit limit = first.limits().putLimit(limitOfRequests(10));
    assertEquals(List.of(limit), second.limits().limits());

    Limit changed =
        first.limits().putLimit(limit.withSpec(limitOfRequests(5).spec(), StoreFixtures.T0));

    assertWithinASecond(() -> second.limits().limits().equals(List.of(changed)));
  }

  @Test
  void aChangeMadeWhileTheListeningConnectionWasDownIsSeenOnceItListensAgain() throws Exception {
    User ada = first.access().putUser(StoreFixtures.user("ada"));
    ApiKey key = first.access().putApiKey(StoreFixtures.apiKey(ada.id()));
    assertTrue(second.access().findApiKeyByHash(key.hash()).orElseThrow().revokedAt().isEmpty());
    heardBySecond.clear();
    secondConnections.closeGate();
    terminateListeningBackend();

    first.access().putApiKey(key.withRevokedAt(StoreFixtures.T0));
    Thread.sleep(300); // The notification is sent now, while nobody of the second store listens.
    secondConnections.openGate();

    awaitHeard(Change.EVERYTHING);
    assertWithinASecond(
        () -> second.access().findApiKeyByHash(key.hash()).orElseThrow().revokedAt().isPresent());
  }

  @Test
  void aKeysLastUseIsNotAChange() throws Exception {
    User ada = first.access().putUser(StoreFixtures.user("ada"));
    ApiKey key = first.access().putApiKey(StoreFixtures.apiKey(ada.id()));
    Limit limit = first.limits().putLimit(limitOfRequests(10));
    awaitHeard(Change.LIMITS);
    heardBySecond.clear();

    first.access().putApiKey(key.withLastUsedAt(StoreFixtures.T0.plusSeconds(600)));
    first.limits().deleteLimit(limit.id());

    assertEquals(
        Change.LIMITS,
        heardBySecond.poll(5, TimeUnit.SECONDS),
        "notifications come in the order of their commits, and the last use sent none");
    assertEquals(List.of(), List.copyOf(heardBySecond));
  }

  private static Limit limitOfRequests(long perMinute) {
    return Limit.create(
        new LimitSpec(
            new LimitScope.All(),
            Optional.empty(),
            OptionalLong.of(perMinute),
            OptionalLong.empty(),
            Optional.empty()),
        StoreFixtures.T0);
  }

  /**
   * Waits for the second store's feed to tell a change, skipping others, which notifications of
   * earlier commits are; fails after 10 s.
   */
  private void awaitHeard(Change expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (heardBySecond.poll(100, TimeUnit.MILLISECONDS) == expected) {
        return;
      }
    }
    throw new AssertionError("the feed did not tell " + expected);
  }

  /** Polls a condition until it holds, failing unless it holds within a second. */
  private static void assertWithinASecond(BooleanSupplier condition) {
    long start = System.nanoTime();
    while (!condition.getAsBoolean()) {
      assertFalse(
          System.nanoTime() - start > A_SECOND.toNanos(),
          "not seen within " + A_SECOND + " (started " + Instant.now() + ")");
      Thread.onSpinWait();
    }
  }

  /** Ends the second store's listening connection from the server's side, and waits till it is. */
  private void terminateListeningBackend() throws Exception {
    String find =
        "SELECT pid FROM pg_stat_activity WHERE application_name = ? AND query LIKE 'LISTEN %'";
    try (Connection admin = schema.connect();
        PreparedStatement select = admin.prepareStatement(find)) {
      select.setString(1, secondConnections.getApplicationName());
      int pid;
      try (ResultSet rows = select.executeQuery()) {
        assertTrue(rows.next(), "the second store listens on a connection");
        pid = rows.getInt(1);
      }
      try (PreparedStatement terminate =
          admin.prepareStatement("SELECT pg_terminate_backend(?, 5000)")) {
        terminate.setInt(1, pid);
        terminate.execute();
      }
      try (ResultSet rows = select.executeQuery()) {
        assertFalse(rows.next(), "the listening connection is gone");
      }
    }
  }

  /**
   * Connections to the test schema, each new, under an application name of their own, that a test
   * can refuse for a while as an unreachable database would.
   */
  private static final class GatedDataSource extends PGSimpleDataSource {
    private static final long serialVersionUID = 1L;
    private volatile boolean closed;

    GatedDataSource(String url) {
      setURL(url);
      setApplicationName("cv-changes-" + UUID.randomUUID());
    }

    void closeGate() {
      closed = true;
    }

    void openGate() {
      closed = false;
    }

    @Override
    public Connection getConnection() throws SQLException {
      if (closed) {
        throw new SQLException("the database cannot be reached");
      }
      return super.getConnection();
    }
  }
}
