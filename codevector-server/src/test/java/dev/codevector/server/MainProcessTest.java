package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@link Main} as an operator would: a separate JVM configured by its environment. */
final class MainProcessTest {
  @TempDir Path dataDir;

  private Process start(Map<String, String> env) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName());
    builder.environment().keySet().removeIf(name -> name.startsWith("CODEVECTOR_"));
    builder.environment().putAll(env);
    return builder.start();
  }

  @Test
  void badConfigurationStopsStartUpWithOneLineAndStatus1() throws Exception {
    Process process = start(Map.of("CODEVECTOR_PORT", "eighty"));

    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(1, process.exitValue());
    assertEquals(
        "codevector: CODEVECTOR_PORT 'eighty' is not a number\n",
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void serverStartsServesAndStopsOnSigterm() throws Exception {
    Process process =
        start(
            Map.of(
                "CODEVECTOR_HOST", "127.0.0.1",
                "CODEVECTOR_PORT", "0",
                "CODEVECTOR_DATA_DIR", dataDir.toString(),
                "CODEVECTOR_ADMIN_TOKEN", "admin-token-for-tests-0123456789"));
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      Matcher listening = null;
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        listening = Pattern.compile("listening on http://127.0.0.1:(\\d+)").matcher(line);
        if (listening.find()) {
          break;
        }
      }
      assertTrue(listening != null, "the server printed no address");
      int port = Integer.parseInt(listening.group(1));

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
}
