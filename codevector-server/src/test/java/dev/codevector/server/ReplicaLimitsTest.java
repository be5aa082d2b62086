package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.access.IssuedKey;
import dev.codevector.limits.Budget;
import dev.codevector.limits.BudgetPeriod;
import dev.codevector.limits.LimitScope;
import dev.codevector.testing.PostgresSchema;
import dev.codevector.usage.UsageRecord;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three server processes on one PostgreSQL database share their limits exactly: hammered at once,
 * together they admit no more requests than a per-minute limit allows, and spend no more than a
 * budget. The policy on database errors is closed, so that a reservation the store failed shows as
 * a 503 rather than as a request admitted unchecked. The per-minute test waits for a minute's
 * start, and once more for the next minute.
 */
@EnabledIfEnvironmentVariable(
    named = PostgresSchema.URL_VARIABLE,
    matches = ".+",
    disabledReason = PostgresSchema.SKIPPED)
final class ReplicaLimitsTest {
  private static final int REPLICAS = 3;
  private static final int REQUESTS = 90;
  private static final String CHAT =
      "{\"model\":\"gpt-main\",\"max_tokens\":2,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  /**
   * The upstream's answer, whose usage is within any request's reserved ceiling (its estimated
   * input and its {@code max_tokens}), so that settling never costs more than was reserved: 1 input
   * and 2 output tokens, 0.000033 USD at the test Model's prices.
   */
  private static final String COMPLETION =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}";

  @TempDir Path dataDir;
  private PostgresSchema schema;
  private final MockWebServer upstream = new MockWebServer();
  private Map<String, String> env;
  private Replicas replicas;

  @BeforeEach
  void start() throws Exception {
    schema = PostgresSchema.create();
    upstream.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder().body(COMPLETION).build();
          }
        });
    upstream.start();
    env =
        ServerProcess.environment(
            dataDir, "CODEVECTOR_DB_URL", schema.url(), "CODEVECTOR_LIMITS_ON_DB_ERROR", "closed");
    replicas = new Replicas(env);
  }

  @AfterEach
  void stop() throws Exception {
    replicas.close();
    upstream.close();
    schema.close();
  }

  /** Publishes {@code gpt-main}, issues a key for it and puts a limit on the key. */
  private IssuedKey keyUnder(OptionalLong requestsPerMinute, Optional<Budget> budget) {
    try (ServerHarness harness = new ServerHarness(ServerConfig.fromEnvironment(env))) {
      IssuedKey key = harness.keyFor("ada", harness.chatModel("gpt-main", upstream));
      harness.limit(
          new LimitScope.Key(key.key().id()), requestsPerMinute, OptionalLong.empty(), budget);
      return key;
    }
  }

  private List<Integer> startReplicas() throws Exception {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < REPLICAS; i++) {
      ports.add(replicas.start());
    }
    return ports;
  }

  /** Sends {@value #REQUESTS} requests at once, spread over the replicas; their statuses. */
  private static List<Integer> hammer(List<Integer> ports, IssuedKey key) throws Exception {
    try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Integer>> sent = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        int port = ports.get(i % ports.size());
        sent.add(
            clients.submit(
                () ->
                    ServerProcess.chat(port, key, CHAT, HttpResponse.BodyHandlers.discarding())
                        .statusCode()));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> status : sent) {
        statuses.add(status.get(60, TimeUnit.SECONDS));
      }
      return statuses;
    }
  }

  private static long count(List<Integer> statuses, int status) {
    return statuses.stream().filter(s -> s == status).count();
  }

  @Test
  void threeReplicasAdmitExactlyTheRequestsPerMinuteOfALimitBetweenThemUntilTheNextMinute()
      throws Exception {
    IssuedKey key = keyUnder(OptionalLong.of(30), Optional.empty());
    List<Integer> ports = startReplicas();

    for (int trial = 0; ; trial++) {
      awaitMinuteStart();
      long minute = System.currentTimeMillis() / 60_000;
      int reachedBefore = upstream.getRequestCount();
      List<Integer> statuses = hammer(ports, key);
      if (System.currentTimeMillis() / 60_000 != minute && trial < 2) {
        continue; // The requests straddled two windows: try again in the next minute.
      }
      assertEquals(30, count(statuses, 200), statuses + "\n" + replicas);
      assertEquals(60, count(statuses, 429), statuses + "\n" + replicas);
      assertEquals(30, upstream.getRequestCount() - reachedBefore);
      break;
    }

    awaitNextMinute();
    for (int port : ports) {
      assertEquals(
          200,
          ServerProcess.chat(port, key, CHAT, HttpResponse.BodyHandlers.discarding()).statusCode(),
          "the next minute admits again");
    }
  }

  @Test
  void threeReplicasNeverSpendMoreThanABudgetBetweenThem() throws Exception {
    BigDecimal amount = new BigDecimal("0.00033");
    IssuedKey key =
        keyUnder(OptionalLong.empty(), Optional.of(new Budget(amount, BudgetPeriod.DAY)));
    List<Integer> ports = startReplicas();

    List<Integer> statuses = hammer(ports, key);
    for (Process server : replicas.processes()) {
      server.destroy();
      assertTrue(server.waitFor(60, TimeUnit.SECONDS), "a replica did not stop");
    }

    assertTrue(count(statuses, 429) > 0, statuses + "\n" + replicas);
    assertTrue(count(statuses, 200) > 0, statuses + "\n" + replicas);
    try (ServerHarness harness = new ServerHarness(ServerConfig.fromEnvironment(env))) {
      List<UsageRecord> records =
          harness.codeVector.usageRecords(
              Instant.now().minusSeconds(600), Instant.now().plusSeconds(60), 1_000);
      assertEquals(REQUESTS, records.size());
      BigDecimal spent =
          records.stream().map(UsageRecord::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
      assertTrue(spent.compareTo(amount) <= 0, "spent " + spent + " of " + amount);
      assertEquals(count(statuses, 200), records.stream().filter(r -> r.status() == 200).count());
    }
  }

  /** Waits for the next minute unless this one has just begun. */
  private static void awaitMinuteStart() throws InterruptedException {
    if (System.currentTimeMillis() % 60_000 > 5_000) {
      awaitNextMinute();
    }
  }

  private static void awaitNextMinute() throws InterruptedException {
    Thread.sleep(60_000 - System.currentTimeMillis() % 60_000 + 200);
  }
}
