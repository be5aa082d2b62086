package dev.codevector.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sets the gateway up for a benchmark through its admin API, as an operator's script would:
 * Providers pointing at the mock, Models with their Backends, a user with a key and grants.
 */
final class AdminClient {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final OkHttpClient http;
  private final String baseUrl;
  private final String adminToken;

  AdminClient(OkHttpClient http, String baseUrl, String adminToken) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.adminToken = adminToken;
  }

  /**
   * Reads the gateway JVM's running totals off {@code /metrics}, with the admin token.
   *
   * @return the totals since the gateway started
   */
  JvmFigures jvmFigures() throws IOException {
    return JvmFigures.read(http, baseUrl, adminToken);
  }

  /**
   * Adds an OpenAI Provider at a base URL with one Provider Model.
   *
   * @return the Provider Model's id
   */
  String openAiModel(String name, String providerBaseUrl, String modelId) throws IOException {
    JsonNode provider =
        post(
            "/admin/api/providers",
            Map.of(
                "kind",
                "openai",
                "name",
                name,
                "credentials",
                Map.of("apiKey", "sk-benchmark-" + name),
                "config",
                Map.of("baseUrl", providerBaseUrl)));
    JsonNode providerModel =
        post(
            "/admin/api/providers/" + provider.get("id").asText() + "/models",
            Map.of(
                "modelId",
                modelId,
                "kind",
                "chat",
                "contextWindow",
                128000,
                "maxOutputTokens",
                16384,
                "pricing",
                Map.of("inputPerMTok", 2.5, "outputPerMTok", 10)));
    return providerModel.get("id").asText();
  }

  /** Adds and publishes a Model whose Backends are the given Provider Models, in priority order. */
  void publishModel(String slug, List<String> providerModelIds) throws IOException {
    post("/admin/api/models", Map.of("slug", slug, "displayName", slug, "kind", "chat"));
    int priority = 10;
    for (String id : providerModelIds) {
      post(
          "/admin/api/models/" + slug + "/backends",
          Map.of("providerModelId", id, "priority", priority));
      priority += 10;
    }
    post("/admin/api/models/" + slug + "/publish", Map.of());
  }

  /** Adds a user and returns a new API key of theirs. */
  Caller caller(String name) throws IOException {
    JsonNode user = post("/admin/api/users", Map.of("name", name, "email", name + "@example.com"));
    String userId = user.get("id").asText();
    JsonNode key = post("/admin/api/users/" + userId + "/keys", Map.of());
    return new Caller(userId, key.get("id").asText(), key.get("key").asText());
  }

  /** Puts a limit of some requests per minute on a caller's key. */
  void limitRequests(Caller caller, long perMinute) throws IOException {
    post(
        "/admin/api/limits",
        Map.of("scope", Map.of("keyId", caller.keyId()), "requestsPerMinute", perMinute));
  }

  /** Lets a user call a Model. */
  void grant(String slug, Caller caller) throws IOException {
    post("/admin/api/grants", Map.of("model", slug, "userId", caller.userId()));
  }

  private JsonNode post(String path, Object body) throws IOException {
    Request request =
        new Request.Builder()
            .url(baseUrl + path)
            .header("Authorization", "Bearer " + adminToken)
            .post(RequestBody.create(MAPPER.writeValueAsBytes(body), JSON))
            .build();
    try (Response response = http.newCall(request).execute()) {
      String text = response.body().string();
      if (!response.isSuccessful()) {
        throw new IOException("POST " + path + " answered " + response.code() + ": " + text);
      }
      return text.isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(text);
    }
  }

  /** A user of the gateway and their API key: its id and its secret. */
  record Caller(String userId, String keyId, String key) {}
}
