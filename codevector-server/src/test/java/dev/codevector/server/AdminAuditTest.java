package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.audit.AuditEntry;
import dev.codevector.jdbc.JdbcStore;
import dev.codevector.server.ServerHarness.Reply;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail over HTTP: every kind of change made through the admin API appears once with its
 * actor, address, resource and action and with secrets shown only as prefixes; console sessions and
 * failed logins are named; the filters and pages of {@code GET /admin/api/audit}; its clear 400s;
 * no route that changes or deletes an entry; retention at start; and a change that stands when its
 * entry cannot be written.
 */
final class AdminAuditTest {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String FIRST_SECRET =
      TestSecrets.register("sk-first-upstream-secret-0123456789");
  private static final String SECOND_SECRET =
      TestSecrets.register("sk-second-upstream-secret-9876543210");

  @TempDir Path dataDir;

  private static JsonNode created(ServerHarness harness, String path, String json)
      throws IOException {
    return harness.admin("POST", path, json).expect(201);
  }

  private static String id(JsonNode node) {
    return node.get("id").asText();
  }

  /** Returns the entries since an instant, the oldest first. */
  private static List<JsonNode> since(ServerHarness harness, Instant from) throws IOException {
    List<JsonNode> entries = new ArrayList<>();
    harness
        .admin("GET", "/audit?limit=1000&from=" + from, null)
        .expect(200)
        .get("data")
        .forEach(e -> entries.add(0, e));
    return entries;
  }

  private static String line(JsonNode entry) {
    return entry.get("resource").asText()
        + " "
        + entry.get("action").asText()
        + " "
        + entry.get("resourceId").asText();
  }

  @Test
  void everyKindOfChangeIsRecordedOnceWithItsActorAndSecretsMasked() throws IOException {
    try (ServerHarness harness = new ServerHarness(dataDir)) {
      Instant start = Instant.now();
      List<String> expected = new ArrayList<>();

      JsonNode provider =
          created(
              harness,
              "/providers",
              "{\"kind\":\"openai-compatible\",\"name\":\"local\",\"config\":{\"baseUrl\":"
                  + "\"http://127.0.0.1:9/v1\"},\"credentials\":{\"apiKey\":\""
                  + FIRST_SECRET
                  + "\"}}");
      String providerId = id(provider);
      expected.add("provider create " + providerId);
      harness
          .admin(
              "PATCH",
              "/providers/" + providerId,
              "{\"name\":\"renamed\",\"credentials\":{\"apiKey\":\"" + SECOND_SECRET + "\"}}")
          .expect(200);
      expected.add("provider update " + providerId);
      harness.admin("POST", "/providers/" + providerId + "/disable", null).expect(200);
      expected.add("provider disable " + providerId);
      harness.admin("POST", "/providers/" + providerId + "/enable", null).expect(200);
      expected.add("provider enable " + providerId);
      String target =
          id(
              created(
                  harness,
                  "/providers/" + providerId + "/models",
                  "{\"modelId\":\"local-chat\",\"kind\":\"chat\",\"contextWindow\":8000,"
                      + "\"pricing\":{\"inputPerMTok\":1,\"outputPerMTok\":2}}"));
      expected.add("provider-model create " + target);
      harness.admin("PATCH", "/provider-models/" + target, "{\"contextWindow\":9000}").expect(200);
      expected.add("provider-model update " + target);
      JsonNode catalogProvider =
          created(
              harness,
              "/providers",
              "{\"kind\":\"openai\",\"name\":\"openai\",\"credentials\":{\"apiKey\":\""
                  + FIRST_SECRET
                  + "\"}}");
      expected.add("provider create " + id(catalogProvider));
      harness
          .admin("POST", "/providers/" + id(catalogProvider) + "/catalog-import", null)
          .expect(200);
      expected.add("provider import-catalog " + id(catalogProvider));

      String modelId =
          id(
              created(
                  harness,
                  "/models",
                  "{\"slug\":\"audited\",\"displayName\":\"Audited\",\"kind\":\"chat\"}"));
      expected.add("model create " + modelId);
      String backend =
          id(
              created(
                  harness,
                  "/models/audited/backends",
                  "{\"providerModelId\":\"" + target + "\",\"priority\":10}"));
      expected.add("backend create " + backend);
      harness
          .admin("PATCH", "/models/audited/backends/" + backend, "{\"priority\":20}")
          .expect(200);
      expected.add("backend update " + backend);
      harness.admin("PATCH", "/models/audited", "{\"displayName\":\"Audited 2\"}").expect(200);
      expected.add("model update " + modelId);
      harness.admin("POST", "/models/audited/publish", null).expect(200);
      expected.add("model publish " + modelId);

      String user = id(created(harness, "/users", "{\"name\":\"ada\"}"));
      expected.add("user create " + user);
      harness.admin("POST", "/users", "{}").expect(400);
      String group = id(created(harness, "/groups", "{\"name\":\"team\"}"));
      expected.add("group create " + group);
      harness.admin("POST", "/groups/" + group + "/members/" + user, null).expect(200);
      expected.add("group add-member " + group);
      harness.admin("DELETE", "/groups/" + group + "/members/" + user, null).expect(200);
      expected.add("group remove-member " + group);
      String grant =
          id(created(harness, "/grants", "{\"model\":\"audited\",\"userId\":\"" + user + "\"}"));
      expected.add("grant create " + grant);
      harness.admin("DELETE", "/grants/" + grant, null);
      expected.add("grant delete " + grant);
      JsonNode issued = created(harness, "/users/" + user + "/keys", "{\"name\":\"ci\"}");
      String key = id(issued);
      expected.add("api-key create " + key);
      harness.admin("DELETE", "/keys/" + key, null).expect(200);
      expected.add("api-key revoke " + key);
      String limit =
          id(
              created(
                  harness,
                  "/limits",
                  "{\"scope\":{\"userId\":\"" + user + "\"},\"requestsPerMinute\":5}"));
      expected.add("limit create " + limit);
      harness.admin("PATCH", "/limits/" + limit, "{\"requestsPerMinute\":6}").expect(200);
      expected.add("limit update " + limit);
      harness.admin("DELETE", "/limits/" + limit, null);
      expected.add("limit delete " + limit);

      harness.admin("POST", "/models/audited/disable", null).expect(200);
      expected.add("model disable " + modelId);
      harness.admin("DELETE", "/models/audited/backends/" + backend, null);
      expected.add("backend delete " + backend);
      harness.admin("DELETE", "/models/audited", null);
      expected.add("model delete " + modelId);
      harness.admin("DELETE", "/provider-models/" + target, null);
      expected.add("provider-model delete " + target);
      harness.admin("DELETE", "/providers/" + providerId, null);
      expected.add("provider delete " + providerId);
      harness.admin("DELETE", "/users/" + user, null);
      expected.add("user delete " + user);
      harness.admin("DELETE", "/groups/" + group, null);
      expected.add("group delete " + group);

      String trail = harness.admin("GET", "/audit?limit=1000&from=" + start, null).body();
      List<JsonNode> entries = since(harness, start);

      assertEquals(
          expected,
          entries.stream().map(AdminAuditTest::line).toList(),
          "each successful change once, in order; the refused one not at all");
      for (JsonNode entry : entries) {
        assertEquals("admin-token", entry.get("actor").asText(), entry.toString());
        assertEquals("127.0.0.1", entry.get("clientAddress").asText(), entry.toString());
      }
      assertFalse(trail.contains(FIRST_SECRET), "no credential in the trail");
      assertFalse(trail.contains(SECOND_SECRET), "no credential in the trail");
      assertFalse(trail.contains(issued.get("key").asText()), "no API key in the trail");
      assertFalse(trail.contains(ServerHarness.ADMIN_TOKEN), "no admin token in the trail");
      JsonNode update = entries.get(1);
      assertEquals("local", update.at("/before/name").asText());
      assertEquals("renamed", update.at("/after/name").asText());
      String prefix = update.at("/after/credentials/apiKey/prefix").asText();
      assertTrue(
          SECOND_SECRET.startsWith(prefix) && prefix.length() <= 8,
          "a credential shows only its prefix: " + prefix);
      JsonNode keyCreated = entries.get(expected.indexOf("api-key create " + key));
      assertEquals(issued.get("prefix").asText(), keyCreated.at("/after/prefix").asText());
      assertTrue(keyCreated.get("before").isNull(), "nothing before a creation");
      assertFalse(keyCreated.get("after").has("key"), "a new key's entry holds only its prefix");
      JsonNode deleted = entries.get(entries.size() - 1);
      assertEquals("team", deleted.at("/before/name").asText());
      assertTrue(deleted.get("after").isNull(), "nothing after a deletion");
      JsonNode backendCreated = entries.get(expected.indexOf("backend create " + backend));
      assertEquals("audited", backendCreated.at("/after/model").asText());
    }
  }

  @Test
  void consoleSessionsAreNamedByFingerprintAndFailedLoginsByAddress() throws Exception {
    try (ServerHarness harness = new ServerHarness(dataDir)) {
      OkHttpClient http = harness.http.newBuilder().followRedirects(false).build();
      Instant start = Instant.now();

      try (Response refused =
          http.newCall(loginWith(harness, "wrong-token-0123456789")).execute()) {
        assertEquals(303, refused.code());
      }
      String cookie;
      try (Response opened =
          http.newCall(loginWith(harness, ServerHarness.ADMIN_TOKEN)).execute()) {
        cookie = opened.header("Set-Cookie").split(";")[0];
      }
      String csrf;
      try (Response session =
          http.newCall(
                  new Request.Builder()
                      .url(harness.url("/admin/session"))
                      .header("Cookie", cookie)
                      .build())
              .execute()) {
        csrf = MAPPER.readTree(session.body().string()).get("csrfToken").asText();
      }
      try (Response user =
          http.newCall(
                  new Request.Builder()
                      .url(harness.url("/admin/api/users"))
                      .header("Cookie", cookie)
                      .header("X-CSRF-Token", csrf)
                      .post(RequestBody.create("{\"name\":\"from-console\"}", JSON))
                      .build())
              .execute()) {
        assertEquals(201, user.code());
      }

      String trail = harness.admin("GET", "/audit?from=" + start, null).body();
      List<JsonNode> entries = since(harness, start);

      assertEquals(3, entries.size(), trail);
      JsonNode failed = entries.get(0);
      assertEquals(
          "console-session login-failed",
          failed.get("resource").asText() + " " + failed.get("action").asText());
      assertEquals("anonymous", failed.get("actor").asText());
      assertEquals("127.0.0.1", failed.get("clientAddress").asText());
      assertTrue(failed.get("resourceId").isNull());
      assertFalse(trail.contains("wrong-token-0123456789"), "what was presented is not kept");
      JsonNode login = entries.get(1);
      assertEquals("login", login.get("action").asText());
      String fingerprint = login.get("resourceId").asText();
      assertTrue(fingerprint.matches("[0-9a-f]{8}"), fingerprint);
      assertFalse(cookie.contains(fingerprint), "the fingerprint is not the session id");
      JsonNode change = entries.get(2);
      assertEquals(
          "user create", change.get("resource").asText() + " " + change.get("action").asText());
      assertEquals("session:" + fingerprint, change.get("actor").asText());
    }
  }

  private static Request loginWith(ServerHarness harness, String token) {
    return new Request.Builder()
        .url(harness.url("/admin/login"))
        .post(new FormBody.Builder().add("token", token).build())
        .build();
  }

  @Test
  void filtersAndPagesNarrowTheTrail() throws IOException {
    try (ServerHarness harness = new ServerHarness(dataDir)) {
      String first = id(created(harness, "/users", "{\"name\":\"first\"}"));
      Instant between = Instant.now();
      String second = id(created(harness, "/users", "{\"name\":\"second\"}"));
      String group = id(created(harness, "/groups", "{\"name\":\"g\"}"));

      JsonNode byResource = harness.admin("GET", "/audit?resource=user", null).expect(200);
      JsonNode byId = harness.admin("GET", "/audit?resourceId=" + first, null).expect(200);
      JsonNode byTime =
          harness.admin("GET", "/audit?resource=user&from=" + between, null).expect(200);
      JsonNode before = harness.admin("GET", "/audit?to=" + between, null).expect(200);
      JsonNode byActor = harness.admin("GET", "/audit?actor=session:00000000", null).expect(200);
      JsonNode page = harness.admin("GET", "/audit?limit=1", null).expect(200);
      JsonNode next =
          harness
              .admin("GET", "/audit?limit=1&before=" + page.get("next").asText(), null)
              .expect(200);

      assertEquals(List.of(second, first), resourceIds(byResource));
      assertEquals(List.of(first), resourceIds(byId));
      assertEquals(List.of(second), resourceIds(byTime));
      assertEquals(List.of(first), resourceIds(before));
      assertEquals(List.of(), resourceIds(byActor));
      assertEquals(List.of(group), resourceIds(page));
      assertEquals(List.of(second), resourceIds(next));
      assertTrue(byResource.get("next").isNull(), "no page follows the last");
    }
  }

  private static List<String> resourceIds(JsonNode answer) {
    List<String> ids = new ArrayList<>();
    answer.get("data").forEach(e -> ids.add(e.get("resourceId").asText()));
    return ids;
  }

  @Test
  void badFiltersAreRefusedWithTheFieldAtFault() throws IOException {
    try (ServerHarness harness = new ServerHarness(dataDir)) {
      Map<String, String> refused =
          Map.of(
              "/audit?from=yesterday", "from",
              "/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to",
              "/audit?limit=0", "limit",
              "/audit?limit=1001", "limit",
              "/audit?limit=ten", "limit",
              "/audit?actor=%20", "actor",
              "/audit?resource=", "resource");

      for (Map.Entry<String, String> query : refused.entrySet()) {
        Reply reply = harness.admin("GET", query.getKey(), null);

        JsonNode error = reply.expect(400).get("error");
        assertEquals("invalid_request_error", error.get("type").asText(), query.getKey());
        assertEquals(query.getValue(), error.get("field").asText(), query.getKey());
        assertFalse(reply.body().contains("Exception"), reply.body());
      }
    }
  }

  @Test
  void noRouteChangesOrDeletesAnEntry() throws IOException {
    try (ServerHarness harness = new ServerHarness(dataDir)) {
      created(harness, "/users", "{\"name\":\"kept\"}");
      String entry = harness.admin("GET", "/audit", null).expect(200).at("/data/0/id").asText();

      for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
        for (String path : List.of("/audit", "/audit/" + entry)) {
          assertEquals(
              404, harness.admin(method, path, "{}").code(), method + " " + path + " is no route");
        }
      }

      assertEquals(1, harness.admin("GET", "/audit", null).expect(200).get("data").size());
    }
  }

  @Test
  void entriesOlderThanTheRetentionAreRemovedAtStart() throws IOException {
    Instant now = Instant.now();
    try (JdbcStore store = JdbcStore.h2(dataDir)) {
      store.audit().appendAudit(entry("old", now.minus(Duration.ofDays(31))));
      store.audit().appendAudit(entry("recent", now.minus(Duration.ofDays(29))));
    }

    try (ServerHarness harness =
        new ServerHarness(
            ServerHarness.config(dataDir, Map.of("CODEVECTOR_AUDIT_RETENTION_DAYS", "30")))) {
      JsonNode kept = harness.admin("GET", "/audit", null).expect(200);

      assertEquals(1, kept.get("data").size(), kept.toString());
      assertEquals("recent", kept.at("/data/0/id").asText());
    }
  }

  private static AuditEntry entry(String id, Instant at) {
    return new AuditEntry(
        id,
        at,
        "admin-token",
        "127.0.0.1",
        "user",
        Optional.of("u-" + id),
        "create",
        Optional.empty(),
        Optional.of("{}"));
  }

  @Test
  void aChangeStandsWhenItsEntryCannotBeWritten() throws IOException, SQLException {
    try (ServerHarness harness = new ServerHarness(dataDir);
        StderrCapture stderr = StderrCapture.start();
        Connection database =
            DriverManager.getConnection(
                "jdbc:h2:file:"
                    + dataDir.resolve("codevector").toAbsolutePath()
                    + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=1024");
        Statement sql = database.createStatement()) {
      sql.execute("ALTER TABLE audit_entries RENAME TO audit_entries_away");

      Reply reply = harness.admin("POST", "/users", "{\"name\":\"unaudited\"}");

      sql.execute("ALTER TABLE audit_entries_away RENAME TO audit_entries");
      assertEquals("unaudited", reply.expect(201).get("name").asText());
      assertEquals(
          "unaudited",
          harness
              .admin("GET", "/users/" + id(reply.json()), null)
              .expect(200)
              .get("name")
              .asText());
      assertTrue(
          stderr.text().contains("cannot record the audit entry of create on user"), stderr.text());
    }
  }
}
