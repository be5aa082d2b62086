package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.access.IssuedKey;
import dev.codevector.registry.Model;
import dev.codevector.spi.StoreException;
import dev.codevector.testing.PostgresSchema;
import dev.codevector.usage.UsageRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server on PostgreSQL through a proxy the test cuts: requests of known keys go on during the
 * outage without waiting for the database, every completed request is recorded exactly once after
 * it, and readiness follows the database.
 */
@EnabledIfEnvironmentVariable(
    named = PostgresSchema.URL_VARIABLE,
    matches = ".+",
    disabledReason = PostgresSchema.SKIPPED)
final class DatabaseOutageTest {
  private static final String CHAT = "{\"model\":\"gpt-main\",\"messages\":[]}";
  private static final String ANSWER =
      "{\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2,\"total_tokens\":12}}";

  @TempDir Path dataDir;

  private PostgresSchema schema;
  private TcpProxy proxy;
  private MockWebServer upstream;
  private ServerHarness harness;

  @BeforeEach
  void startTheServerOnPostgresThroughAProxy() throws Exception {
    schema = PostgresSchema.create();
    proxy = new TcpProxy(schema.server().getHostString(), schema.server().getPort());
    upstream = new MockWebServer();
    upstream.start();
    harness =
        new ServerHarness(
            ServerHarness.config(
                dataDir, Map.of("CODEVECTOR_DB_URL", schema.urlThrough(proxy.port()))));
  }

  @AfterEach
  void stopAll() throws Exception {
    proxy.restore();
    harness.close();
    upstream.close();
    proxy.close();
    schema.close();
  }

  @Test
  void requestsOfKnownKeysGoOnDuringAnOutageAndAreAllRecordedOnceAfterIt() throws Exception {
    Model model = harness.chatModel("gpt-main", upstream);
    IssuedKey key = harness.keyFor("ada", model);
    int completed = send(key, 3);

    proxy.cut();
    completed += send(key, 5);
    proxy.restore();
    completed += send(key, 2);
    flushOnceTheDatabaseAnswers();

    List<UsageRecord> records =
        harness.codeVector.usageRecords(
            Instant.now().minusSeconds(600), Instant.now().plusSeconds(60), 1_000);
    Set<String> ids = new HashSet<>();
    records.forEach(r -> ids.add(r.requestId()));
    assertEquals(completed, records.size());
    assertEquals(completed, ids.size());
  }

  @Test
  void requestsDoNotWaitForTheirKeysLastUseWhileTheDatabaseHoldsItOrIsCut() throws Exception {
    Model model = harness.chatModel("gpt-main", upstream);
    IssuedKey key = harness.keyFor("ada", model);

    try (Connection holder = schema.connect();
        Statement lock = holder.createStatement()) {
      holder.setAutoCommit(false);
      lock.execute("LOCK TABLE api_keys IN EXCLUSIVE MODE");
      assertTimeoutPreemptively(Duration.ofSeconds(5), () -> send(key, 1));
      proxy.cut();
    }

    assertTimeoutPreemptively(Duration.ofSeconds(2), () -> send(key, 3));
  }

  @Test
  void readinessIs503WhileTheDatabaseIsUnreachableAndLivenessStays200() throws Exception {
    awaitReadiness(200);

    proxy.cut();
    String unavailable = awaitReadiness(503);

    assertEquals("{\"status\":\"unavailable\",\"reason\":\"database\"}", unavailable);
    try (Response health = harness.get("/healthz", Map.of())) {
      assertEquals(200, health.code());
    }
    proxy.restore();
    assertEquals("{\"status\":\"ready\"}", awaitReadiness(200));
  }

  @Test
  void theAdminApiAnswers503WhileTheDatabaseIsUnreachableWithTheTokenOrASession() throws Exception {
    String cookie = consoleLogin();

    proxy.cut();
    ServerHarness.Reply withToken = harness.admin("GET", "/users", null);
    Response withSession = harness.get("/admin/api/users", Map.of("Cookie", cookie));

    assertEquals(503, withToken.code(), withToken.body());
    assertEquals("1", withToken.headers().get("retry-after"));
    assertTrue(withToken.body().contains("the database cannot be reached"), withToken.body());
    try (withSession) {
      String body = withSession.body().string();
      assertEquals(503, withSession.code(), body);
      assertTrue(body.contains("the database cannot be reached"), body);
    }
  }

  @Test
  void theConsoleSessionRoutesAnswer503WhileTheDatabaseIsUnreachableAndWorkAfter()
      throws Exception {
    String cookie = consoleLogin();
    String csrf;
    try (Response session = harness.get("/admin/session", Map.of("Cookie", cookie))) {
      csrf = session.body().string().replaceAll(".*\"csrfToken\":\"([^\"]+)\".*", "$1");
    }

    proxy.cut();
    assertUnavailable(harness.get("/admin/session", Map.of("Cookie", cookie)));
    assertUnavailable(
        harness.post("/admin/logout", null, "", Map.of("Cookie", cookie, "X-CSRF-Token", csrf)));
    assertUnavailable(
        harness.post(
            "/admin/login", null, "{\"token\":\"" + ServerHarness.ADMIN_TOKEN + "\"}", Map.of()));
    proxy.restore();

    try (Response logout =
        awaitAnswer(
            () ->
                harness.post(
                    "/admin/logout", null, "", Map.of("Cookie", cookie, "X-CSRF-Token", csrf)))) {
      assertEquals(204, logout.code());
    }
    try (Response session = harness.get("/admin/session", Map.of("Cookie", cookie))) {
      assertEquals(401, session.code());
    }
  }

  @Test
  void aKeyThatMustBeLookedUpIs503InTheCallersDialectWhileTheDatabaseIsUnreachable()
      throws Exception {
    Model model = harness.chatModel("gpt-main", upstream);
    IssuedKey key = harness.keyFor("ada", model);
    String unknown = "cv-" + "A".repeat(32);

    proxy.cut();
    try (Response chat = harness.post("/v1/chat/completions", unknown, CHAT, Map.of())) {
      String body = chat.body().string();
      assertEquals(503, chat.code(), body);
      assertEquals("1", chat.header("retry-after"));
      assertTrue(body.startsWith("{\"error\":{\"message\":\"the database cannot be reached"), body);
    }
    try (Response messages = harness.post("/v1/messages", unknown, CHAT, Map.of())) {
      String body = messages.body().string();
      assertEquals(503, messages.code(), body);
      assertEquals("1", messages.header("retry-after"));
      assertTrue(body.startsWith("{\"type\":\"error\",\"error\":{\"type\":"), body);
      assertTrue(body.contains("the database cannot be reached"), body);
    }
    assertEquals(0, upstream.getRequestCount());
    proxy.restore();

    try (Response chat =
        awaitAnswer(() -> harness.post("/v1/chat/completions", unknown, CHAT, Map.of()))) {
      assertEquals(401, chat.code());
    }
    send(key, 1);
  }

  @Test
  void aModelThatMustBeLookedUpIs503InTheCallersDialectWhileTheDatabaseIsUnreachable()
      throws Exception {
    Model model = harness.chatModel("gpt-main", upstream);
    IssuedKey key = harness.keyFor("ada", model);
    send(key, 1);
    String other = "{\"model\":\"gpt-other\",\"messages\":[]}";

    proxy.cut();
    try (Response chat =
        harness.post("/v1/chat/completions", key.plaintext().reveal(), other, Map.of())) {
      String body = chat.body().string();
      assertEquals(503, chat.code(), body);
      assertEquals("1", chat.header("retry-after"));
      assertTrue(body.startsWith("{\"error\":{\"message\":\"the database cannot be reached"), body);
    }
    proxy.restore();

    try (Response chat =
        awaitAnswer(
            () ->
                harness.post("/v1/chat/completions", key.plaintext().reveal(), other, Map.of()))) {
      assertEquals(404, chat.code());
    }
  }

  /** Asserts a 503 with Retry-After and the admin shape's error naming the database. */
  private static void assertUnavailable(Response response) throws Exception {
    try (response) {
      String body = response.body().string();
      assertEquals(503, response.code(), body);
      assertEquals("1", response.header("retry-after"));
      assertEquals(
          "{\"error\":{\"type\":\"api_error\",\"message\":"
              + "\"the database cannot be reached; try again shortly\"}}",
          body);
    }
  }

  /** A request the test sends. */
  private interface Call {
    Response send() throws Exception;
  }

  /**
   * Sends a request until it is not answered 503, as a client heeding Retry-After would: the first
   * requests after an outage may meet pooled connections it broke; the answer.
   */
  private static Response awaitAnswer(Call call) throws Exception {
    for (int attempt = 1; ; attempt++) {
      Response response = call.send();
      if (response.code() != 503 || attempt == 20) {
        return response;
      }
      response.close();
      Thread.sleep(250);
    }
  }

  /** Signs in to the console; the session cookie's {@code name=value}. */
  private String consoleLogin() throws Exception {
    try (Response login =
        harness.post(
            "/admin/login", null, "{\"token\":\"" + ServerHarness.ADMIN_TOKEN + "\"}", Map.of())) {
      assertEquals(200, login.code());
      return login.header("Set-Cookie").split(";")[0];
    }
  }

  /** Probes {@code /readyz} until it answers with a status, as an orchestrator would; its body. */
  private String awaitReadiness(int status) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try (Response ready = harness.get("/readyz", Map.of())) {
        String body = ready.body().string();
        if (ready.code() == status) {
          return body;
        }
        assertTrue(System.nanoTime() < deadline, "readiness stayed " + ready.code() + ": " + body);
      }
      Thread.sleep(100);
    }
  }

  /**
   * Flushes the usage queue, retrying as the recorder's own thread would: the first writes after an
   * outage may meet pooled connections the outage broke, which the pool then replaces.
   */
  private void flushOnceTheDatabaseAnswers() throws Exception {
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
  private int send(IssuedKey key, int count) throws Exception {
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
