package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codevector.access.IssuedKey;
import dev.codevector.registry.Model;
import dev.codevector.spi.StoreException;
import dev.codevector.usage.UsageRecord;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server on PostgreSQL through a proxy the test cuts: requests of known keys go on during the
 * outage, and every completed request is recorded exactly once after it.
 */
@EnabledIfEnvironmentVariable(
    named = "CODEVECTOR_TEST_PG_URL",
    matches = ".+",
    disabledReason = "CODEVECTOR_TEST_PG_URL is not set; set it to run the PostgreSQL outage test")
final class DatabaseOutageTest {
  private static final String CHAT = "{\"model\":\"gpt-main\",\"messages\":[]}";
  private static final String ANSWER =
      "{\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2,\"total_tokens\":12}}";

  @TempDir Path dataDir;

  @Test
  void requestsOfKnownKeysGoOnDuringAnOutageAndAreAllRecordedOnceAfterIt() throws Exception {
    String pgUrl = System.getenv("CODEVECTOR_TEST_PG_URL");
    URI pg = URI.create(pgUrl.substring("jdbc:".length()));
    String schema = "cv_outage_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection admin = DriverManager.getConnection(pgUrl);
        Statement sql = admin.createStatement()) {
      sql.execute("CREATE SCHEMA " + schema);
    }
    try (TcpProxy proxy = new TcpProxy(pg.getHost(), pg.getPort());
        MockWebServer upstream = new MockWebServer()) {
      upstream.start();
      String viaProxy =
          "jdbc:postgresql://127.0.0.1:"
              + proxy.port()
              + pg.getPath()
              + "?"
              + pg.getQuery()
              + "&currentSchema="
              + schema;
      ServerConfig base =
          ServerHarness.config(
              dataDir, Optional.of(dev.codevector.vault.Secret.of(ServerHarness.ADMIN_TOKEN)));
      ServerConfig config =
          new ServerConfig(
              base.host(),
              0,
              base.dataDir(),
              Optional.of(viaProxy),
              Optional.empty(),
              Optional.empty(),
              base.kekFile(),
              base.kek(),
              base.adminToken(),
              base.publicUrl(),
              base.trustForwardedHeaders(),
              base.metricsToken());
      try (ServerHarness harness = new ServerHarness(config)) {
        Model model = harness.chatModel("gpt-main", upstream);
        IssuedKey key = harness.keyFor("ada", model);
        int completed = send(harness, upstream, key, 3);

        proxy.cut();
        completed += send(harness, upstream, key, 5);
        proxy.restore();
        completed += send(harness, upstream, key, 2);
        flushOnceTheDatabaseAnswers(harness);

        List<UsageRecord> records =
            harness.codeVector.usageRecords(
                Instant.now().minusSeconds(600), Instant.now().plusSeconds(60), 1_000);
        Set<String> ids = new HashSet<>();
        records.forEach(r -> ids.add(r.requestId()));
        assertEquals(completed, records.size());
        assertEquals(completed, ids.size());
      }
    } finally {
      try (Connection admin = DriverManager.getConnection(pgUrl);
          Statement sql = admin.createStatement()) {
        sql.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  /**
   * Flushes the usage queue, retrying as the recorder's own thread would: the first writes after an
   * outage may meet pooled connections the outage broke, which the pool then replaces.
   */
  private static void flushOnceTheDatabaseAnswers(ServerHarness harness) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        harness.codeVector.usage().flush();
        return;
      } catch (StoreException e) {
        if (attempt == 20) {
          throw e;
        }
        Thread.sleep(250);
      }
    }
  }

  /** Sends requests that must all succeed; returns how many completed. */
  private static int send(ServerHarness harness, MockWebServer upstream, IssuedKey key, int count)
      throws Exception {
    for (int i = 0; i < count; i++) {
      upstream.enqueue(new MockResponse.Builder().body(ANSWER).build());
      try (Response response =
          harness.post("/v1/chat/completions", key.plaintext().reveal(), CHAT, Map.of())) {
        assertEquals(200, response.code(), response.body().string());
      }
    }
    return count;
  }
}
