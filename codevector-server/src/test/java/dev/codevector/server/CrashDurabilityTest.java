package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.access.IssuedKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ends a server process on H2 abruptly while it acknowledges admin API writes and records usage
 * under concurrent load, starts it again on the same data directory, and checks that every write
 * acknowledged before the end is there: each Provider, Model and user answered with 201, and each
 * usage record the admin API had already read back from the database.
 */
final class CrashDurabilityTest {
  private static final int SIGKILL_ROUNDS = 3;
  private static final String CREDENTIAL =
      TestSecrets.register("sk-durability-upstream-secret-0123456789");
  private static final String COMPLETION =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2,\"total_tokens\":12}}";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;
  @TempDir Path triggers;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Random random = new Random();
  private final AtomicInteger names = new AtomicInteger();
  private final Set<String> providers = ConcurrentHashMap.newKeySet();
  private final Set<String> models = ConcurrentHashMap.newKeySet();
  private final Set<String> users = ConcurrentHashMap.newKeySet();
  private final Set<String> usage = ConcurrentHashMap.newKeySet();

  @Test
  void everyAcknowledgedWriteSurvivesSigkillAtRandomPoints() throws Exception {
    try (MockWebServer upstream = answering()) {
      Map<String, String> env = ServerProcess.environment(dataDir);
      IssuedKey key = ServerProcess.keyForGptMain(env, upstream);

      for (int round = 0; round < SIGKILL_ROUNDS; round++) {
        Process server = ServerProcess.start(env);
        try {
          int port = ServerProcess.port(server);
          assertEverythingAcknowledgedIsStored(port);

          underLoad(port, key, server::destroyForcibly);

          assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the process outlived SIGKILL");
        } finally {
          server.destroyForcibly();
        }
      }

      assertStoredAfterRestart(env);
    }
  }

  @Test
  void outOfMemoryErrorEndsTheProcessWithStatus3AndEveryAcknowledgedWriteSurvives()
      throws Exception {
    try (MockWebServer upstream = answering()) {
      Map<String, String> env = ServerProcess.environment(dataDir);
      IssuedKey key = ServerProcess.keyForGptMain(env, upstream);
      Path trigger = triggers.resolve("exhaust-heap");
      Process server =
          ServerProcess.launch(
              env, List.of("-Xmx96m", HeapExhaustingMain.class.getName()), trigger.toString());
      try {
        CompletableFuture<String> err = drained(server.getErrorStream());
        int port = ServerProcess.port(server);

        underLoad(port, key, () -> Files.createFile(trigger));

        if (!server.waitFor(30, TimeUnit.SECONDS)) {
          fail(
              "the process lingered after running out of memory; its threads:\n"
                  + ServerProcess.threads(server));
        }
        assertEquals(3, server.exitValue());
        assertTrue(
            err.get(10, TimeUnit.SECONDS)
                .contains("codevector: out of memory; exiting with status 3 to be restarted\n"));
      } finally {
        server.destroyForcibly();
      }

      assertStoredAfterRestart(env);
    }
  }

  /** An upstream that answers every chat request at once. */
  private static MockWebServer answering() throws IOException {
    MockWebServer upstream = new MockWebServer();
    upstream.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder()
                .addHeader("content-type", "application/json")
                .body(COMPLETION)
                .build();
          }
        });
    upstream.start();
    return upstream;
  }

  /**
   * Creates Providers, Models and users, sends chat requests and reads usage back, each on a thread
   * of its own, for a random while; then ends the server and waits for every thread to stop.
   */
  private void underLoad(int port, IssuedKey key, Ending ending) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    threads.add(repeat(stop, () -> createProvider(port)));
    threads.add(repeat(stop, () -> createModel(port)));
    threads.add(repeat(stop, () -> createUser(port)));
    threads.add(repeat(stop, () -> chat(port, key)));
    threads.add(repeat(stop, () -> chat(port, key)));
    threads.add(repeat(stop, () -> readUsage(port)));

    Thread.sleep(300 + random.nextInt(1_500));
    ending.end();
    stop.set(true);

    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(20));
      assertFalse(thread.isAlive(), "a load thread did not stop");
    }
  }

  /** Runs a step on a new thread until told to stop; a step that fails is tried again. */
  private static Thread repeat(AtomicBoolean stop, Step step) {
    return Thread.ofPlatform()
        .start(
            () -> {
              for (int i = 0; i < 20_000 && !stop.get(); i++) {
                try {
                  step.run();
                } catch (IOException e) {
                  // The server is ending; the write was not acknowledged.
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
  }

  private void createProvider(int port) throws IOException, InterruptedException {
    String name = "durable-" + names.incrementAndGet();
    created(
        port,
        "/providers",
        "{\"kind\":\"openai-compatible\",\"name\":\""
            + name
            + "\",\"credentials\":{\"apiKey\":\""
            + CREDENTIAL
            + "\"},\"config\":{\"baseUrl\":\"http://127.0.0.1:9/v1\"}}",
        providers);
  }

  private void createModel(int port) throws IOException, InterruptedException {
    String slug = "durable-" + names.incrementAndGet();
    created(
        port,
        "/models",
        "{\"slug\":\"" + slug + "\",\"displayName\":\"" + slug + "\",\"kind\":\"chat\"}",
        models);
  }

  private void createUser(int port) throws IOException, InterruptedException {
    created(port, "/users", "{\"name\":\"durable-" + names.incrementAndGet() + "\"}", users);
  }

  /** Posts to the admin API; on 201 records the created resource's id as acknowledged. */
  private void created(int port, String path, String body, Set<String> acknowledged)
      throws IOException, InterruptedException {
    HttpResponse<String> answer =
        http.send(
            admin(port, path)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() == 201) {
      acknowledged.add(JSON.readTree(answer.body()).get("id").asText());
    }
  }

  private void chat(int port, IssuedKey key) throws IOException, InterruptedException {
    try {
      ServerProcess.chat(
          port,
          key,
          "{\"model\":\"gpt-main\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
          HttpResponse.BodyHandlers.discarding());
    } catch (IOException | InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  /** Records the request id of every usage record the server has read back from its database. */
  private void readUsage(int port) throws IOException, InterruptedException {
    usage.addAll(storedUsage(port));
    Thread.sleep(50);
  }

  private Set<String> storedUsage(int port) throws IOException, InterruptedException {
    HttpResponse<String> answer =
        http.send(admin(port, "/usage.csv").build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IOException("the usage export answered " + answer.statusCode());
    }
    Set<String> requestIds = new HashSet<>();
    answer.body().lines().skip(1).forEach(line -> requestIds.add(line.split(",")[1]));
    return requestIds;
  }

  private void assertStoredAfterRestart(Map<String, String> env) throws Exception {
    Process server = ServerProcess.start(env);
    try {
      assertEverythingAcknowledgedIsStored(ServerProcess.port(server));
    } finally {
      server.destroy();
      assertTrue(server.waitFor(30, TimeUnit.SECONDS));
    }
  }

  private void assertEverythingAcknowledgedIsStored(int port) throws Exception {
    assertStored("Providers", providers, ids(port, "/providers"));
    assertStored("Models", models, ids(port, "/models"));
    assertStored("users", users, ids(port, "/users"));
    assertStored("usage records", usage, storedUsage(port));
  }

  private static void assertStored(String what, Set<String> acknowledged, Set<String> stored) {
    Set<String> lost = new HashSet<>(acknowledged);
    lost.removeAll(stored);
    assertEquals(Set.of(), lost, lost.size() + " of " + acknowledged.size() + " " + what + " lost");
  }

  private Set<String> ids(int port, String path) throws IOException, InterruptedException {
    HttpResponse<String> answer =
        http.send(admin(port, path).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode());
    Set<String> ids = new HashSet<>();
    JSON.readTree(answer.body()).get("data").forEach(item -> ids.add(item.get("id").asText()));
    return ids;
  }

  private static HttpRequest.Builder admin(int port, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/api" + path))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + ServerHarness.ADMIN_TOKEN);
  }

  /** Reads a stream to its end on another thread. */
  private static CompletableFuture<String> drained(InputStream stream) {
    // A thread of its own: a pool busy with other work would leave the pipe full, and the
    // process's next write to standard error, its out-of-memory line included, would block.
    CompletableFuture<String> drained = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name("stderr-drain")
        .start(
            () -> {
              try {
                drained.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                drained.complete("");
              }
            });
    return drained;
  }

  /** One request of the load. */
  private interface Step {
    void run() throws IOException, InterruptedException;
  }

  /** How the server ends. */
  private interface Ending {
    void end() throws IOException;
  }
}
