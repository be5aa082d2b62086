package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.access.IssuedKey;
import dev.codevector.registry.Model;
import dev.codevector.registry.ProviderKind;
import dev.codevector.testing.ScriptedUpstream;
import dev.codevector.testing.ScriptedUpstream.Step;
import dev.codevector.usage.UsageRecord;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that disconnects while the upstream is silent cancels the upstream call within a second,
 * streamed or not, and its usage is recorded with status 499.
 */
final class ClientDisconnectTest {
  private static final String FIRST_EVENT =
      "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}],"
          + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":1}}\n\n";
  private static final String ANSWER =
      "{\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}";
  private static final Duration PROMPTLY = Duration.ofSeconds(1);

  @TempDir Path dataDir;
  private final MockWebServer healthy = new MockWebServer();
  private ServerHarness harness;
  private ScriptedUpstream upstream;

  @BeforeEach
  void start() throws IOException {
    healthy.start();
    harness = new ServerHarness(dataDir);
  }

  @AfterEach
  void stop() throws IOException {
    harness.close();
    healthy.close();
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void aStreamClientThatLeavesWhileTheUpstreamIsSilentCancelsItWithinASecond() throws Exception {
    upstream = new ScriptedUpstream(List.of(new Step(0, FIRST_EVENT), new Step(20_000, "")));
    IssuedKey key = harness.keyFor("ada", model("silent"));

    try (Socket client = send(key, "{\"model\":\"silent\",\"stream\":true,\"messages\":[]}")) {
      readUntil(client.getInputStream(), "data: ");
    }

    long closed = System.nanoTime();

    UsageRecord record = cancelledPromptlyAfter(closed);
    assertEquals(7, record.inputTokens());
    assertEquals(1, record.outputTokens());
    assertServerStillServes();
  }

  @Test
  void aClientThatLeavesBeforeTheAnswerCancelsTheUpstreamCallWithinASecond() throws Exception {
    upstream = ScriptedUpstream.neverAnswering();
    IssuedKey key = harness.keyFor("ada", model("silent"));

    Socket client = send(key, "{\"model\":\"silent\",\"messages\":[]}");
    assertTrue(upstream.requested().await(10, TimeUnit.SECONDS));

    client.close();
    long closed = System.nanoTime();

    UsageRecord record = cancelledPromptlyAfter(closed);
    assertEquals(0, record.inputTokens());
    assertEquals(0, record.outputTokens());
    assertServerStillServes();
  }

  @Test
  void aClientThatStaysKeepsItsConnectionForTheNextRequest() throws Exception {
    IssuedKey key = harness.keyFor("ada", harness.chatModel("healthy", healthy));
    healthy.enqueue(new MockResponse.Builder().body(ANSWER).build());
    healthy.enqueue(new MockResponse.Builder().body(ANSWER).build());

    try (Socket client = send(key, "{\"model\":\"healthy\",\"messages\":[]}")) {
      readUntil(client.getInputStream(), ANSWER);
      send(client, key, "{\"model\":\"healthy\",\"messages\":[]}");

      readUntil(client.getInputStream(), "HTTP/1.1 200");
      readUntil(client.getInputStream(), ANSWER);
    }
  }

  /**
   * Asserts that the upstream saw its call cancelled within a second of the client's close, and
   * returns the request's usage record, which says the client closed it.
   */
  private UsageRecord cancelledPromptlyAfter(long closed) throws InterruptedException {
    assertTrue(upstream.clientLeft().await(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS));
    assertTrue(Duration.ofNanos(System.nanoTime() - closed).compareTo(PROMPTLY) < 0);
    UsageRecord record = harness.usageOf("silent");
    assertEquals(499, record.status());
    return record;
  }

  private Model model(String slug) {
    return harness.publish(
        slug,
        ProviderKind.OPENAI_COMPATIBLE,
        Map.of("firstByteTimeoutSeconds", "60"),
        List.of(HttpUrl.get(upstream.baseUrl())));
  }

  /** Sends a chat request over a plain socket, which the test closes to leave. */
  private Socket send(IssuedKey key, String json) throws IOException {
    Socket client = new Socket("127.0.0.1", harness.server.port());
    send(client, key, json);
    return client;
  }

  private static void send(Socket client, IssuedKey key, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Authorization: Bearer "
            + key.plaintext().reveal()
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    client.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
    client.getOutputStream().write(body);
    client.getOutputStream().flush();
  }

  private static void readUntil(InputStream in, String text) throws IOException {
    StringBuilder read = new StringBuilder();
    for (int c = in.read(); c != -1; c = in.read()) {
      read.append((char) c);
      if (read.indexOf(text) >= 0) {
        return;
      }
    }
    throw new IOException("the answer ended before '" + text + "': " + read);
  }

  private void assertServerStillServes() throws IOException {
    IssuedKey key = harness.keyFor("grace", harness.chatModel("healthy", healthy));
    healthy.enqueue(new MockResponse.Builder().body(ANSWER).build());
    try (Response response =
        harness.post(
            "/v1/chat/completions",
            key.plaintext().reveal(),
            "{\"model\":\"healthy\",\"messages\":[]}",
            Map.of())) {
      assertEquals(200, response.code());
    }
  }
}
