package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codevector.server.ServerHarness.Reply;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API's answers to bad requests: 401 without the admin token, 404 for unknown ids and
 * slugs, 409 for conflicts, and 400 naming the field for bad input, which changes nothing and never
 * causes a 500. One server serves every test; each uses its own names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class AdminErrorsTest {
  private static final String SECRET = "sk-errors-test-secret-value-0123456789";

  private ServerHarness harness;
  private String providerId;
  private String providerModelId;

  @BeforeAll
  void start(@TempDir Path dataDir) throws IOException {
    harness = new ServerHarness(dataDir);
    providerId =
        created(
            harness.admin(
                "POST",
                "/providers",
                "{\"kind\":\"openai-compatible\",\"name\":\"errors-upstream\","
                    + "\"credentials\":{\"apiKey\":\""
                    + SECRET
                    + "\"},\"config\":{\"baseUrl\":\"http://127.0.0.1:9/v1\"}}"));
    providerModelId =
        created(
            harness.admin(
                "POST",
                "/providers/" + providerId + "/models",
                "{\"modelId\":\"errors-chat\",\"kind\":\"chat\",\"contextWindow\":8000,"
                    + "\"pricing\":{\"inputPerMTok\":1,\"outputPerMTok\":2}}"));
    created(
        harness.admin(
            "POST",
            "/models",
            "{\"slug\":\"errors-model\",\"displayName\":\"Errors\",\"kind\":\"chat\"}"));
  }

  @AfterAll
  void stop() {
    assertFalse(harness.adminTranscript.toString().contains(SECRET));
    harness.close();
  }

  private static String created(Reply reply) throws IOException {
    return reply.expect(201).get("id").asText();
  }

  private static JsonNode error(Reply reply, int code, String type) throws IOException {
    assertEquals(code, reply.code(), reply.body());
    assertEquals("application/json", reply.headers().get("content-type"));
    JsonNode error = reply.json().get("error");
    assertEquals(type, error.get("type").asText(), reply.body());
    assertFalse(error.get("message").asText().isBlank());
    return error;
  }

  /** An empty JSON object, for the methods that carry a body. */
  private static String emptyBody(String method) {
    return method.equals("GET") ? null : "{}";
  }

  private void assertBadField(String method, String path, String json, String field)
      throws IOException {
    JsonNode error = error(harness.admin(method, path, json), 400, "invalid_request_error");
    assertEquals(field, error.get("field").asText(), error.toString());
    assertTrue(error.get("message").asText().startsWith(field), error.toString());
  }

  @Test
  void requestsWithoutTheAdminTokenGet401() throws IOException {
    List<String[]> routes =
        List.of(
            new String[] {"GET", "/providers"},
            new String[] {"GET", "/provider-kinds"},
            new String[] {"POST", "/models"},
            new String[] {"DELETE", "/providers/" + providerId},
            new String[] {"GET", "/usage"},
            new String[] {"GET", "/usage.csv"},
            new String[] {"GET", "/keys"});
    for (String[] route : routes) {
      for (String token : new String[] {null, "wrong-token", ServerHarness.ADMIN_TOKEN + "x"}) {
        error(
            harness.adminWith(token, route[0], route[1], emptyBody(route[0])),
            401,
            "authentication_error");
      }
      // The right token forgets the wrong ones, before there are enough to be throttled.
      assertEquals(200, harness.admin("GET", "/providers/" + providerId, null).code());
    }
  }

  @Test
  void anotherSchemeThanBearerGets401() throws IOException {
    try (Response response =
        harness.get(
            "/admin/api/providers",
            Map.of("Authorization", "Basic " + ServerHarness.ADMIN_TOKEN))) {
      assertEquals(401, response.code());
      assertEquals("Bearer", response.header("www-authenticate"));
      assertTrue(response.body().string().contains("\"authentication_error\""));
    }
  }

  @Test
  void unknownIdsAndSlugsGet404() throws IOException {
    List<String[]> routes =
        List.of(
            new String[] {"GET", "/providers/no-such-provider"},
            new String[] {"PATCH", "/providers/no-such-provider"},
            new String[] {"DELETE", "/providers/no-such-provider"},
            new String[] {"POST", "/providers/no-such-provider/enable"},
            new String[] {"POST", "/providers/no-such-provider/catalog-import"},
            new String[] {"GET", "/providers/no-such-provider/models"},
            new String[] {"POST", "/providers/no-such-provider/models"},
            new String[] {"GET", "/provider-models/no-such-model"},
            new String[] {"PATCH", "/provider-models/no-such-model"},
            new String[] {"DELETE", "/provider-models/no-such-model"},
            new String[] {"GET", "/models/no-such-slug"},
            new String[] {"PATCH", "/models/no-such-slug"},
            new String[] {"DELETE", "/models/no-such-slug"},
            new String[] {"POST", "/models/no-such-slug/publish"},
            new String[] {"GET", "/models/no-such-slug/backends"},
            new String[] {"POST", "/models/no-such-slug/backends"},
            new String[] {"PATCH", "/models/errors-model/backends/no-such-backend"},
            new String[] {"DELETE", "/models/errors-model/backends/no-such-backend"},
            new String[] {"GET", "/users/no-such-user"},
            new String[] {"DELETE", "/users/no-such-user"},
            new String[] {"POST", "/users/no-such-user/keys"},
            new String[] {"GET", "/groups/no-such-group"},
            new String[] {"DELETE", "/groups/no-such-group"},
            new String[] {"POST", "/groups/no-such-group/members/no-such-user"},
            new String[] {"DELETE", "/grants/no-such-grant"},
            new String[] {"GET", "/keys/no-such-key"},
            new String[] {"DELETE", "/keys/no-such-key"});
    for (String[] route : routes) {
      JsonNode error =
          error(harness.admin(route[0], route[1], emptyBody(route[0])), 404, "not_found_error");
      assertTrue(error.get("message").asText().contains("not found"), error.toString());
    }
  }

  @Test
  void unknownAdminPathsGetAJson404BehindTheToken() throws IOException {
    error(harness.admin("GET", "/no-such-resource", null), 404, "not_found_error");
    error(harness.admin("PUT", "/models/errors-model", "{}"), 404, "not_found_error");
    error(harness.admin("POST", "/models/errors-model/archive", "{}"), 404, "not_found_error");
    error(harness.adminWith(null, "GET", "/no-such-resource", null), 401, "authentication_error");

    assertEquals(200, harness.admin("GET", "/models/errors-model", null).code());
  }

  @Test
  void referencesToUnknownThingsInABodyGet404() throws IOException {
    error(
        harness.admin(
            "POST",
            "/models/errors-model/backends",
            "{\"providerModelId\":\"nope\",\"priority\":1}"),
        404,
        "not_found_error");
    error(
        harness.admin("POST", "/grants", "{\"model\":\"no-such-slug\",\"userId\":\"nope\"}"),
        404,
        "not_found_error");
    error(
        harness.admin("POST", "/grants", "{\"model\":\"errors-model\",\"groupId\":\"nope\"}"),
        404,
        "not_found_error");
  }

  @Test
  void duplicateSlugAndProviderNameGet409() throws IOException {
    JsonNode slug =
        error(
            harness.admin(
                "POST",
                "/models",
                "{\"slug\":\"errors-model\",\"displayName\":\"Again\",\"kind\":\"chat\"}"),
            409,
            "conflict_error");
    assertTrue(slug.get("message").asText().contains("errors-model"), slug.toString());
    JsonNode name =
        error(
            harness.admin(
                "POST",
                "/providers",
                "{\"kind\":\"openai-compatible\",\"name\":\"errors-upstream\","
                    + "\"config\":{\"baseUrl\":\"http://127.0.0.1:9/v1\"}}"),
            409,
            "conflict_error");
    assertTrue(name.get("message").asText().contains("errors-upstream"), name.toString());
    error(
        harness.admin(
            "POST",
            "/providers/" + providerId + "/models",
            "{\"modelId\":\"errors-chat\",\"kind\":\"chat\",\"contextWindow\":8000,"
                + "\"pricing\":{\"inputPerMTok\":1,\"outputPerMTok\":2}}"),
        409,
        "conflict_error");
  }

  @Test
  void badModelInputIs400NamingTheField() throws IOException {
    assertBadField(
        "POST",
        "/models",
        "{\"slug\":\"Bad Slug\",\"displayName\":\"x\",\"kind\":\"chat\"}",
        "slug");
    assertBadField(
        "POST",
        "/models",
        "{\"slug\":\"bad-kind\",\"displayName\":\"x\",\"kind\":\"audio\"}",
        "kind");
    assertBadField("POST", "/models", "{\"slug\":\"no-name\",\"kind\":\"chat\"}", "displayName");
    assertBadField(
        "POST", "/models", "{\"slug\":7,\"displayName\":\"x\",\"kind\":\"chat\"}", "slug");
    assertBadField(
        "POST",
        "/models",
        "{\"slug\":\"extra\",\"displayName\":\"x\",\"kind\":\"chat\",\"status\":\"active\"}",
        "status");
    assertBadField("PATCH", "/models/errors-model", "{\"slug\":\"UPPER\"}", "slug");
    assertBadField("PATCH", "/models/errors-model", "{\"kind\":\"embedding\"}", "kind");
    assertBadField(
        "POST",
        "/models",
        "{\"slug\":\"bad-routing\",\"displayName\":\"x\",\"kind\":\"chat\","
            + "\"routing\":\"round-robin\"}",
        "routing");
    assertBadField("PATCH", "/models/errors-model", "{\"routing\":\"BALANCED\"}", "routing");
    assertBadField("PATCH", "/models/errors-model", "{\"routing\":1}", "routing");

    assertEquals(1, harness.admin("GET", "/models?q=errors", null).json().get("data").size());
    assertEquals(
        "failover",
        harness.admin("GET", "/models/errors-model", null).json().get("routing").asText());
  }

  @Test
  void badProviderInputIs400NamingTheField() throws IOException {
    assertBadField(
        "POST",
        "/providers",
        "{\"kind\":\"openai-ish\",\"name\":\"bad-kind\",\"credentials\":{\"apiKey\":\"sk-1\"}}",
        "kind");
    assertBadField(
        "POST",
        "/providers",
        "{\"kind\":\"openai-compatible\",\"name\":\"no-url\"}",
        "config.baseUrl");
    assertBadField(
        "POST", "/providers", "{\"kind\":\"openai\",\"name\":\"no-key\"}", "credentials.apiKey");
    assertBadField(
        "POST",
        "/providers",
        "{\"kind\":\"openai-compatible\",\"name\":\"bad-url\",\"config\":{\"baseUrl\":\"ftp://x\"}}",
        "config.baseUrl");
    assertBadField(
        "POST",
        "/providers",
        "{\"kind\":\"openai\",\"name\":\"extra-config\",\"credentials\":{\"apiKey\":\"sk-1\"},"
            + "\"config\":{\"region\":\"us-east-1\"}}",
        "config");
    assertBadField(
        "POST",
        "/providers",
        "{\"kind\":\"openai\",\"name\":\"extra-credential\",\"credentials\":{\"apiKey\":\"sk-1\","
            + "\"password\":\"hunter2\"}}",
        "credentials");
    assertBadField(
        "POST",
        "/providers",
        "{\"kind\":\"openai\",\"name\":\"typed-credential\",\"credentials\":{\"apiKey\":42}}",
        "credentials.apiKey");
    assertBadField(
        "POST",
        "/providers",
        "{\"kind\":\"openai\",\"name\":\"typed-config\",\"credentials\":{\"apiKey\":\"sk-1\"},"
            + "\"config\":{\"organization\":true}}",
        "config.organization");
    assertBadField("PATCH", "/providers/" + providerId, "{\"kind\":\"openai\"}", "kind");

    assertEquals(1, harness.admin("GET", "/providers", null).json().get("data").size());
  }

  @Test
  void aMalformedCredentialIsRefusedWithoutBeingShown() throws IOException {
    Reply reply =
        harness.admin(
            "POST",
            "/providers",
            "{\"kind\":\"openai\",\"name\":\"spaced-key\",\"credentials\":{\"apiKey\":\"sk-has "
                + "whitespace-inside-hidden\"}}");

    JsonNode error = error(reply, 400, "invalid_request_error");
    assertEquals("credentials.apiKey", error.get("field").asText());
    assertFalse(reply.body().contains("whitespace-inside-hidden"), reply.body());
  }

  @Test
  void badProviderModelInputIs400NamingTheField() throws IOException {
    String path = "/providers/" + providerId + "/models";
    assertBadField(
        "POST",
        path,
        "{\"modelId\":\"negative\",\"kind\":\"chat\",\"contextWindow\":8000,"
            + "\"pricing\":{\"inputPerMTok\":-1,\"outputPerMTok\":2}}",
        "pricing.inputPerMTok");
    assertBadField(
        "POST",
        path,
        "{\"modelId\":\"typed\",\"kind\":\"chat\",\"contextWindow\":\"big\","
            + "\"pricing\":{\"inputPerMTok\":1,\"outputPerMTok\":2}}",
        "contextWindow");
    assertBadField(
        "POST",
        path,
        "{\"modelId\":\"huge\",\"kind\":\"chat\",\"contextWindow\":99999999999,"
            + "\"pricing\":{\"inputPerMTok\":1,\"outputPerMTok\":2}}",
        "contextWindow");
    assertBadField(
        "POST",
        path,
        "{\"modelId\":\"price-text\",\"kind\":\"chat\",\"contextWindow\":8000,"
            + "\"pricing\":{\"inputPerMTok\":\"cheap\",\"outputPerMTok\":2}}",
        "pricing.inputPerMTok");
    assertBadField(
        "POST",
        path,
        "{\"modelId\":\"no-pricing\",\"kind\":\"chat\",\"contextWindow\":8000}",
        "pricing");
    assertBadField(
        "POST",
        path,
        "{\"modelId\":\"has space\",\"kind\":\"chat\",\"contextWindow\":8000,"
            + "\"pricing\":{\"inputPerMTok\":1,\"outputPerMTok\":2}}",
        "modelId");
    assertBadField(
        "PATCH",
        "/provider-models/" + providerModelId,
        "{\"contextWindow\":5,\"status\":\"gone\"}",
        "status");
    assertBadField(
        "PATCH", "/provider-models/" + providerModelId, "{\"contextWindow\":0}", "contextWindow");

    JsonNode unchanged = harness.admin("GET", "/provider-models/" + providerModelId, null).json();
    assertEquals(8000, unchanged.get("contextWindow").asInt());
    assertEquals(1, harness.admin("GET", path, null).json().get("data").size());
  }

  @Test
  void badBackendInputIs400NamingTheField() throws IOException {
    String path = "/models/errors-model/backends";
    String target = "\"providerModelId\":\"" + providerModelId + "\"";
    assertBadField("POST", path, "{" + target + ",\"priority\":-1}", "priority");
    assertBadField("POST", path, "{" + target + "}", "priority");
    assertBadField("POST", path, "{\"priority\":1}", "providerModelId");
    assertBadField(
        "POST",
        path,
        "{" + target + ",\"priority\":1,\"defaults\":{\"temperature\":3}}",
        "defaults.temperature");
    assertBadField(
        "POST",
        path,
        "{" + target + ",\"priority\":1,\"defaults\":{\"stop\":\"END\"}}",
        "defaults.stop");
    assertBadField(
        "POST", path, "{" + target + ",\"priority\":1,\"defaults\":{\"seed\":1}}", "defaults.seed");
    assertBadField("POST", path, "{" + target + ",\"priority\":1,\"weight\":0}", "weight");
    assertBadField("POST", path, "{" + target + ",\"priority\":1,\"weight\":1001}", "weight");
    assertBadField("POST", path, "{" + target + ",\"priority\":1,\"weight\":1.5}", "weight");

    assertEquals(0, harness.admin("GET", path, null).json().get("data").size());
  }

  @Test
  void badWeightInABackendChangeIs400NamingTheField() throws IOException {
    created(
        harness.admin(
            "POST",
            "/models",
            "{\"slug\":\"weight-checks\",\"displayName\":\"W\",\"kind\":\"chat\"}"));
    String path = "/models/weight-checks/backends";
    String backend =
        created(
            harness.admin(
                "POST",
                path,
                "{\"providerModelId\":\"" + providerModelId + "\",\"priority\":1,\"weight\":4}"));

    assertBadField("PATCH", path + "/" + backend, "{\"weight\":0}", "weight");
    assertBadField("PATCH", path + "/" + backend, "{\"weight\":-1}", "weight");
    assertBadField("PATCH", path + "/" + backend, "{\"weight\":\"2\"}", "weight");
    assertBadField("PATCH", path + "/" + backend, "{\"weight\":2,\"priority\":-1}", "priority");

    assertEquals(4, harness.admin("GET", path, null).json().at("/data/0/weight").asInt());
    assertEquals(204, harness.admin("DELETE", "/models/weight-checks", null).code());
  }

  @Test
  void numbersAndTimesOutOfRangeAre400() throws IOException {
    String path = "/providers/" + providerId + "/models";
    for (String price : List.of("1e400", "1e-100000", "-1e12", "\"0.0000000000001\"")) {
      assertBadField(
          "POST",
          path,
          "{\"modelId\":\"extreme\",\"kind\":\"chat\",\"contextWindow\":8000,"
              + "\"pricing\":{\"inputPerMTok\":"
              + price
              + ",\"outputPerMTok\":2}}",
          "pricing.inputPerMTok");
    }
    String userId = created(harness.admin("POST", "/users", "{\"name\":\"Range user\"}"));
    assertBadField(
        "POST",
        "/users/" + userId + "/keys",
        "{\"expiresAt\":\"+10000-01-01T00:00:00Z\"}",
        "expiresAt");
    assertBadField("GET", "/usage?to=-999999999-01-01T00:00:00Z", null, "to");
    assertBadField("GET", "/usage?from=%2B999999999-12-31", null, "from");
    assertBadField(
        "POST",
        "/models/errors-model/backends",
        "{\"providerModelId\":\""
            + providerModelId
            + "\",\"priority\":1,\"defaults\":{\"stop\":[\""
            + "x".repeat(1_001)
            + "\"]}}",
        "defaults.stop");

    assertEquals(200, harness.admin("GET", path, null).code());
    assertEquals(1, harness.admin("GET", path, null).json().get("data").size());
  }

  @Test
  void malformedBodiesAre400AndNeverEchoed() throws IOException {
    for (String body :
        List.of(
            "{\"slug\":",
            "[]",
            "42",
            "\"text\"",
            "null",
            "",
            "{\"slug\":\"a\"} {\"slug\":\"b\"}",
            "{\"slug\":\"dup\",\"slug\":\"dup2\",\"displayName\":\"x\",\"kind\":\"chat\"}")) {
      assertBadField("POST", "/models", body, "body");
    }
    Reply truncated =
        harness.admin(
            "POST",
            "/providers",
            "{\"kind\":\"openai\",\"name\":\"cut\",\"credentials\":{\"apiKey\":\"sk-cut-off-secret");
    error(truncated, 400, "invalid_request_error");
    assertFalse(truncated.body().contains("sk-cut-off-secret"), truncated.body());
  }

  @Test
  void badUsageQueriesAre400NamingTheParameter() throws IOException {
    assertBadField("GET", "/usage?groupBy=week", null, "groupBy");
    assertBadField("GET", "/usage?from=yesterday", null, "from");
    assertBadField("GET", "/usage.csv?from=2026-02-01&to=2026-01-01", null, "to");
  }

  @Test
  void badAccessInputIs400NamingTheField() throws IOException {
    String userId = created(harness.admin("POST", "/users", "{\"name\":\"Errors user\"}"));
    assertBadField("POST", "/users", "{\"email\":\"x@example.com\"}", "name");
    assertBadField("POST", "/users", "{\"name\":\"Bad mail\",\"email\":\"nope\"}", "email");
    assertBadField("POST", "/grants", "{\"model\":\"errors-model\"}", "userId");
    assertBadField(
        "POST",
        "/grants",
        "{\"model\":\"errors-model\",\"userId\":\"" + userId + "\",\"groupId\":\"g\"}",
        "groupId");
    assertBadField(
        "POST",
        "/users/" + userId + "/keys",
        "{\"expiresAt\":\"2001-01-01T00:00:00Z\"}",
        "expiresAt");
    assertBadField(
        "POST", "/users/" + userId + "/keys", "{\"expiresAt\":\"tomorrow\"}", "expiresAt");

    assertEquals(0, harness.admin("GET", "/keys?userId=" + userId, null).json().get("data").size());
  }

  @Test
  void noGarbageBodyCausesAServerError() throws IOException {
    List<String[]> routes =
        List.of(
            new String[] {"POST", "/providers"},
            new String[] {"PATCH", "/providers/" + providerId},
            new String[] {"POST", "/providers/" + providerId + "/models"},
            new String[] {"PATCH", "/provider-models/" + providerModelId},
            new String[] {"POST", "/models"},
            new String[] {"PATCH", "/models/errors-model"},
            new String[] {"POST", "/models/errors-model/backends"},
            new String[] {"POST", "/users"},
            new String[] {"POST", "/groups"},
            new String[] {"POST", "/grants"});
    List<String> bodies =
        List.of(
            "{\"name\":5,\"kind\":5,\"slug\":5,\"model\":5,\"modelId\":5,\"priority\":\"1\"}",
            "{\"config\":[],\"credentials\":\"x\",\"pricing\":1,\"defaults\":[]}",
            "{\"name\":{},\"kind\":[],\"displayName\":null,\"contextWindow\":1.5}",
            "{\"providerModelId\":\"  \",\"priority\":1,\"userId\":\" \",\"model\":\" \"}",
            "{\"pricing\":{\"inputPerMTok\":1e400,\"outputPerMTok\":\"1e-400\"}}",
            "{\"name\":\"\\u0000\",\"email\":\"\\u0000@x\",\"slug\":\"\"}",
            "{\"status\":null,\"maxOutputTokens\":-1,\"config\":{\"baseUrl\":null}}");
    for (String[] route : routes) {
      for (String body : bodies) {
        Reply reply = harness.admin(route[0], route[1], body);
        assertTrue(
            reply.code() < 500, route[0] + " " + route[1] + " " + body + " -> " + reply.body());
      }
    }
    assertEquals(1, harness.admin("GET", "/models", null).json().get("data").size());
    assertEquals(1, harness.admin("GET", "/providers", null).json().get("data").size());
  }
}
