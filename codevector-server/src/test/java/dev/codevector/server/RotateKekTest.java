package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.access.IssuedKey;
import dev.codevector.registry.Model;
import dev.codevector.testing.PostgresSchema;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code codevector rotate-kek} run as an operator runs it, as a process against the database a
 * stopped server left, on H2 and on PostgreSQL.
 */
final class RotateKekTest {
  private static final String CHAT = "{\"model\":\"gpt-main\",\"messages\":[]}";
  private static final String UPSTREAM_KEY = "sk-upstream-secret-for-gpt-main-0123456789";

  @TempDir Path dataDir;

  private Map<String, String> env(String... more) {
    return ServerProcess.environment(dataDir, more);
  }

  @Test
  void rotatedCredentialsOpenWithTheNewKeyOnlyOnH2() throws Exception {
    rotatedCredentialsOpenWithTheNewKeyOnly(env());
  }

  @Test
  @EnabledIfEnvironmentVariable(
      named = PostgresSchema.URL_VARIABLE,
      matches = ".+",
      disabledReason = PostgresSchema.SKIPPED)
  void rotatedCredentialsOpenWithTheNewKeyOnlyOnPostgres() throws Exception {
    try (PostgresSchema schema = PostgresSchema.create()) {
      rotatedCredentialsOpenWithTheNewKeyOnly(env("CODEVECTOR_DB_URL", schema.url()));
    }
  }

  private void rotatedCredentialsOpenWithTheNewKeyOnly(Map<String, String> oldKey)
      throws Exception {
    Path newKek = dataDir.resolve("kek-2.json");
    Map<String, String> newKey = new HashMap<>(oldKey);
    newKey.put("CODEVECTOR_KEK_FILE", newKek.toString());
    try (MockWebServer upstream = new MockWebServer()) {
      upstream.start();
      IssuedKey key;
      try (ServerHarness harness = new ServerHarness(ServerConfig.fromEnvironment(oldKey))) {
        Model model = harness.chatModel("gpt-main", upstream);
        key = harness.keyFor("ada", model);
      }

      String rotated =
          ServerProcess.succeed(oldKey, "rotate-kek", "--new-kek-file", newKek.toString());
      String again =
          ServerProcess.succeed(oldKey, "rotate-kek", "--new-kek-file", newKek.toString());

      assertTrue(rotated.contains("Generated the new key-encryption key " + newKek), rotated);
      assertTrue(rotated.contains("Re-wrapped 1 credential under the new key"), rotated);
      assertTrue(rotated.contains("CODEVECTOR_KEK_FILE=" + newKek), rotated);
      assertEquals(
          "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(newKek)));
      assertTrue(again.contains("already under the new key-encryption key"), again);
      TestSecrets.registerKeyset(Files.readString(newKek));
      assertEquals(List.of(), TestSecrets.leaksIn(rotated + again));
      assertFalse(again.contains("Generated"), again);
      assertEquals(UPSTREAM_KEY, authorizationUpstreamSees(newKey, upstream, key));
      ServerProcess.Result refused = ServerProcess.run(oldKey);
      assertEquals(1, refused.status());
      assertTrue(
          refused.err().startsWith("codevector: the key-encryption key does not match"),
          refused.err());
    }
  }

  /** Starts the server, sends one request with the key, and returns the upstream's API key. */
  private static String authorizationUpstreamSees(
      Map<String, String> env, MockWebServer upstream, IssuedKey key) throws Exception {
    Process server = ServerProcess.start(env);
    try {
      int port = ServerProcess.port(server);
      upstream.enqueue(new MockResponse.Builder().body("{\"choices\":[]}").build());
      HttpResponse<String> answer =
          ServerProcess.chat(port, key, CHAT, HttpResponse.BodyHandlers.ofString());
      assertEquals(200, answer.statusCode(), answer.body());
      RecordedRequest seen = upstream.takeRequest(10, TimeUnit.SECONDS);
      return seen.getHeaders().get("Authorization").substring("Bearer ".length());
    } finally {
      server.destroy();
      assertTrue(server.waitFor(60, TimeUnit.SECONDS));
    }
  }

  @Test
  void rotatingWhileTheServerHasTheH2DatabaseOpenIsRefusedInOneLine() throws Exception {
    Process server = ServerProcess.start(env());
    try {
      ServerProcess.port(server);

      ServerProcess.Result refused =
          ServerProcess.run(
              env(), "rotate-kek", "--new-kek-file", dataDir.resolve("kek-2.json").toString());

      assertEquals(1, refused.status());
      assertTrue(refused.err().startsWith("codevector: cannot open the database"), refused.err());
      assertEquals(1, refused.err().lines().count(), refused.err());
    } finally {
      server.destroy();
      assertTrue(server.waitFor(60, TimeUnit.SECONDS));
    }
  }

  @Test
  void rotatingAgainWithYetAnotherKeyIsRefusedAsTheWrongCurrentKey() throws Exception {
    new ServerHarness(ServerConfig.fromEnvironment(env())).close();
    Path newKek = dataDir.resolve("kek-2.json");
    ServerProcess.succeed(env(), "rotate-kek", "--new-kek-file", newKek.toString());

    ServerProcess.Result refused =
        ServerProcess.run(
            env(), "rotate-kek", "--new-kek-file", dataDir.resolve("kek-3.json").toString());

    assertEquals(1, refused.status());
    assertTrue(
        refused.err().startsWith("codevector: the key-encryption key does not match"),
        refused.err());
  }

  @Test
  void aMalformedCommandLineShowsTheUsage() throws Exception {
    ServerProcess.Result result = ServerProcess.run(env(), "rotate-kek", "--new-kek");

    assertEquals(2, result.status());
    assertEquals(
        "codevector: usage: codevector rotate-kek --new-kek-file PATH   (the server must be"
            + " stopped)\n",
        result.err());
  }
}
