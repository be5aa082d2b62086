package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codevector.server.ServerHarness.Reply;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users, groups, grants and API keys through the admin API, checked against the proxy: what the
 * admin API grants and revokes is what the proxy lets through. One server and one upstream serve
 * every test; each uses its own names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class AdminAccessTest {
  private static final String COMPLETION =
      "{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
          + "{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";

  private final MockWebServer upstream = new MockWebServer();
  private ServerHarness harness;

  @BeforeAll
  void start(@TempDir Path dataDir) throws IOException {
    upstream.start();
    harness = new ServerHarness(dataDir);
  }

  @AfterAll
  void stop() {
    harness.close();
    upstream.close();
  }

  private JsonNode created(String path, String json) throws IOException {
    return harness.admin("POST", path, json).expect(201);
  }

  private JsonNode ok(String method, String path, String json) throws IOException {
    return harness.admin(method, path, json).expect(200);
  }

  private String user(String name) throws IOException {
    return created("/users", "{\"name\":\"" + name + "\"}").get("id").asText();
  }

  private String key(String userId) throws IOException {
    return created("/users/" + userId + "/keys", null).get("key").asText();
  }

  private int chat(String key, String slug) throws IOException {
    upstream.enqueue(new MockResponse.Builder().body(COMPLETION).build());
    try (Response response =
        harness.post(
            "/v1/chat/completions",
            key,
            "{\"model\":\"" + slug + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            Map.of())) {
      return response.code();
    }
  }

  @Test
  void groupGrantGivesItsMembersAccess() throws IOException {
    harness.chatModel("group-model", upstream);
    String userId = user("Grace");
    String key = key(userId);
    String groupId = created("/groups", "{\"name\":\"engineers\"}").get("id").asText();
    assertEquals(404, chat(key, "group-model"));

    JsonNode group = ok("POST", "/groups/" + groupId + "/members/" + userId, null);
    JsonNode grant =
        created("/grants", "{\"model\":\"group-model\",\"groupId\":\"" + groupId + "\"}");

    assertEquals(userId, group.get("members").get(0).asText());
    assertEquals(groupId, grant.get("groupId").asText());
    assertEquals("engineers", grant.get("principalName").asText());
    assertEquals(200, chat(key, "group-model"));
    JsonNode left = ok("DELETE", "/groups/" + groupId + "/members/" + userId, null);
    assertEquals(0, left.get("members").size());
    assertEquals(404, chat(key, "group-model"));
  }

  @Test
  void revokedKeyIsRefusedByTheProxy() throws IOException {
    harness.chatModel("revoke-model", upstream);
    String userId = user("Linus");
    created("/grants", "{\"model\":\"revoke-model\",\"userId\":\"" + userId + "\"}");
    JsonNode issued = created("/users/" + userId + "/keys", "{\"name\":\"ci\"}");
    String key = issued.get("key").asText();
    assertEquals(200, chat(key, "revoke-model"));

    JsonNode revoked = ok("DELETE", "/keys/" + issued.get("id").asText(), null);

    assertEquals("revoked", revoked.get("status").asText());
    assertFalse(revoked.get("revokedAt").isNull());
    assertFalse(revoked.has("key"));
    assertEquals(401, chat(key, "revoke-model"));
    assertEquals(
        "revoked", ok("GET", "/keys/" + issued.get("id").asText(), null).get("status").asText());
  }

  @Test
  void keysAreShownOnceAndListedByPrefix() throws IOException {
    String userId = user("Barbara");
    Instant expiry = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    JsonNode issued =
        created(
            "/users/" + userId + "/keys", "{\"name\":\"laptop\",\"expiresAt\":\"" + expiry + "\"}");
    Reply listed = harness.admin("GET", "/keys", null);

    String key = issued.get("key").asText();
    assertTrue(key.startsWith("cv-"), key);
    assertTrue(key.startsWith(issued.get("prefix").asText()));
    assertEquals("laptop", issued.get("name").asText());
    assertEquals(expiry.toString(), issued.get("expiresAt").asText());
    assertEquals(userId, issued.get("userId").asText());
    assertFalse(listed.body().contains(key));
    boolean found = false;
    for (JsonNode each : listed.json().get("data")) {
      assertFalse(each.has("key"));
      found |= each.get("id").equals(issued.get("id"));
    }
    assertTrue(found);
  }

  @Test
  void grantsAreListedFilteredAndRevoked() throws IOException {
    harness.chatModel("grants-model", upstream);
    String userId = user("Alan");
    String key = key(userId);
    String grantId =
        created("/grants", "{\"model\":\"grants-model\",\"userId\":\"" + userId + "\"}")
            .get("id")
            .asText();
    assertEquals(
        409,
        harness
            .admin("POST", "/grants", "{\"model\":\"grants-model\",\"userId\":\"" + userId + "\"}")
            .code());

    JsonNode byModel = ok("GET", "/grants?model=grants-model", null).get("data");
    JsonNode byUser = ok("GET", "/grants?userId=" + userId, null).get("data");

    assertEquals(1, byModel.size());
    assertEquals("grants-model", byModel.get(0).get("model").asText());
    assertEquals("Alan", byModel.get(0).get("principalName").asText());
    assertEquals(grantId, byUser.get(0).get("id").asText());
    assertEquals(200, chat(key, "grants-model"));
    assertEquals(204, harness.admin("DELETE", "/grants/" + grantId, null).code());
    assertEquals(404, chat(key, "grants-model"));
    assertEquals(0, ok("GET", "/grants?model=grants-model", null).get("data").size());
  }

  @Test
  void usersAndGroupsAreListedAndDeleted() throws IOException {
    String userId =
        created("/users", "{\"name\":\"Edsger\",\"email\":\"EDSGER@example.com\"}")
            .get("id")
            .asText();
    String key = key(userId);
    String groupId = created("/groups", "{\"name\":\"short-lived\"}").get("id").asText();
    assertEquals(
        409,
        harness
            .admin("POST", "/users", "{\"name\":\"Twin\",\"email\":\"edsger@example.com\"}")
            .code());
    assertEquals(409, harness.admin("POST", "/groups", "{\"name\":\"short-lived\"}").code());

    JsonNode user = ok("GET", "/users/" + userId, null);
    boolean listed = false;
    for (JsonNode each : ok("GET", "/users", null).get("data")) {
      listed |= each.get("id").asText().equals(userId);
    }

    assertEquals("edsger@example.com", user.get("email").asText());
    assertTrue(listed);
    assertEquals(204, harness.admin("DELETE", "/users/" + userId, null).code());
    assertEquals(404, harness.admin("GET", "/users/" + userId, null).code());
    assertEquals(401, chat(key, "any-model"));
    assertEquals(204, harness.admin("DELETE", "/groups/" + groupId, null).code());
    for (JsonNode each : ok("GET", "/groups", null).get("data")) {
      assertFalse(each.get("id").asText().equals(groupId));
    }
  }

  @Test
  void usageExportKeepsNamesAsText() throws IOException {
    harness.chatModel("csv-model", upstream);
    String userId = created("/users", "{\"name\":\"=SUM(A1), \\\"x\\\"\"}").get("id").asText();
    created("/grants", "{\"model\":\"csv-model\",\"userId\":\"" + userId + "\"}");
    assertEquals(200, chat(key(userId), "csv-model"));
    harness.codeVector.usage().flush();

    Reply csv = harness.admin("GET", "/usage.csv", null);

    String row = csv.body().lines().filter(line -> line.contains(userId)).findFirst().orElseThrow();
    assertTrue(row.contains("," + userId + ",\"'=SUM(A1), \"\"x\"\"\",csv-model,"), row);
    assertEquals("attachment; filename=\"usage.csv\"", csv.headers().get("content-disposition"));
  }
}
