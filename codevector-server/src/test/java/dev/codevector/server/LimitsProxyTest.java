package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.access.Group;
import dev.codevector.access.IssuedKey;
import dev.codevector.access.Principal;
import dev.codevector.limits.Budget;
import dev.codevector.limits.BudgetPeriod;
import dev.codevector.limits.Limit;
import dev.codevector.limits.LimitScope;
import dev.codevector.limits.LimitSpec;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.server.ConformanceTest.ClientDialect;
import dev.codevector.usage.UsageRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Budgets and rate limits on the proxy path, over HTTP: what a limit admits reaches the upstream
 * with headers telling the room left, and what it refuses is answered 429 in the caller's dialect
 * without reaching it, and recorded.
 */
final class LimitsProxyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COMPLETION =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2,\"total_tokens\":12}}";
  private static final String STREAM =
      "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
          + "\"delta\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":null}]}\n\n"
          + "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
          + "\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
          + "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
          + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2,\"total_tokens\":12}}\n\n"
          + "data: [DONE]\n\n";

  @TempDir Path dataDir;
  private final MockWebServer upstream = new MockWebServer();
  private ServerHarness harness;
  private Model model;
  private IssuedKey key;

  @BeforeEach
  void start() throws Exception {
    upstream.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return request.getBody().utf8().contains("\"stream\":true")
                ? new MockResponse.Builder()
                    .setHeader("content-type", "text/event-stream")
                    .body(STREAM)
                    .build()
                : new MockResponse.Builder().body(COMPLETION).build();
          }
        });
    upstream.start();
    harness = new ServerHarness(dataDir);
    model = harness.chatModel("gpt-main", upstream);
    key = harness.keyFor("ada", model);
    awaitFreshMinute();
  }

  @AfterEach
  void stop() {
    harness.close();
    upstream.close();
  }

  /**
   * Waits for the next minute when this one has less than ten seconds left, so that the requests of
   * a test fall in one per-minute window.
   */
  private static void awaitFreshMinute() throws InterruptedException {
    long intoMinute = System.currentTimeMillis() % 60_000;
    if (intoMinute > 50_000) {
      Thread.sleep(60_000 - intoMinute + 100);
    }
  }

  private Limit limit(LimitScope scope, Optional<ModelId> on, long requestsPerMinute) {
    return harness
        .codeVector
        .limits()
        .create(
            new LimitSpec(
                scope,
                on,
                OptionalLong.of(requestsPerMinute),
                OptionalLong.empty(),
                Optional.empty()));
  }

  private Response send(ClientDialect dialect, IssuedKey as, String slug, boolean stream)
      throws Exception {
    var body = DialectClients.plain(dialect, slug);
    if (stream) {
      body.put("stream", true);
    }
    return harness.post(dialect.path, as.plaintext().reveal(), body.toString(), Map.of());
  }

  private int status(ClientDialect dialect, IssuedKey as, String slug) throws Exception {
    try (Response response = send(dialect, as, slug, false)) {
      response.body().string();
      return response.code();
    }
  }

  @ParameterizedTest
  @EnumSource(ClientDialect.class)
  void aRequestsPerMinuteLimitAdmitsItsRequestsThenRefusesWithoutReachingTheUpstream(
      ClientDialect dialect) throws Exception {
    Limit limit = limit(new LimitScope.Key(key.key().id()), Optional.empty(), 2);
    boolean anthropic = dialect == ClientDialect.MESSAGES;
    String remaining =
        anthropic ? "anthropic-ratelimit-requests-remaining" : "x-ratelimit-remaining-requests";
    String cap = anthropic ? "anthropic-ratelimit-requests-limit" : "x-ratelimit-limit-requests";

    for (int left = 1; left >= 0; left--) {
      try (Response admitted = send(dialect, key, "gpt-main", false)) {
        assertEquals(200, admitted.code(), admitted.body().string());
        assertEquals("2", admitted.header(cap));
        assertEquals(Long.toString(left), admitted.header(remaining));
      }
    }
    try (Response refused = send(dialect, key, "gpt-main", false)) {
      assertEquals(429, refused.code());
      int retryAfter = Integer.parseInt(refused.header("retry-after"));
      assertTrue(retryAfter >= 0 && retryAfter <= 60, "Retry-After " + retryAfter);
      assertEquals("2", refused.header(cap));
      assertEquals("0", refused.header(remaining));
      if (anthropic) {
        Instant reset =
            OffsetDateTime.parse(refused.header("anthropic-ratelimit-requests-reset")).toInstant();
        assertEquals(0, reset.getEpochSecond() % 60, "a minute's end: " + reset);
      } else {
        assertTrue(
            refused.header("x-ratelimit-reset-requests").matches("\\d+ms|\\d+(\\.\\d+)?s"),
            refused.header("x-ratelimit-reset-requests"));
      }
      JsonNode error = JSON.readTree(refused.body().string());
      String message;
      if (anthropic) {
        assertEquals("error", error.get("type").asText());
        assertEquals("rate_limit_error", error.at("/error/type").asText());
        message = error.at("/error/message").asText();
      } else {
        assertEquals("requests", error.at("/error/type").asText());
        assertEquals("rate_limit_exceeded", error.at("/error/code").asText());
        message = error.at("/error/message").asText();
      }
      assertTrue(message.contains(limit.id().toString()), message);
      assertTrue(message.contains("2 requests per minute"), message);
    }
    assertEquals(2, upstream.getRequestCount());

    List<UsageRecord> records = harness.usageOf("gpt-main", 3);
    UsageRecord refused = records.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
    assertEquals(List.of(), refused.attempts());
    assertEquals(BigDecimal.ZERO, refused.cost());
    assertEquals(2, records.stream().filter(r -> r.status() == 200).count());
  }

  @ParameterizedTest
  @EnumSource(ClientDialect.class)
  void aSpentBudgetIsInsufficientQuotaToOpenAiClientsAndARateLimitErrorToAnthropicOnes(
      ClientDialect dialect) throws Exception {
    harness.limit(
        new LimitScope.User(key.key().userId()),
        OptionalLong.empty(),
        OptionalLong.empty(),
        Optional.of(new Budget(new BigDecimal("0.000001"), BudgetPeriod.DAY)));

    try (Response refused = send(dialect, key, "gpt-main", false)) {
      assertEquals(429, refused.code());
      JsonNode error = JSON.readTree(refused.body().string());
      if (dialect == ClientDialect.MESSAGES) {
        assertEquals("rate_limit_error", error.at("/error/type").asText());
      } else {
        assertEquals("insufficient_quota", error.at("/error/type").asText());
        assertEquals("insufficient_quota", error.at("/error/code").asText());
      }
      assertTrue(error.at("/error/message").asText().contains("budget"), error.toString());
      assertTrue(Integer.parseInt(refused.header("retry-after")) > 0);
      assertNull(refused.header("x-ratelimit-remaining-requests"));
      assertNull(refused.header("anthropic-ratelimit-requests-remaining"));
    }
    assertEquals(0, upstream.getRequestCount());
    harness.assertRefused("gpt-main", 429);
  }

  @ParameterizedTest
  @EnumSource(ClientDialect.class)
  void wholeAndStreamedAnswersTellTheRoomOfEachPerMinuteCap(ClientDialect dialect)
      throws Exception {
    harness.limit(
        new LimitScope.All(), OptionalLong.of(10), OptionalLong.of(1_000_000), Optional.empty());
    String[] names =
        dialect == ClientDialect.MESSAGES
            ? new String[] {
              "anthropic-ratelimit-requests-limit",
              "anthropic-ratelimit-requests-remaining",
              "anthropic-ratelimit-tokens-limit",
              "anthropic-ratelimit-tokens-remaining"
            }
            : new String[] {
              "x-ratelimit-limit-requests",
              "x-ratelimit-remaining-requests",
              "x-ratelimit-limit-tokens",
              "x-ratelimit-remaining-tokens"
            };

    for (boolean stream : new boolean[] {false, true}) {
      try (Response response = send(dialect, key, "gpt-main", stream)) {
        String body = response.body().string();
        assertEquals(200, response.code(), body);
        assertEquals("10", response.header(names[0]));
        assertEquals(stream ? "8" : "9", response.header(names[1]));
        assertEquals("1000000", response.header(names[2]));
        long tokensLeft = Long.parseLong(response.header(names[3]));
        assertTrue(tokensLeft > 0 && tokensLeft < 1_000_000, "tokens left " + tokensLeft);
      }
    }
  }

  @Test
  void answersUnderNoLimitCarryNoRateLimitHeaders() throws Exception {
    for (ClientDialect dialect : ClientDialect.values()) {
      try (Response response = send(dialect, key, "gpt-main", false)) {
        assertEquals(200, response.code());
        assertTrue(
            response.headers().names().stream().noneMatch(n -> n.contains("ratelimit")),
            response.headers().toString());
      }
    }
  }

  @Test
  void eachScopeCountsItsOwnRequestsOnItsModelOrOnEveryModel() throws Exception {
    Model other = harness.chatModel("gpt-other", upstream);
    IssuedKey adaOther =
        harness
            .codeVector
            .access()
            .issueKey(key.key().userId(), Optional.empty(), Optional.empty());
    TestSecrets.register(adaOther.plaintext().reveal());
    harness.codeVector.access().grant(other.id(), Principal.ofUser(key.key().userId()));
    IssuedKey bob = harness.keyFor("bob", model, other);
    Group team = harness.codeVector.access().createGroup("team");
    harness.codeVector.access().addMember(team.id(), key.key().userId());
    Map<String, Function<Optional<ModelId>, LimitScope>> scopes =
        Map.of(
            "key", on -> new LimitScope.Key(key.key().id()),
            "user", on -> new LimitScope.User(key.key().userId()),
            "group", on -> new LimitScope.Group(team.id()),
            "all", on -> new LimitScope.All());

    for (var scope : scopes.entrySet()) {
      for (Optional<ModelId> on : List.of(Optional.of(model.id()), Optional.<ModelId>empty())) {
        String what = scope.getKey() + " on " + on;
        awaitFreshMinute();
        Limit limit = limit(scope.getValue().apply(on), on, 1);
        boolean everyone = scope.getKey().equals("all");
        boolean sameUser = !scope.getKey().equals("key");

        assertEquals(200, status(ClientDialect.CHAT, key, "gpt-main"), what);
        assertEquals(429, status(ClientDialect.CHAT, key, "gpt-main"), what);
        assertEquals(
            on.isPresent() ? 200 : 429, status(ClientDialect.CHAT, key, "gpt-other"), what);
        assertEquals(sameUser ? 429 : 200, status(ClientDialect.CHAT, adaOther, "gpt-main"), what);
        assertEquals(everyone ? 429 : 200, status(ClientDialect.CHAT, bob, "gpt-main"), what);

        harness.codeVector.limits().delete(limit.id());
      }
    }
  }

  @Test
  void refusalsAndBudgetsAreInTheMetrics() throws Exception {
    Limit rate = limit(new LimitScope.Key(key.key().id()), Optional.empty(), 1);
    Limit budget =
        harness.limit(
            new LimitScope.All(),
            OptionalLong.empty(),
            OptionalLong.empty(),
            Optional.of(new Budget(new BigDecimal("25"), BudgetPeriod.MONTH)));
    assertEquals(200, status(ClientDialect.CHAT, key, "gpt-main"));
    assertEquals(429, status(ClientDialect.CHAT, key, "gpt-main"));

    // 10 input and 2 output tokens at 3 and 15 USD per million, settled in the background.
    String spent = "codevector_limit_spent_usd{limit=\"" + budget.id() + "\"} 6.0E-5";
    String metrics = scrapeUntil(spent);
    assertTrue(
        metrics.contains(
            "codevector_limit_refusals_total{cap=\"requests_per_minute\",limit=\""
                + rate.id()
                + "\"} 1.0"),
        metrics);
    assertTrue(
        metrics.contains("codevector_limit_budget_usd{limit=\"" + budget.id() + "\"} 25.0"),
        metrics);
    assertTrue(metrics.contains(spent), metrics);
  }

  /** Scrapes the metrics until they hold a line, for at most ten seconds. */
  private String scrapeUntil(String line) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Response scrape =
          harness.get("/metrics", Map.of("Authorization", "Bearer " + ServerHarness.ADMIN_TOKEN))) {
        String metrics = scrape.body().string();
        if (metrics.contains(line) || System.nanoTime() > deadline) {
          return metrics;
        }
      }
      Thread.sleep(20);
    }
  }
}
