package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.access.IssuedKey;
import dev.codevector.registry.Model;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class MetricsTest {
  private static final String ALLOCATED = "jvm_memory_pool_allocated_bytes_total{pool=\"";
  private static final String CHAT = "{\"model\":\"gpt-main\",\"messages\":[]}";
  private static final String METRICS_TOKEN =
      TestSecrets.register("metrics-token-for-tests-0123456789");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dataDir;
  private final MockWebServer upstream = new MockWebServer();
  private ServerHarness harness;
  private IssuedKey key;
  private Model model;

  @BeforeEach
  void start() throws Exception {
    upstream.start();
    harness = new ServerHarness(dataDir);
    model = harness.chatModel("gpt-main", upstream);
    key = harness.keyFor("ada", model);
  }

  @AfterEach
  void stop() {
    harness.close();
    upstream.close();
  }

  private String scrape() throws Exception {
    try (Response response =
        harness.get("/metrics", Map.of("Authorization", "Bearer " + ServerHarness.ADMIN_TOKEN))) {
      assertEquals(200, response.code());
      return response.body().string();
    }
  }

  @Test
  void requestsAttemptsAndTheUsageQueueAreExposed() throws Exception {
    upstream.enqueue(new MockResponse.Builder().body("{\"choices\":[]}").build());
    harness.post("/v1/chat/completions", key.plaintext().reveal(), CHAT, Map.of()).close();
    harness.post("/v1/chat/completions", null, CHAT, Map.of()).close();

    String metrics = scrape();

    assertTrue(
        metrics.contains("codevector_requests_total{dialect=\"openai_chat\",status=\"200\"} 1.0"),
        metrics);
    assertTrue(
        metrics.contains("codevector_requests_total{dialect=\"openai_chat\",status=\"401\"} 1.0"),
        metrics);
    assertTrue(
        metrics.contains("codevector_request_duration_seconds_count{dialect=\"openai_chat\"} 2"),
        metrics);
    String backend = model.backends().get(0).id().value();
    assertTrue(
        metrics.contains("codevector_upstream_attempts_total{backend=\"" + backend), metrics);
    assertTrue(metrics.contains("outcome=\"success\",provider=\""), metrics);
    assertTrue(metrics.contains("codevector_usage_queue_depth"), metrics);
    assertFalse(metrics.contains(key.plaintext().reveal()));
  }

  @Test
  void repeatedUpstreamFailuresShowAsFailuresAndAnOpenCircuit() throws Exception {
    for (int i = 0; i < 3; i++) {
      upstream.enqueue(new MockResponse.Builder().code(503).build());
      harness.post("/v1/chat/completions", key.plaintext().reveal(), CHAT, Map.of()).close();
    }

    String metrics = scrape();

    String backend = model.backends().get(0).id().value();
    assertTrue(
        metrics.contains("codevector_upstream_failures_total{backend=\"" + backend), metrics);
    assertTrue(metrics.contains("status=\"503\"} 3"), metrics);
    assertTrue(
        metrics.contains("codevector_circuit_state{backend=\"" + backend + "\"} 1"), metrics);
  }

  @Test
  void theProcessAndItsJvmAreExposed() throws Exception {
    // Allocation by pool is counted at collections, and reported by a notification thread.
    System.gc();
    String metrics = scrape();
    for (int i = 0; i < 50 && !metrics.contains(ALLOCATED); i++) {
      Thread.sleep(100);
      metrics = scrape();
    }

    assertTrue(metrics.contains(ALLOCATED), metrics);
    assertTrue(value(metrics, "process_cpu_seconds_total") > 0, metrics);
    assertTrue(value(metrics, "process_resident_memory_bytes") > 1_000_000, metrics);
    assertTrue(metrics.contains("jvm_gc_collection_seconds_count{gc=\""), metrics);
    assertTrue(value(metrics, "jvm_threads_current") > 0, metrics);
  }

  @Test
  void aScrapeWithoutTheAdminOrMetricsTokenGets401() throws Exception {
    for (Map<String, String> headers :
        List.of(
            Map.<String, String>of(),
            Map.of("Authorization", "Bearer " + METRICS_TOKEN),
            Map.of("Authorization", "Basic " + ServerHarness.ADMIN_TOKEN))) {
      try (Response response = harness.get("/metrics", headers)) {
        String body = response.body().string();

        assertEquals(401, response.code(), body);
        assertEquals("application/json", response.header("content-type"));
        assertEquals(
            "authentication_error", MAPPER.readTree(body).get("error").get("type").asText());
        assertFalse(body.contains("codevector_"), body);
      }
    }
  }

  @Test
  void theMetricsTokenMayScrapeButNotUseTheAdminApi(@TempDir Path otherDir) throws Exception {
    try (ServerHarness scraped =
        new ServerHarness(
            ServerHarness.config(otherDir, Map.of("CODEVECTOR_METRICS_TOKEN", METRICS_TOKEN)))) {
      try (Response response =
          scraped.get("/metrics", Map.of("Authorization", "Bearer " + METRICS_TOKEN))) {
        assertEquals(200, response.code());
        assertTrue(response.body().string().contains("codevector_usage_queue_depth"));
      }

      assertEquals(401, scraped.adminWith(METRICS_TOKEN, "GET", "/models", null).code());
    }
  }

  @Test
  void aShortMetricsTokenStopsStart() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> ServerHarness.config(dataDir, Map.of("CODEVECTOR_METRICS_TOKEN", "short")));

    assertEquals("CODEVECTOR_METRICS_TOKEN must be at least 16 characters long", e.getMessage());
  }

  private static double value(String metrics, String name) {
    return metrics
        .lines()
        .filter(line -> line.startsWith(name + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " is missing"));
  }
}
