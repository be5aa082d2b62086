package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
      assertEquals(0, process.exitValue());
    } finally {
      process.destroyForcibly();
    }
  }
}
