package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codevector.access.IssuedKey;
import dev.codevector.limits.LimitScope;
import dev.codevector.testing.PostgresSchema;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server on PostgreSQL through a proxy the test cuts, with a limit on a key: while the database
 * is unreachable, a request under the limit is refused with 503 when the policy is closed, and
 * admitted unchecked when it is open.
 */
@EnabledIfEnvironmentVariable(
    named = PostgresSchema.URL_VARIABLE,
    matches = ".+",
    disabledReason = PostgresSchema.SKIPPED)
final class LimitsOutageTest {
  private static final String CHAT =
      "{\"model\":\"gpt-main\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String ANSWER =
      "{\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2,\"total_tokens\":12}}";

  @TempDir Path dataDir;
  private PostgresSchema schema;
  private TcpProxy proxy;
  private final MockWebServer upstream = new MockWebServer();
  private ServerHarness harness;

  @BeforeEach
  void start() throws Exception {
    schema = PostgresSchema.create();
    proxy = new TcpProxy(schema.server().getHostString(), schema.server().getPort());
    upstream.start();
  }

  @AfterEach
  void stop() throws Exception {
    proxy.restore();
    if (harness != null) {
      harness.close();
    }
    upstream.close();
    proxy.close();
    schema.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"open", "closed"})
  void aRequestWhoseLimitsCannotBeCheckedFollowsThePolicy(String policy) throws Exception {
    harness =
        new ServerHarness(
            ServerHarness.config(
                dataDir,
                Map.of(
                    "CODEVECTOR_DB_URL",
                    schema.urlThrough(proxy.port()),
                    "CODEVECTOR_LIMITS_ON_DB_ERROR",
                    policy)));
    IssuedKey key = harness.keyFor("ada", harness.chatModel("gpt-main", upstream));
    harness.limit(
        new LimitScope.Key(key.key().id()),
        OptionalLong.of(100),
        OptionalLong.empty(),
        Optional.empty());
    upstream.enqueue(new MockResponse.Builder().body(ANSWER).build());
    assertEquals(200, send(key).code());

    proxy.cut();
    upstream.enqueue(new MockResponse.Builder().body(ANSWER).build());
    try (Response during = send(key)) {
      if (policy.equals("closed")) {
        assertEquals(503, during.code());
        assertEquals("1", during.header("retry-after"));
        assertEquals(1, upstream.getRequestCount());
      } else {
        assertEquals(200, during.code());
        assertEquals(2, upstream.getRequestCount());
      }
    }
  }

  private Response send(IssuedKey key) throws Exception {
    Response response =
        harness.post("/v1/chat/completions", key.plaintext().reveal(), CHAT, Map.of());
    response.body().bytes();
    return response;
  }
}
