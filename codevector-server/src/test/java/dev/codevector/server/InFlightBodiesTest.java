package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.access.IssuedKey;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bodies of all requests in flight share a quarter of the heap: a server process with a small
 * heap turns away a body it has no room for, before reading it, and serves the next request.
 */
final class InFlightBodiesTest {
  private static final String COMPLETION =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}]}";

  @TempDir Path dataDir;

  @Test
  void aBodyBeyondTheRoomLeftIsTurnedAwayWith503BeforeItIsRead() throws Exception {
    Map<String, String> env = ServerProcess.environment(dataDir);
    try (MockWebServer upstream = new MockWebServer()) {
      upstream.start();
      IssuedKey key = ServerProcess.keyForGptMain(env, upstream);
      // A 64 MB heap leaves about 15 MB for bodies, each counted twice: 9 MB does not fit.
      Process process =
          ServerProcess.start(ServerProcess.environment(dataDir, "JAVA_TOOL_OPTIONS", "-Xmx64m"));
      try {
        int port = ServerProcess.port(process);

        RawHttp.Answer refused =
            RawHttp.exchange(
                port,
                List.of(
                    "POST /v1/chat/completions HTTP/1.1",
                    "Authorization: Bearer " + key.plaintext().reveal(),
                    "Content-Type: application/json",
                    "Content-Length: 9000000"),
                null,
                false);

        assertEquals(503, refused.status());
        assertEquals("1", refused.header("retry-after"));
        JsonNode error = new ObjectMapper().readTree(refused.text()).path("error");
        assertTrue(error.path("message").asText().contains("retry shortly"), refused.text());
        assertEquals("server_error", error.path("type").asText());
        assertEquals(0, upstream.getRequestCount());

        upstream.enqueue(new MockResponse.Builder().body(COMPLETION).build());
        HttpResponse<String> next =
            ServerProcess.chat(
                port,
                key,
                "{\"model\":\"gpt-main\",\"messages\":[]}",
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, next.statusCode());
      } finally {
        process.destroyForcibly();
      }
    }
  }
}
