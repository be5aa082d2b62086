package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.access.IssuedKey;
import dev.codevector.usage.UsageRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a client is told about retrying when no Backend served: the true time until one may, from
 * the upstream's {@code Retry-After} in any form, and {@code x-should-retry: false} only when a
 * retry cannot help; and that each such request leaves one usage row with the status its client
 * got.
 */
final class RetryHintsTest {
  private static final String CHAT =
      "{\"model\":\"gpt-main\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @TempDir Path dataDir;
  private final MockWebServer upstream = new MockWebServer();
  private ServerHarness harness;
  private String key;

  @BeforeEach
  void start() throws Exception {
    upstream.start();
    harness = new ServerHarness(dataDir);
    IssuedKey issued = harness.keyFor("ada", harness.chatModel("gpt-main", upstream));
    key = issued.plaintext().reveal();
  }

  @AfterEach
  void stop() {
    harness.close();
    upstream.close();
  }

  private Response chat() throws Exception {
    return harness.post("/v1/chat/completions", key, CHAT, Map.of());
  }

  private static long seconds(Response response) {
    return Long.parseLong(response.header("retry-after"));
  }

  @Test
  void anUpstreamsRetryAfterDateIsTheCooldownAndClientsAreToldIt() throws Exception {
    String inFourSeconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            Instant.now().plusSeconds(4).atOffset(ZoneOffset.UTC));
    upstream.enqueue(
        new MockResponse.Builder().code(503).addHeader("Retry-After", inFourSeconds).build());

    try (Response failed = chat();
        Response skipped = chat()) {
      assertEquals(503, failed.code());
      assertTrue(seconds(failed) >= 2 && seconds(failed) <= 4, failed.header("retry-after"));
      assertNull(failed.header("x-should-retry"));
      assertEquals(503, skipped.code());
      assertTrue(seconds(skipped) >= 1 && seconds(skipped) <= 4, skipped.header("retry-after"));
    }
    assertEquals(1, upstream.getRequestCount());
    List<UsageRecord> records = harness.usageOf("gpt-main", 2);
    assertEquals(List.of(503, 503), records.stream().map(UsageRecord::status).toList());
    assertEquals(List.of(1, 0), records.stream().map(r -> r.attempts().size()).toList());
  }

  @Test
  void aRetryAfterInMillisecondsIsRoundedUpToSeconds() throws Exception {
    upstream.enqueue(
        new MockResponse.Builder().code(429).addHeader("retry-after-ms", "1500").build());

    try (Response response = chat()) {
      assertEquals(429, response.code());
      assertEquals(2, seconds(response));
    }
    harness.assertRefused("gpt-main", 429);
  }

  @Test
  void anOverloadedAnthropicStatusKeepsItsStatusAndRetryAfterInSeconds() throws Exception {
    upstream.enqueue(new MockResponse.Builder().code(529).addHeader("Retry-After", "3").build());

    try (Response response = chat()) {
      assertEquals(529, response.code());
      assertTrue(seconds(response) >= 2 && seconds(response) <= 3, response.header("retry-after"));
      assertNull(response.header("x-should-retry"));
    }
    harness.assertRefused("gpt-main", 529);
  }

  @Test
  void aRefusedCredentialTellsClientsNotToRetry() throws Exception {
    upstream.enqueue(new MockResponse.Builder().code(403).body("{}").build());

    try (Response response = chat()) {
      assertEquals(502, response.code());
      assertEquals("false", response.header("x-should-retry"));
      assertNull(response.header("retry-after"));
    }
    harness.assertRefused("gpt-main", 502);
  }

  @Test
  void aFailureThatMayPassLeavesRetryingToTheClient() throws Exception {
    upstream.enqueue(new MockResponse.Builder().code(500).body("{}").build());

    try (Response response = chat()) {
      assertEquals(500, response.code());
      assertNull(response.header("x-should-retry"));
      assertNull(response.header("retry-after"));
    }
    harness.assertRefused("gpt-main", 500);
  }
}
