package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.access.IssuedKey;
import dev.codevector.registry.Model;
import dev.codevector.testing.PostgresSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes on one PostgreSQL database: a key revoked through one replica's admin API is
 * refused by the other within a second of the revocation's answer (the change is committed then),
 * in each of ten trials on the same two processes, each trial with a key the other replica has just
 * cached. The other replica's cache refreshes only every second, so only the notification of the
 * change explains a refusal well within it. Prints the worst and the median time.
 */
@EnabledIfEnvironmentVariable(
    named = PostgresSchema.URL_VARIABLE,
    matches = ".+",
    disabledReason = PostgresSchema.SKIPPED)
final class ReplicaTest {
  private static final int TRIALS = 10;
  private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(10);

  @TempDir Path dataDir;
  private PostgresSchema schema;
  private final MockWebServer upstream = new MockWebServer();
  private final HttpClient http = HttpClient.newHttpClient();
  private Map<String, String> env;
  private final List<Process> servers = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    schema = PostgresSchema.create();
    upstream.start();
    env = ServerProcess.environment(dataDir, "CODEVECTOR_DB_URL", schema.url());
  }

  @AfterEach
  void stop() throws Exception {
    for (Process server : servers) {
      server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    http.close();
    upstream.close();
    schema.close();
  }

  @Test
  void aKeyRevokedThroughOneReplicaIsRefusedByTheOtherWithinASecond() throws Exception {
    List<IssuedKey> keys = new ArrayList<>();
    try (ServerHarness harness = new ServerHarness(ServerConfig.fromEnvironment(env))) {
      Model model = harness.chatModel("gpt-main", upstream);
      for (int i = 0; i < TRIALS; i++) {
        keys.add(harness.keyFor("user-" + i, model));
      }
    }
    int replicaA = startReplica();
    int replicaB = startReplica();

    List<Long> millis = new ArrayList<>();
    for (IssuedKey key : keys) {
      assertEquals(200, listModels(replicaB, key), "replica B knows the key before it is revoked");
      assertEquals(200, revoke(replicaA, key));
      long revoked = System.nanoTime();
      while (listModels(replicaB, key) == 200) {
        assertTrue(System.nanoTime() - revoked < GIVE_UP_NANOS, "replica B never refused the key");
      }
      millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - revoked));
    }

    List<Long> sorted = millis.stream().sorted().toList();
    long worst = sorted.get(sorted.size() - 1);
    long median = (sorted.get(TRIALS / 2 - 1) + sorted.get(TRIALS / 2)) / 2;
    System.out.printf(
        "a key revoked through replica A is refused by replica B after: worst %d ms, median %d ms"
            + " (%d trials: %s ms)%n",
        worst, median, TRIALS, millis);
    assertTrue(worst < 1_000, "worst " + worst + " ms of " + millis);
  }

  private int startReplica() throws Exception {
    Process server = ServerProcess.start(env);
    servers.add(server);
    return ServerProcess.port(server);
  }

  /** Asks a replica for the Models a key may use; returns the status, 401 once it is refused. */
  private int listModels(int port, IssuedKey key) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/models"))
                .header("Authorization", "Bearer " + key.plaintext().reveal())
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /** Revokes a key through a replica's admin API; returns the status. */
  private int revoke(int port, IssuedKey key) throws Exception {
    return http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + port + "/admin/api/keys/" + key.key().id().value()))
                .header("Authorization", "Bearer " + ServerHarness.ADMIN_TOKEN)
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
