package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codevector.access.IssuedKey;
import dev.codevector.limits.BudgetPeriod;
import dev.codevector.limits.Demand;
import dev.codevector.limits.Subject;
import dev.codevector.limits.Ticket;
import dev.codevector.limits.Window;
import dev.codevector.registry.Model;
import dev.codevector.server.ServerHarness.Reply;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budgets and rate limits through the admin API: their round trip, partial changes, the standing of
 * their caps after requests are admitted, the filters of the list, and every way a request is
 * refused, each with a JSON error that shows no secret and no stack trace. One server serves every
 * test; each uses its own names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class AdminLimitsTest {
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

  private JsonNode created(String json) throws IOException {
    return harness.admin("POST", "/limits", json).expect(201);
  }

  private JsonNode ok(String method, String path, String json) throws IOException {
    return harness.admin(method, path, json).expect(200);
  }

  private String user(String name) throws IOException {
    return harness
        .admin("POST", "/users", "{\"name\":\"" + name + "\"}")
        .expect(201)
        .get("id")
        .asText();
  }

  private static String onUser(String userId, String rest) {
    return "{\"scope\":{\"userId\":\"" + userId + "\"}," + rest + "}";
  }

  /**
   * Checks a refusal: its status, its error type and field, and a body that is only the error,
   * without the admin token, an exception's name or a stack trace.
   */
  private JsonNode refused(Reply reply, int code, String field) throws IOException {
    assertEquals(code, reply.code(), reply.body());
    assertEquals("application/json", reply.headers().get("content-type"));
    JsonNode root = reply.json();
    assertEquals(List.of("error"), names(root), reply.body());
    JsonNode error = root.get("error");
    String type =
        switch (code) {
          case 400 -> "invalid_request_error";
          case 404 -> "not_found_error";
          default -> "conflict_error";
        };
    assertEquals(type, error.get("type").asText(), reply.body());
    assertFalse(error.get("message").asText().isBlank(), reply.body());
    if (field != null) {
      assertEquals(field, error.get("field").asText(), reply.body());
    }
    for (String leak : List.of(ServerHarness.ADMIN_TOKEN, "Exception", "\tat ", "dev.codevector")) {
      assertFalse(reply.body().contains(leak), reply.body());
    }
    return error;
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.get("data").forEach(limit -> ids.add(limit.get("id").asText()));
    return ids;
  }

  @Test
  void limitIsCreatedReadListedAndDeleted() throws IOException {
    harness.chatModel("round-trip-model", upstream);
    String userId = user("Ada");

    JsonNode limit =
        created(
            onUser(
                userId,
                "\"model\":\"round-trip-model\",\"requestsPerMinute\":60,"
                    + "\"tokensPerMinute\":200000,\"budget\":{\"amount\":50.00,\"period\":\"day\"}"));
    String id = limit.get("id").asText();

    assertEquals(userId, limit.get("scope").get("userId").asText());
    assertEquals(List.of("userId"), names(limit.get("scope")));
    assertEquals("round-trip-model", limit.get("model").asText());
    assertEquals(60, limit.get("requestsPerMinute").asLong());
    assertEquals(200000, limit.get("tokensPerMinute").asLong());
    assertEquals(
        0, new BigDecimal("50").compareTo(limit.get("budget").get("amount").decimalValue()));
    assertEquals("day", limit.get("budget").get("period").asText());
    assertTrue(limit.get("version").isNumber());
    assertEquals(limit.get("createdAt"), limit.get("updatedAt"));
    assertEquals(limit, ok("GET", "/limits/" + id, null));
    assertTrue(ids(ok("GET", "/limits", null)).contains(id));

    assertEquals(204, harness.admin("DELETE", "/limits/" + id, null).code());
    refused(harness.admin("GET", "/limits/" + id, null), 404, null);
    assertFalse(ids(ok("GET", "/limits", null)).contains(id));
  }

  @Test
  void everyScopeFormRoundTrips() throws IOException {
    IssuedKey key = harness.keyFor("Scoped");
    String groupId =
        harness.admin("POST", "/groups", "{\"name\":\"scoped\"}").expect(201).get("id").asText();

    JsonNode onKey =
        created("{\"scope\":{\"keyId\":\"" + key.key().id().value() + "\"},\"tokensPerMinute\":5}");
    JsonNode onGroup =
        created("{\"scope\":{\"groupId\":\"" + groupId + "\"},\"requestsPerMinute\":5}");
    JsonNode onAll =
        created(
            "{\"scope\":{\"all\":true},\"model\":null,"
                + "\"budget\":{\"amount\":\"0.000001\",\"period\":\"month\"}}");

    assertEquals(key.key().id().value(), onKey.get("scope").get("keyId").asText());
    assertEquals(groupId, onGroup.get("scope").get("groupId").asText());
    assertTrue(onAll.get("scope").get("all").asBoolean());
    assertTrue(onAll.get("model").isNull());
    assertTrue(onAll.get("requestsPerMinute").isNull());
    assertTrue(onGroup.get("budget").isNull());
    assertEquals(
        0, new BigDecimal("0.000001").compareTo(onAll.get("budget").get("amount").decimalValue()));
    for (JsonNode limit : List.of(onKey, onGroup, onAll)) {
      assertEquals(
          204, harness.admin("DELETE", "/limits/" + limit.get("id").asText(), null).code());
    }
  }

  @Test
  void invalidLimitsAreRefusedNamingTheField() throws IOException {
    String userId = user("Invalid");
    int before = ok("GET", "/limits", null).get("data").size();
    String[][] cases = {
      {onUser(userId, "\"model\":null"), "limit"},
      {onUser(userId, "\"requestsPerMinute\":-1"), "requestsPerMinute"},
      {onUser(userId, "\"tokensPerMinute\":0"), "tokensPerMinute"},
      {onUser(userId, "\"requestsPerMinute\":\"60\""), "requestsPerMinute"},
      {onUser(userId, "\"requestsPerMinute\":1.5"), "requestsPerMinute"},
      {"{\"scope\":{\"userId\":\"" + userId + "\",\"all\":true},\"requestsPerMinute\":1}", "scope"},
      {"{\"scope\":{},\"requestsPerMinute\":1}", "scope"},
      {"{\"scope\":{\"all\":false},\"requestsPerMinute\":1}", "scope.all"},
      {"{\"scope\":{\"team\":\"x\"},\"requestsPerMinute\":1}", "scope.team"},
      {"{\"scope\":{\"userId\":\" \"},\"requestsPerMinute\":1}", "scope.userId"},
      {"{\"scope\":\"everyone\",\"requestsPerMinute\":1}", "scope"},
      {"{\"requestsPerMinute\":1}", "scope"},
      {onUser(userId, "\"requestsPerMinute\":1,\"burst\":10"), "burst"},
      {onUser(userId, "\"budget\":{\"amount\":1.0000001,\"period\":\"day\"}"), "budget.amount"},
      {onUser(userId, "\"budget\":{\"amount\":-5,\"period\":\"day\"}"), "budget.amount"},
      {onUser(userId, "\"budget\":{\"period\":\"day\"}"), "budget.amount"},
      {onUser(userId, "\"budget\":{\"amount\":5,\"period\":\"year\"}"), "budget.period"},
      {onUser(userId, "\"budget\":{\"amount\":5}"), "budget.period"},
      {onUser(userId, "\"budget\":{\"amount\":5,\"period\":\"day\",\"x\":1}"), "budget.x"},
      {"[1]", "body"},
      {"{\"scope\":", "body"},
    };
    for (String[] bad : cases) {
      refused(harness.admin("POST", "/limits", bad[0]), 400, bad[1]);
    }
    assertEquals(before, ok("GET", "/limits", null).get("data").size());
  }

  @Test
  void unknownReferencesAndIdsAreNotFound() throws IOException {
    harness.chatModel("references-model", upstream);
    String userId = user("Referenced");
    for (String scope :
        List.of(
            "{\"userId\":\"no-user\"}", "{\"groupId\":\"no-group\"}", "{\"keyId\":\"no-key\"}")) {
      refused(
          harness.admin("POST", "/limits", "{\"scope\":" + scope + ",\"requestsPerMinute\":1}"),
          404,
          null);
    }
    refused(
        harness.admin(
            "POST", "/limits", onUser(userId, "\"model\":\"no-model\",\"tokensPerMinute\":1")),
        404,
        null);
    String id = created(onUser(userId, "\"requestsPerMinute\":1")).get("id").asText();
    refused(harness.admin("PATCH", "/limits/" + id, "{\"model\":\"no-model\"}"), 404, null);
    refused(
        harness.admin("PATCH", "/limits/" + id, "{\"scope\":{\"userId\":\"no-user\"}}"), 404, null);
    assertEquals(userId, ok("GET", "/limits/" + id, null).get("scope").get("userId").asText());

    for (String[] call :
        new String[][] {
          {"GET", "/limits/no-limit"},
          {"PATCH", "/limits/no-limit"},
          {"DELETE", "/limits/no-limit"},
          {"GET", "/limits/no-limit/status"},
          {"GET", "/limits?model=no-model"},
        }) {
      String body = call[0].equals("PATCH") ? "{\"requestsPerMinute\":2}" : null;
      refused(harness.admin(call[0], call[1], body), 404, null);
    }
    assertEquals(204, harness.admin("DELETE", "/limits/" + id, null).code());
    refused(harness.admin("DELETE", "/limits/" + id, null), 404, null);
  }

  @Test
  void changeKeepsWhatItLeavesOutAndNullClears() throws IOException {
    harness.chatModel("patch-model", upstream);
    String userId = user("Patched");
    String otherId = user("Other");
    JsonNode limit =
        created(
            onUser(
                userId,
                "\"model\":\"patch-model\",\"requestsPerMinute\":60,"
                    + "\"budget\":{\"amount\":10,\"period\":\"week\"}"));
    String path = "/limits/" + limit.get("id").asText();

    JsonNode tokens = ok("PATCH", path, "{\"tokensPerMinute\":1000}");
    assertEquals(1000, tokens.get("tokensPerMinute").asLong());
    assertEquals(60, tokens.get("requestsPerMinute").asLong());
    assertEquals("patch-model", tokens.get("model").asText());
    assertEquals("week", tokens.get("budget").get("period").asText());
    assertEquals(userId, tokens.get("scope").get("userId").asText());
    assertNotEquals(limit.get("version"), tokens.get("version"));
    assertEquals(limit.get("createdAt"), tokens.get("createdAt"));

    JsonNode cleared = ok("PATCH", path, "{\"requestsPerMinute\":null,\"model\":null}");
    assertTrue(cleared.get("requestsPerMinute").isNull());
    assertTrue(cleared.get("model").isNull());
    assertEquals(1000, cleared.get("tokensPerMinute").asLong());

    JsonNode moved =
        ok(
            "PATCH",
            path,
            "{\"scope\":{\"userId\":\""
                + otherId
                + "\"},\"budget\":null,\"model\":\"patch-model\"}");
    assertEquals(otherId, moved.get("scope").get("userId").asText());
    assertTrue(moved.get("budget").isNull());
    assertEquals("patch-model", moved.get("model").asText());

    refused(harness.admin("PATCH", path, "{\"tokensPerMinute\":null}"), 400, "limit");
    refused(harness.admin("PATCH", path, "{\"scope\":null}"), 400, "scope");
    refused(harness.admin("PATCH", path, "{\"tokensPerMinute\":-3}"), 400, "tokensPerMinute");
    refused(harness.admin("PATCH", path, "{\"id\":\"other\"}"), 400, "id");
    refused(
        harness.admin("PATCH", path, "{\"budget\":{\"amount\":5,\"period\":\"hour\"}}"),
        400,
        "budget.period");
    assertEquals(moved, ok("GET", path, null));
  }

  /** Reads a limit's status until its one settled request shows, for at most ten seconds. */
  private Reply settledStatus(String id) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      Reply reply = harness.admin("GET", "/limits/" + id + "/status", null);
      String used = reply.expect(200).get("caps").get(0).get("used").asText();
      if (used.equals("1") || System.nanoTime() > deadline) {
        return reply;
      }
      Thread.sleep(20);
    }
  }

  @Test
  void statusShowsWhatIsUsedReservedAndLeft() throws IOException, InterruptedException {
    Model model = harness.chatModel("status-model", upstream);
    IssuedKey key = harness.keyFor("Counted", model);
    Subject subject = Subject.of(key.key().id(), key.key().userId(), Set.of());
    String id =
        created(
                onUser(
                    key.key().userId().value(),
                    "\"requestsPerMinute\":10,\"tokensPerMinute\":1000,"
                        + "\"budget\":{\"amount\":5,\"period\":\"day\"}"))
            .get("id")
            .asText();
    awaitFreshMinute();
    Instant before = Instant.now();

    Demand demand = new Demand(100, 50, new BigDecimal("0.25"));
    Ticket settled = harness.codeVector.limits().admission(subject).admit(model, demand);
    harness.codeVector.limits().admission(subject).admit(model, demand);
    settled.settle(120, new BigDecimal("0.1"));
    // Settlements are written in the background: the status shows them a moment later.
    Reply reply = settledStatus(id);
    JsonNode status = reply.expect(200);

    assertEquals(id, status.get("limit").get("id").asText());
    JsonNode caps = status.get("caps");
    assertEquals(3, caps.size(), status.toString());
    Instant minuteEnd = Window.minuteOf(before).end();
    assertCap(caps.get(0), "requestsPerMinute", "10", "1", "1", "8", minuteEnd);
    assertCap(caps.get(1), "tokensPerMinute", "1000", "120", "150", "730", minuteEnd);
    assertCap(caps.get(2), "budget", "5", "0.1", "0.25", "4.65", BudgetPeriod.DAY.end(before));
    assertTrue(reply.body().matches("(?s).*\"remaining\":4\\.650*,.*"), reply.body());
  }

  /** Waits, if the minute is about to end, for the next, so that a test's requests share one. */
  private static void awaitFreshMinute() throws InterruptedException {
    int second = Instant.now().atZone(ZoneOffset.UTC).get(ChronoField.SECOND_OF_MINUTE);
    if (second > 50) {
      Thread.sleep((61 - second) * 1000L);
    }
  }

  private static void assertCap(
      JsonNode cap,
      String name,
      String limit,
      String used,
      String reserved,
      String remaining,
      Instant resetsAt) {
    assertEquals(name, cap.get("cap").asText(), cap.toString());
    assertEquals(
        0, new BigDecimal(limit).compareTo(cap.get("limit").decimalValue()), cap.toString());
    assertEquals(0, new BigDecimal(used).compareTo(cap.get("used").decimalValue()), cap.toString());
    assertEquals(
        0, new BigDecimal(reserved).compareTo(cap.get("reserved").decimalValue()), cap.toString());
    assertEquals(
        0,
        new BigDecimal(remaining).compareTo(cap.get("remaining").decimalValue()),
        cap.toString());
    assertEquals(resetsAt, Instant.parse(cap.get("resetsAt").asText()), cap.toString());
  }

  @Test
  void listIsFilteredByScopeAndModel() throws IOException {
    harness.chatModel("filter-model", upstream);
    IssuedKey key = harness.keyFor("Filtered");
    String userId = key.key().userId().value();
    String keyId = key.key().id().value();
    String groupId =
        harness.admin("POST", "/groups", "{\"name\":\"filtered\"}").expect(201).get("id").asText();
    String onUser = created(onUser(userId, "\"requestsPerMinute\":1")).get("id").asText();
    String onKey =
        created("{\"scope\":{\"keyId\":\"" + keyId + "\"},\"requestsPerMinute\":1}")
            .get("id")
            .asText();
    String onGroup =
        created(
                "{\"scope\":{\"groupId\":\""
                    + groupId
                    + "\"},\"model\":\"filter-model\","
                    + "\"requestsPerMinute\":1}")
            .get("id")
            .asText();

    assertEquals(List.of(onUser), ids(ok("GET", "/limits?userId=" + userId, null)));
    assertEquals(List.of(onKey), ids(ok("GET", "/limits?keyId=" + keyId, null)));
    assertEquals(List.of(onGroup), ids(ok("GET", "/limits?groupId=" + groupId, null)));
    assertEquals(List.of(onGroup), ids(ok("GET", "/limits?model=filter-model", null)));
    assertEquals(
        List.of(onGroup), ids(ok("GET", "/limits?model=filter-model&groupId=" + groupId, null)));
    assertEquals(List.of(), ids(ok("GET", "/limits?model=filter-model&userId=" + userId, null)));
    assertEquals(List.of(), ids(ok("GET", "/limits?userId=nobody", null)));
    refused(harness.admin("GET", "/limits?userId=%20", null), 400, "userId");
  }
}
