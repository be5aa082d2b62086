package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * change explains a refusal well within it. Prints the worst and the median time. A console session
 * opened on one replica is served by the other, and each change made through either appears in the
 * audit trail once.
 */
@EnabledIfEnvironmentVariable(
    named = PostgresSchema.URL_VARIABLE,
    matches = ".+",
    disabledReason = PostgresSchema.SKIPPED)
final class ReplicaTest {
  private static final int TRIALS = 10;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(10);

  @TempDir Path dataDir;
  private PostgresSchema schema;
  private final MockWebServer upstream = new MockWebServer();
  private final HttpClient http = HttpClient.newHttpClient();
  private Map<String, String> env;
  private Replicas replicas;

  @BeforeEach
  void start() throws Exception {
    schema = PostgresSchema.create();
    upstream.start();
    env = ServerProcess.environment(dataDir, "CODEVECTOR_DB_URL", schema.url());
    replicas = new Replicas(env);
  }

  @AfterEach
  void stop() throws Exception {
    replicas.close();
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
    int replicaA = replicas.start();
    int replicaB = replicas.start();

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

  @Test
  void aConsoleSessionOpenedOnOneReplicaWorksOnTheOtherAndEachChangeIsAuditedOnce()
      throws Exception {
    int replicaA = replicas.start();
    int replicaB = replicas.start();

    HttpResponse<String> login =
        send(
            replicaA,
            "POST",
            "/admin/login",
            "{\"token\":\"" + ServerHarness.ADMIN_TOKEN + "\"}",
            Map.of());
    assertEquals(200, login.statusCode(), login.body());
    String cookie = login.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
    String csrf = MAPPER.readTree(login.body()).get("csrfToken").asText();
    Map<String, String> session = Map.of("Cookie", cookie, "X-CSRF-Token", csrf);

    HttpResponse<String> onB =
        send(replicaB, "GET", "/admin/session", null, Map.of("Cookie", cookie));
    assertEquals(200, onB.statusCode(), "replica B serves replica A's session: " + replicas);
    assertEquals(csrf, MAPPER.readTree(onB.body()).get("csrfToken").asText());
    assertEquals(
        201,
        send(replicaB, "POST", "/admin/api/users", "{\"name\":\"grace\"}", session).statusCode());
    assertEquals(
        201,
        send(
                replicaA,
                "POST",
                "/admin/api/groups",
                "{\"name\":\"platform\"}",
                Map.of("Authorization", "Bearer " + ServerHarness.ADMIN_TOKEN))
            .statusCode());
    assertEquals(204, send(replicaB, "POST", "/admin/logout", null, session).statusCode());
    assertEquals(
        401,
        send(replicaA, "GET", "/admin/session", null, Map.of("Cookie", cookie)).statusCode(),
        "a logout through replica B ends the session on replica A");

    JsonNode audit =
        MAPPER.readTree(
            send(
                    replicaB,
                    "GET",
                    "/admin/api/audit",
                    null,
                    Map.of("Authorization", "Bearer " + ServerHarness.ADMIN_TOKEN))
                .body());
    List<String> entries = new ArrayList<>();
    for (JsonNode entry : audit.get("data")) {
      entries.add(entry.get("resource").asText() + " " + entry.get("action").asText());
    }
    assertEquals(1, entries.stream().filter("user create"::equals).count(), entries.toString());
    assertEquals(1, entries.stream().filter("group create"::equals).count(), entries.toString());
  }

  /** Sends a request to a replica with headers, and a JSON body unless it is null. */
  private HttpResponse<String> send(
      int port, String method, String path, String json, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
