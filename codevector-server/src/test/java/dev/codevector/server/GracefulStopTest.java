package dev.codevector.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.access.IssuedKey;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a server process with streams in flight, whose upstream pauses about a second between
 * events: as long as the idle timeout to which Jetty cuts the open connections of a server that is
 * stopping, unless it is told otherwise.
 */
final class GracefulStopTest {
  private static final String STREAM_REQUEST =
      "{\"model\":\"gpt-main\",\"stream\":true,\"messages\":[]}";

  @TempDir Path dataDir;
  private final MockWebServer upstream = new MockWebServer();

  @BeforeEach
  void startUpstream() throws IOException {
    upstream.start();
  }

  @AfterEach
  void stopUpstream() {
    upstream.close();
  }

  @Test
  void sigtermLetsTenSlowStreamsFinishRecordsTheirUsageAndExits0() throws Exception {
    Map<String, String> env = ServerProcess.environment(dataDir);
    IssuedKey key = ServerProcess.keyForGptMain(env, upstream);
    for (int i = 0; i < 10; i++) {
      enqueueSlowStream(4);
    }
    Process process = ServerProcess.start(env);
    try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
      int port = ServerProcess.port(process);
      List<BufferedReader> streams = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        streams.add(openStream(port, key));
      }

      process.destroy();
      List<Future<String>> rests = new ArrayList<>();
      for (BufferedReader stream : streams) {
        rests.add(readers.submit(() -> rest(stream)));
      }
      boolean refused = newConnectionsAreRefused(port);

      for (Future<String> rest : rests) {
        String events = rest.get(30, TimeUnit.SECONDS);
        assertTrue(events.contains("part-3") && events.endsWith("data: [DONE]"), events);
      }
      assertTrue(refused, "a new connection was served after SIGTERM");
      assertExitsWith0(process);
    } finally {
      process.destroyForcibly();
    }
    try (ServerHarness restarted = new ServerHarness(ServerConfig.fromEnvironment(env))) {
      assertEquals(
          10,
          restarted
              .codeVector
              .usageRecords(Instant.now().minusSeconds(600), Instant.now().plusSeconds(60), 100)
              .size());
    }
  }

  @Test
  void aStreamLongerThanTheGracePeriodEndsWithAnErrorEventAndTheProcessExits0() throws Exception {
    Map<String, String> env =
        ServerProcess.environment(dataDir, "CODEVECTOR_STOP_GRACE_SECONDS", "1");
    IssuedKey key = ServerProcess.keyForGptMain(env, upstream);
    enqueueSlowStream(40);
    Process process = ServerProcess.start(env);
    try {
      BufferedReader stream = openStream(ServerProcess.port(process), key);
      long stopped = System.nanoTime();

      process.destroy();
      String events = rest(stream);
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stopped);

      assertTrue(
          events.endsWith(
              "data: {\"error\":{\"message\":\"the server is stopping\",\"type\":\"server_error\","
                  + "\"param\":null,\"code\":null}}"),
          events);
      assertFalse(events.contains("[DONE]"), events);
      assertTrue(seconds < 10, "the stream ended " + seconds + " s after SIGTERM");
      assertExitsWith0(process);
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void aRequestOnAnOpenConnectionWhileStoppingGets503WithRetryAfterAndConnectionClose()
      throws Exception {
    Map<String, String> env = ServerProcess.environment(dataDir);
    IssuedKey key = ServerProcess.keyForGptMain(env, upstream);
    enqueueSlowStream(4);
    Process process = ServerProcess.start(env);
    try (Socket connection =
        new Socket(InetAddress.getLoopbackAddress(), ServerProcess.port(process))) {
      int port = connection.getPort();
      connection.setSoTimeout(30_000);
      OutputStream out = connection.getOutputStream();
      InputStream in = new BufferedInputStream(connection.getInputStream());
      out.write(
          ("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      assertEquals(200, RawHttp.read(in).status());
      BufferedReader stream = openStream(port, key);

      process.destroy();
      assertTrue(newConnectionsAreRefused(port), "a new connection was served after SIGTERM");
      byte[] body = STREAM_REQUEST.getBytes(StandardCharsets.UTF_8);
      out.write(
          ("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Authorization: Bearer "
                  + key.plaintext().reveal()
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      out.write(body);
      RawHttp.Answer refused = RawHttp.read(in);

      assertEquals(503, refused.status());
      assertEquals("1", refused.header("retry-after"));
      assertEquals("close", refused.header("connection"));
      assertTrue(refused.header("content-type").startsWith("application/json"));
      assertEquals(
          "{\"error\":{\"message\":\"the server cannot answer now; retry later\","
              + "\"type\":\"server_error\",\"param\":null,\"code\":null}}",
          refused.text());
      assertTrue(rest(stream).endsWith("data: [DONE]"));
      assertExitsWith0(process);
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void anAnthropicStreamStillOpenWhenTheGracePeriodIsOverEndsWithItsErrorEvent() throws Exception {
    ServerHarness harness =
        new ServerHarness(
            ServerHarness.config(dataDir, Map.of("CODEVECTOR_STOP_GRACE_SECONDS", "1")));
    IssuedKey key = harness.keyFor("ada", harness.anthropicModel("claude-main", upstream));
    String delta =
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
            + "\"delta\":{\"type\":\"text_delta\",\"text\":\"a\"}}\n\n";
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("content-type", "text/event-stream")
            .body(
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{"
                    + "\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                    + "\"model\":\"u\",\"content\":[],\"usage\":{\"input_tokens\":3,"
                    + "\"output_tokens\":0}}}\n\n"
                    + delta.repeat(40))
            .throttleBody(256, 1_000, TimeUnit.MILLISECONDS)
            .build());
    Thread closing;
    try (okhttp3.Response stream =
        harness.post(
            "/v1/messages",
            key.plaintext().reveal(),
            "{\"model\":\"claude-main\",\"max_tokens\":10,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            Map.of("anthropic-version", "2023-06-01"))) {
      BufferedReader events =
          new BufferedReader(new InputStreamReader(stream.body().byteStream(), UTF_8));
      assertEquals("event: message_start", events.readLine());

      closing = Thread.ofVirtual().start(harness::close);
      String rest = rest(events);

      assertTrue(
          rest.endsWith(
              "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\","
                  + "\"message\":\"the server is stopping\"}}"),
          rest);
    }
    assertTrue(closing.join(Duration.ofSeconds(10)), "closing did not end");
  }

  /**
   * Enqueues a stream of content events and its end, which the upstream sends 128 bytes at a time,
   * a second apart: about a second for each event.
   */
  private void enqueueSlowStream(int events) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < events; i++) {
      body.append(
          "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
              + "\"delta\":{\"content\":\"part-"
              + i
              + "\"}}]}\n\n");
    }
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("content-type", "text/event-stream")
            .body(body + "data: [DONE]\n\n")
            .throttleBody(128, 1_000, TimeUnit.MILLISECONDS)
            .build());
  }

  private static void assertExitsWith0(Process process) throws InterruptedException {
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the process did not end");
    assertEquals(0, process.exitValue());
  }

  /** Starts a stream and reads its first line; returns the reader for the rest. */
  private static BufferedReader openStream(int port, IssuedKey key) throws Exception {
    HttpResponse<InputStream> answer =
        ServerProcess.chat(port, key, STREAM_REQUEST, HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, answer.statusCode());
    BufferedReader stream =
        new BufferedReader(new InputStreamReader(answer.body(), StandardCharsets.UTF_8));
    assertTrue(stream.readLine().contains("part-0"));
    return stream;
  }

  /** Reads the rest of a stream to its end; returns its lines that are not blank. */
  private static String rest(BufferedReader stream) {
    return stream.lines().filter(line -> !line.isBlank()).collect(Collectors.joining("\n"));
  }

  /** Tries new connections for a while after SIGTERM; true once one is refused. */
  private static boolean newConnectionsAreRefused(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (System.nanoTime() < deadline) {
      try {
        new Socket(InetAddress.getLoopbackAddress(), port).close();
      } catch (IOException e) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }
}
