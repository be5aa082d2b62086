package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codevector.server.ServerHarness.Reply;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Providers, Provider Models, Models and Backends through the admin API: reading, changing,
 * lifecycle and cascades. One server serves every test; each uses its own names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class AdminRegistryTest {
  private ServerHarness harness;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    harness = new ServerHarness(dataDir);
  }

  @AfterAll
  void stop() {
    harness.close();
  }

  private JsonNode ok(String method, String path, String json) throws IOException {
    return harness.admin(method, path, json).expect(200);
  }

  private JsonNode created(String method, String path, String json) throws IOException {
    return harness.admin(method, path, json).expect(201);
  }

  private void noContent(String path) throws IOException {
    Reply reply = harness.admin("DELETE", path, null);
    assertEquals(204, reply.code(), reply.body());
    assertEquals("", reply.body());
  }

  private int status(String method, String path) throws IOException {
    return harness.admin(method, path, method.equals("GET") ? null : "{}").code();
  }

  /** An OpenAI-compatible Provider with the given name. */
  private String provider(String name) throws IOException {
    return created(
            "POST",
            "/providers",
            "{\"kind\":\"openai-compatible\",\"name\":\""
                + name
                + "\",\"credentials\":{\"apiKey\":\"sk-"
                + name
                + "-0123456789abcdef\"},\"config\":{\"baseUrl\":\"http://127.0.0.1:9/v1\"}}")
        .get("id")
        .asText();
  }

  /** A chat Provider Model at a Provider. */
  private String providerModel(String providerId, String modelId) throws IOException {
    return created(
            "POST",
            "/providers/" + providerId + "/models",
            "{\"modelId\":\""
                + modelId
                + "\",\"kind\":\"chat\",\"contextWindow\":32000,"
                + "\"pricing\":{\"inputPerMTok\":1,\"outputPerMTok\":4}}")
        .get("id")
        .asText();
  }

  private void model(String slug) throws IOException {
    created(
        "POST",
        "/models",
        "{\"slug\":\"" + slug + "\",\"displayName\":\"Model " + slug + "\",\"kind\":\"chat\"}");
  }

  private String backend(String slug, String providerModelId, int priority) throws IOException {
    return created(
            "POST",
            "/models/" + slug + "/backends",
            "{\"providerModelId\":\"" + providerModelId + "\",\"priority\":" + priority + "}")
        .get("id")
        .asText();
  }

  @Test
  void providerKindsDescribeTheirFields() throws IOException {
    JsonNode kinds = ok("GET", "/provider-kinds", null).get("data");

    assertEquals(12, kinds.size());
    List<String> ids = new ArrayList<>();
    kinds.forEach(k -> ids.add(k.get("id").asText()));
    assertTrue(
        ids.containsAll(List.of("openai", "vertex-anthropic", "openai-compatible")),
        ids.toString());
    JsonNode compatible = kinds.get(ids.indexOf("openai-compatible"));
    assertEquals("OpenAI-compatible", compatible.get("label").asText());
    JsonNode apiKey = compatible.get("credentialFields").get(0);
    assertEquals("apiKey", apiKey.get("name").asText());
    assertEquals("API key", apiKey.get("label").asText());
    assertTrue(apiKey.get("secret").asBoolean());
    assertFalse(apiKey.get("required").asBoolean());
    JsonNode baseUrl = compatible.get("configFields").get(0);
    assertEquals("baseUrl", baseUrl.get("name").asText());
    assertTrue(baseUrl.get("required").asBoolean());
    assertFalse(baseUrl.get("secret").asBoolean());
    assertEquals("url", baseUrl.get("format").asText());
    JsonNode bedrock = kinds.get(ids.indexOf("bedrock"));
    assertEquals(4, bedrock.get("credentialFields").size());
    assertEquals("region", bedrock.get("configFields").get(0).get("name").asText());
    JsonNode openAi = kinds.get(ids.indexOf("openai"));
    assertEquals(
        "https://api.openai.com/v1", openAi.get("configFields").get(0).get("default").asText());
  }

  @Test
  void providersAreListedByNameWithTheirDetails() throws IOException {
    provider("list-alpha");
    provider("list-beta");
    created(
        "POST",
        "/providers",
        "{\"kind\":\"bedrock\",\"name\":\"list-bedrock\",\"credentials\":{\"accessKeyId\":"
            + "\"AKIAEXAMPLE0123\",\"secretAccessKey\":\"bedrock-secret-0123456789\"},"
            + "\"config\":{\"region\":\"us-east-1\"}}");

    JsonNode list = ok("GET", "/providers?q=LIST-", null).get("data");

    assertEquals(3, list.size());
    assertEquals("list-alpha", list.get(0).get("name").asText());
    assertEquals("http://127.0.0.1:9/v1", list.get(0).get("details").asText());
    JsonNode bedrock = list.get(1);
    assertEquals("list-bedrock", bedrock.get("name").asText());
    assertEquals("us-east-1", bedrock.get("details").asText());
    assertEquals("Amazon Bedrock", bedrock.get("kindLabel").asText());
    assertEquals("AKI", bedrock.get("credential").get("prefix").asText());
    assertTrue(bedrock.get("credentials").has("secretAccessKey"));
    assertFalse(bedrock.get("credentials").has("sessionToken"));
    assertEquals(1, ok("GET", "/providers?q=beta", null).get("data").size());
  }

  @Test
  void providerChangesMergeConfigAndReplaceCredentials() throws IOException {
    String id = provider("edit-me");
    JsonNode before = ok("GET", "/providers/" + id, null);

    JsonNode changed =
        ok(
            "PATCH",
            "/providers/" + id,
            "{\"name\":\"edited\",\"kind\":\"openai-compatible\",\"config\":"
                + "{\"connectTimeoutSeconds\":5},\"credentials\":{\"apiKey\":\"rk-rotated-0123456789\"}}");
    JsonNode reverted =
        ok("PATCH", "/providers/" + id, "{\"config\":{\"connectTimeoutSeconds\":null}}");

    assertEquals("edited", changed.get("name").asText());
    assertEquals("http://127.0.0.1:9/v1", changed.get("config").get("baseUrl").asText());
    assertEquals("5", changed.get("config").get("connectTimeoutSeconds").asText());
    assertEquals("rk-ro", changed.get("credential").get("prefix").asText());
    assertNotEquals(
        before.get("credential").get("updatedAt").asText(),
        changed.get("credential").get("updatedAt").asText());
    assertFalse(reverted.get("config").has("connectTimeoutSeconds"));
    assertEquals("rk-ro", reverted.get("credential").get("prefix").asText());
  }

  @Test
  void providerCanBeDisabledAndEnabled() throws IOException {
    String id = provider("toggle");

    assertEquals(
        "disabled", ok("POST", "/providers/" + id + "/disable", null).get("status").asText());
    assertEquals("disabled", ok("GET", "/providers/" + id, null).get("status").asText());
    assertEquals("active", ok("POST", "/providers/" + id + "/enable", null).get("status").asText());
  }

  @Test
  void deletingAProviderCascadesToBackendsAndReturnsModelsLeftWithoutOneToDraft()
      throws IOException {
    String doomed = provider("cascade-doomed");
    String kept = provider("cascade-kept");
    String doomedModel = providerModel(doomed, "doomed-chat");
    String keptModel = providerModel(kept, "kept-chat");
    model("cascade-only");
    backend("cascade-only", doomedModel, 1);
    ok("POST", "/models/cascade-only/publish", null);
    model("cascade-both");
    backend("cascade-both", doomedModel, 1);
    backend("cascade-both", keptModel, 2);
    ok("POST", "/models/cascade-both/publish", null);

    noContent("/providers/" + doomed);

    assertEquals(404, status("GET", "/providers/" + doomed));
    assertEquals(404, status("GET", "/provider-models/" + doomedModel));
    JsonNode only = ok("GET", "/models/cascade-only", null);
    assertEquals("draft", only.get("status").asText());
    assertEquals(0, only.get("backendCount").asInt());
    JsonNode both = ok("GET", "/models/cascade-both", null);
    assertEquals("active", both.get("status").asText());
    assertEquals(1, both.get("backendCount").asInt());
    assertEquals("kept-chat", both.get("backends").get(0).get("modelId").asText());
  }

  @Test
  void providerModelsCanBeChangedDisabledAndDeleted() throws IOException {
    String providerId = provider("pm-edits");
    String id = providerModel(providerId, "pm-chat");

    JsonNode changed =
        ok(
            "PATCH",
            "/provider-models/" + id,
            "{\"contextWindow\":64000,\"maxOutputTokens\":8000,\"status\":\"disabled\","
                + "\"pricing\":{\"inputPerMTok\":\"0.15\",\"outputPerMTok\":0.6,"
                + "\"cacheWritePerMTok\":0.1875}}");

    assertEquals(64000, changed.get("contextWindow").asInt());
    assertEquals(8000, changed.get("maxOutputTokens").asInt());
    assertEquals("disabled", changed.get("status").asText());
    assertEquals("0.15", changed.get("pricing").get("inputPerMTok").asText());
    assertEquals("0.1875", changed.get("pricing").get("cacheWritePerMTok").asText());
    assertFalse(changed.get("pricing").has("cachedInputPerMTok"));
    assertEquals(providerId, changed.get("providerId").asText());
    assertEquals(
        "active",
        ok("PATCH", "/provider-models/" + id, "{\"status\":\"active\"}").get("status").asText());
    noContent("/provider-models/" + id);
    assertEquals(0, ok("GET", "/providers/" + providerId + "/models", null).get("data").size());
  }

  @Test
  void modelSlugAndNameCanBeChanged() throws IOException {
    model("old-slug");

    JsonNode changed =
        ok("PATCH", "/models/old-slug", "{\"slug\":\"new-slug\",\"displayName\":\"Renamed\"}");

    assertEquals("new-slug", changed.get("slug").asText());
    assertEquals("Renamed", changed.get("displayName").asText());
    assertEquals(404, status("GET", "/models/old-slug"));
    assertEquals(changed.get("id"), ok("GET", "/models/new-slug", null).get("id"));
  }

  @Test
  void modelsAreListedBySlugOrName() throws IOException {
    model("find-by-slug");
    created(
        "POST",
        "/models",
        "{\"slug\":\"other-1\",\"displayName\":\"Find by name\",\"kind\":\"embedding\"}");

    JsonNode found = ok("GET", "/models?q=find", null).get("data");

    assertEquals(2, found.size());
    assertEquals("find-by-slug", found.get(0).get("slug").asText());
    assertEquals("embedding", found.get(1).get("kind").asText());
  }

  @Test
  void modelMovesThroughItsLifecycle() throws IOException {
    String providerId = provider("lifecycle");
    model("lifecycle-model");
    backend("lifecycle-model", providerModel(providerId, "lifecycle-chat"), 1);

    Reply disableDraft = harness.admin("POST", "/models/lifecycle-model/disable", null);
    assertEquals(409, disableDraft.code());
    assertTrue(disableDraft.body().contains("lifecycle-model"), disableDraft.body());
    assertEquals(
        "active", ok("POST", "/models/lifecycle-model/publish", null).get("status").asText());
    assertEquals(
        "disabled", ok("POST", "/models/lifecycle-model/disable", null).get("status").asText());
    assertEquals("draft", ok("POST", "/models/lifecycle-model/draft", null).get("status").asText());
    assertEquals(1, ok("GET", "/models/lifecycle-model", null).get("backendCount").asInt());
  }

  @Test
  void backendsCanBeChangedAndRemovedButNotTheLastOfAnActiveModel() throws IOException {
    String providerId = provider("backends");
    String first = providerModel(providerId, "backends-a");
    String second = providerModel(providerId, "backends-b");
    model("backends-model");
    String firstBackend = backend("backends-model", first, 10);
    String secondBackend = backend("backends-model", second, 20);
    ok("POST", "/models/backends-model/publish", null);

    JsonNode changed =
        ok(
            "PATCH",
            "/models/backends-model/backends/" + secondBackend,
            "{\"priority\":5,\"defaults\":{\"maxTokens\":256,\"stop\":[\"A\",\"B\"]}}");
    JsonNode list = ok("GET", "/models/backends-model/backends", null).get("data");

    assertEquals(5, changed.get("priority").asInt());
    assertEquals(256, changed.get("defaults").get("maxTokens").asInt());
    assertTrue(changed.get("defaults").get("temperature").isNull());
    assertEquals("backends", changed.get("providerName").asText());
    assertEquals("1", changed.get("pricing").get("inputPerMTok").asText());
    assertEquals(secondBackend, list.get(0).get("id").asText());
    noContent("/models/backends-model/backends/" + firstBackend);
    Reply last = harness.admin("DELETE", "/models/backends-model/backends/" + secondBackend, null);
    assertEquals(409, last.code());
    assertTrue(last.body().contains("draft"), last.body());
    ok("POST", "/models/backends-model/draft", null);
    noContent("/models/backends-model/backends/" + secondBackend);
  }

  @Test
  void aBackendNeedsAProviderModelOfTheModelsKindAndOnlyOnce() throws IOException {
    String providerId = provider("backend-kinds");
    String chat = providerModel(providerId, "kinds-chat");
    created(
        "POST",
        "/models",
        "{\"slug\":\"kinds-embed\",\"displayName\":\"E\",\"kind\":\"embedding\"}");
    model("kinds-chat-model");
    backend("kinds-chat-model", chat, 1);

    Reply wrongKind =
        harness.admin(
            "POST",
            "/models/kinds-embed/backends",
            "{\"providerModelId\":\"" + chat + "\",\"priority\":1}");
    Reply twice =
        harness.admin(
            "POST",
            "/models/kinds-chat-model/backends",
            "{\"providerModelId\":\"" + chat + "\",\"priority\":2}");

    assertEquals(400, wrongKind.code(), wrongKind.body());
    assertEquals(409, twice.code(), twice.body());
  }

  @Test
  void modelsRouteByFailoverOrBalancedAndBackendsHaveWeights() throws IOException {
    String providerId = provider("balanced");
    String first = providerModel(providerId, "balanced-a");
    String second = providerModel(providerId, "balanced-b");
    model("failover-default");
    JsonNode balanced =
        created(
            "POST",
            "/models",
            "{\"slug\":\"balanced-model\",\"displayName\":\"B\",\"kind\":\"chat\","
                + "\"routing\":\"balanced\"}");
    JsonNode light = created("POST", "/models/balanced-model/backends", backendJson(first, ""));
    JsonNode heavy =
        created("POST", "/models/balanced-model/backends", backendJson(second, ",\"weight\":3"));
    JsonNode changed =
        ok(
            "PATCH",
            "/models/balanced-model/backends/" + heavy.get("id").asText(),
            "{\"weight\":1000}");
    JsonNode read = ok("GET", "/models/balanced-model", null);
    JsonNode defaulted = ok("GET", "/models/failover-default", null);
    JsonNode toBalanced = ok("PATCH", "/models/failover-default", "{\"routing\":\"balanced\"}");
    JsonNode back = ok("PATCH", "/models/failover-default", "{\"routing\":\"failover\"}");
    JsonNode audited =
        ok("GET", "/audit?resource=model&resourceId=" + defaulted.get("id").asText(), null)
            .get("data");
    JsonNode weighed =
        ok("GET", "/audit?resource=backend&resourceId=" + heavy.get("id").asText(), null)
            .get("data");

    assertEquals("balanced", balanced.get("routing").asText());
    assertEquals(1, light.get("weight").asInt(), "a Backend's weight is 1 unless given");
    assertEquals(3, heavy.get("weight").asInt());
    assertEquals(1000, changed.get("weight").asInt());
    assertEquals(10, changed.get("priority").asInt(), "a PATCH keeps what it leaves out");
    assertEquals("balanced", read.get("routing").asText());
    List<Integer> weights = new ArrayList<>();
    read.get("backends").forEach(b -> weights.add(b.get("weight").asInt()));
    assertEquals(List.of(1, 1000), weights.stream().sorted().toList());
    assertEquals("failover", defaulted.get("routing").asText(), "routing is failover unless given");
    assertEquals("balanced", toBalanced.get("routing").asText());
    assertEquals("failover", back.get("routing").asText());
    assertEquals("failover", audited.get(0).at("/after/routing").asText(), "newest first");
    assertEquals("balanced", audited.get(1).at("/after/routing").asText());
    assertEquals("failover", audited.get(1).at("/before/routing").asText());
    assertEquals(3, weighed.get(0).at("/before/weight").asInt());
    assertEquals(1000, weighed.get(0).at("/after/weight").asInt());
  }

  private static String backendJson(String providerModelId, String more) {
    return "{\"providerModelId\":\"" + providerModelId + "\",\"priority\":10" + more + "}";
  }

  @Test
  void deletedModelIsGone() throws IOException {
    model("short-lived");

    noContent("/models/short-lived");

    assertEquals(404, status("GET", "/models/short-lived"));
  }
}
