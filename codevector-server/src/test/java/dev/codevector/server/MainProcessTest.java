package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.access.IssuedKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@link Main} as an operator would: a separate JVM configured by its environment. */
final class MainProcessTest {
  @TempDir Path dataDir;

  @Test
  void badConfigurationStopsStartUpWithOneLineAndStatus1() throws Exception {
    ServerProcess.Result result = ServerProcess.run(Map.of("CODEVECTOR_PORT", "eighty"));

    assertEquals(1, result.status());
    assertEquals("codevector: CODEVECTOR_PORT 'eighty' is not a number\n", result.err());
  }

  @Test
  void serverStartsServesAndStopsOnSigterm() throws Exception {
    Process process = ServerProcess.start(ServerProcess.environment(dataDir));
    try {
      int port = ServerProcess.port(process);

      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());

      process.destroy();

      assertTrue(process.waitFor(60, TimeUnit.SECONDS));
      assertEquals(143, process.exitValue());
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void sigtermLetsAStreamInFlightFinishAndRefusesNewConnections() throws Exception {
    Map<String, String> env = ServerProcess.environment(dataDir);
    try (MockWebServer upstream = new MockWebServer()) {
      upstream.start();
      IssuedKey key = ServerProcess.keyForGptMain(env, upstream);
      StringBuilder events = new StringBuilder();
      for (int i = 0; i < 20; i++) {
        events.append(
            "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"part-"
                + i
                + "\"}}]}\n\n");
      }
      upstream.enqueue(
          new MockResponse.Builder()
              .addHeader("content-type", "text/event-stream")
              .body(events + "data: [DONE]\n\n")
              .throttleBody(256, 250, TimeUnit.MILLISECONDS)
              .build());
      Process process = ServerProcess.start(env);
      try {
        int port = ServerProcess.port(process);
        HttpResponse<InputStream> stream =
            ServerProcess.chat(
                port,
                key,
                "{\"model\":\"gpt-main\",\"stream\":true,\"messages\":[]}",
                HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader body =
            new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        String first = body.readLine();

        process.destroy();
        boolean refused = newConnectionsAreRefused(port);
        String rest = body.lines().collect(Collectors.joining("\n"));

        assertEquals(200, stream.statusCode());
        assertTrue(first.contains("part-0"), first);
        assertTrue(rest.contains("part-19") && rest.strip().endsWith("data: [DONE]"), rest);
        assertTrue(refused, "a new connection was served after SIGTERM");
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(143, process.exitValue());
      } finally {
        process.destroyForcibly();
      }
    }
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
