package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.jdbc.JdbcStore;
import dev.codevector.spi.ConsoleSession;
import dev.codevector.testing.PostgresSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one database serve the same console sessions: a session opened through one is used
 * through the other, a logout through either ends it on both, and an expired session is refused by
 * both. On H2 (an in-memory database both servers in this process open) and on PostgreSQL.
 */
final class ConsoleReplicasTest {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Nested
  final class OnH2 extends Replicas {
    @Override
    String databaseUrl() {
      return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }
  }

  @Nested
  @EnabledIfEnvironmentVariable(
      named = PostgresSchema.URL_VARIABLE,
      matches = ".+",
      disabledReason = PostgresSchema.SKIPPED)
  final class OnPostgres extends Replicas {
    private PostgresSchema schema;

    @Override
    String databaseUrl() throws SQLException {
      schema = PostgresSchema.create();
      return schema.url();
    }

    @AfterEach
    void dropSchema() throws SQLException {
      schema.close();
    }
  }

  /** The tests, on a database a subclass names. */
  abstract static class Replicas {
    @TempDir Path dataDir;

    private String url;
    private ServerHarness first;
    private ServerHarness second;
    private final OkHttpClient http = new OkHttpClient.Builder().followRedirects(false).build();

    /** Returns the JDBC URL of a new, empty database. */
    abstract String databaseUrl() throws SQLException;

    /** Starts two servers on the database, sharing the key-encryption key and the admin token. */
    private void startTwo() throws SQLException {
      url = databaseUrl();
      ServerConfig config = ServerHarness.config(dataDir, Map.of("CODEVECTOR_DB_URL", url));
      first = new ServerHarness(config);
      second = new ServerHarness(config);
    }

    @AfterEach
    void stop() {
      for (ServerHarness harness : new ServerHarness[] {first, second}) {
        if (harness != null) {
          harness.close();
        }
      }
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }

    private Response call(Request.Builder request) throws Exception {
      return http.newCall(request.build()).execute();
    }

    /** Logs in through a server and returns the session cookie's {@code name=value}. */
    private String login(ServerHarness server) throws Exception {
      try (Response response =
          call(
              new Request.Builder()
                  .url(server.url("/admin/login"))
                  .post(new FormBody.Builder().add("token", ServerHarness.ADMIN_TOKEN).build()))) {
        assertEquals(303, response.code());
        return response.header("Set-Cookie").split(";")[0];
      }
    }

    /** Returns the status of {@code GET /admin/session} and the CSRF token it gave, if any. */
    private Optional<String> csrf(ServerHarness server, String cookie) throws Exception {
      try (Response response =
          call(new Request.Builder().url(server.url("/admin/session")).header("Cookie", cookie))) {
        if (response.code() == 401) {
          return Optional.empty();
        }
        assertEquals(200, response.code());
        return Optional.of(MAPPER.readTree(response.body().string()).get("csrfToken").asText());
      }
    }

    /** Posts with the session cookie and a CSRF token; returns the status. */
    private int post(ServerHarness server, String path, String cookie, String csrf, String body)
        throws Exception {
      try (Response response =
          call(
              new Request.Builder()
                  .url(server.url(path))
                  .header("Cookie", cookie)
                  .header("X-CSRF-Token", csrf)
                  .post(RequestBody.create(body, JSON)))) {
        return response.code();
      }
    }

    private int createUser(ServerHarness server, String cookie, String csrf) throws Exception {
      return post(server, "/admin/api/users", cookie, csrf, "{\"name\":\"someone\"}");
    }

    @Test
    void sessionOpenedThroughOneServerIsServedByTheOther() throws Exception {
      startTwo();
      String cookie = login(first);

      Optional<String> csrf = csrf(second, cookie);

      assertEquals(csrf(first, cookie), csrf, "both servers derive the same CSRF token");
      assertEquals(201, createUser(second, cookie, csrf.orElseThrow()));
    }

    @Test
    void logoutThroughOneServerEndsTheSessionOnBoth() throws Exception {
      startTwo();
      String cookie = login(first);
      String csrf = csrf(first, cookie).orElseThrow();

      int logout = post(second, "/admin/logout", cookie, csrf, "");

      assertEquals(204, logout);
      assertEquals(Optional.empty(), csrf(first, cookie));
      assertEquals(401, createUser(first, cookie, csrf));
    }

    @Test
    void expiredSessionIsRefusedByBothAndDeleted() throws Exception {
      startTwo();
      String id = "an-expired-session-id";
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
      Instant lastUsed = now.minus(Duration.ofHours(13));
      try (JdbcStore store = JdbcStore.create(url, null, null)) {
        store
            .sessions()
            .putSession(
                new ConsoleSession(hash, lastUsed, lastUsed, lastUsed.plus(Duration.ofHours(12))));
      }
      String cookie = "cv_console=" + id;

      Optional<String> onFirst = csrf(first, cookie);
      Optional<String> onSecond = csrf(second, cookie);

      assertEquals(Optional.empty(), onFirst);
      assertEquals(Optional.empty(), onSecond);
      try (Response page =
          call(new Request.Builder().url(second.url("/admin/models")).header("Cookie", cookie))) {
        assertEquals(303, page.code());
        assertEquals("/admin/login", page.header("Location"));
      }
      try (JdbcStore store = JdbcStore.create(url, null, null)) {
        assertEquals(Optional.empty(), store.sessions().findSession(hash));
      }
    }
  }
}
