package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.access.Principal;
import dev.codevector.access.User;
import dev.codevector.registry.Model;
import dev.codevector.registry.ProviderKind;
import dev.codevector.usage.UsageRecord;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the client gets, and what its usage row says, when an upstream fails in the middle of its
 * answer or sends what is not its dialect: never a 200 for a failed answer, a 504 that names the
 * timeout that ran out, and a broken stream recorded as such.
 */
final class UpstreamFaultsTest {
  private static final Map<String, String> TIMEOUTS =
      Map.of(
          "connectTimeoutSeconds", "2",
          "firstByteTimeoutSeconds", "1",
          "idleTimeoutSeconds", "1",
          "totalTimeoutSeconds", "10");
  private static final String CHUNK =
      "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":"
          + "[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n";
  private static final String COMPLETION =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}]}";

  @TempDir Path dataDir;
  private final MockWebServer faulty = new MockWebServer();
  private final MockWebServer healthy = new MockWebServer();
  private final ObjectMapper json = new ObjectMapper();
  private ServerHarness harness;
  private String key;

  @BeforeEach
  void start() throws Exception {
    faulty.start();
    healthy.start();
    harness = new ServerHarness(dataDir);
    User user = harness.codeVector.access().createUser("ada", Optional.empty());
    key =
        TestSecrets.register(
            harness
                .codeVector
                .access()
                .issueKey(user.id(), Optional.empty(), Optional.empty())
                .plaintext()
                .reveal());
    for (Model model :
        List.of(
            harness.publish(
                "alone", ProviderKind.OPENAI_COMPATIBLE, TIMEOUTS, List.of(faulty.url("/v1"))),
            harness.publish(
                "backed",
                ProviderKind.OPENAI_COMPATIBLE,
                TIMEOUTS,
                List.of(faulty.url("/v1"), healthy.url("/v1"))))) {
      harness.codeVector.access().grant(model.id(), Principal.ofUser(user.id()));
    }
  }

  @AfterEach
  void stop() {
    harness.close();
    faulty.close();
    healthy.close();
  }

  private Response chat(String model, boolean stream) throws Exception {
    return harness.post(
        "/v1/chat/completions",
        key,
        "{\"model\":\""
            + model
            + "\",\"stream\":"
            + stream
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
        Map.of());
  }

  private static MockResponse stream(String body) {
    return new MockResponse.Builder()
        .addHeader("content-type", "text/event-stream")
        .body(body)
        .build();
  }

  @Test
  void aStreamEventThatIsNotJsonEndsTheStreamWithAnErrorRecordedAsBroken() throws Exception {
    faulty.enqueue(stream(CHUNK + "data: <html>oops</html>\n\n" + CHUNK + "data: [DONE]\n\n"));

    try (Response response = chat("alone", true)) {
      String body = response.body().string();
      assertEquals(200, response.code());
      assertTrue(body.startsWith(CHUNK), body);
      assertTrue(body.contains("the upstream sent a stream event that is not JSON"), body);
      assertFalse(body.contains("<html>"), body);
      assertFalse(body.contains("[DONE]"), body);
    }
    assertEquals(502, harness.usageOf("alone").status());
  }

  @Test
  void aFirstStreamEventThatIsNotJsonIsFailedOver() throws Exception {
    faulty.enqueue(stream("data: not json\n\n"));
    healthy.enqueue(stream(CHUNK + "data: [DONE]\n\n"));

    try (Response response = chat("backed", true)) {
      assertEquals(200, response.code());
      assertEquals(CHUNK + "data: [DONE]\n\n", response.body().string());
    }
    harness.assertServedBySecond("backed");
  }

  @Test
  void aChatStreamWhoseChoiceFinishedIsWholeWithoutDoneOnEveryPath() throws Exception {
    String finish =
        "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":"
            + "[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n";
    faulty.enqueue(stream(CHUNK + finish));
    faulty.enqueue(stream(CHUNK + finish));

    try (Response passthrough = chat("alone", true);
        Response translated =
            harness.post(
                "/v1/messages",
                key,
                "{\"model\":\"alone\",\"max_tokens\":16,\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                Map.of("anthropic-version", "2023-06-01"))) {
      assertEquals(CHUNK + finish, passthrough.body().string());
      String events = translated.body().string();
      assertTrue(events.strip().endsWith("data: {\"type\":\"message_stop\"}"), events);
      assertFalse(events.contains("event: error"), events);
    }
    for (UsageRecord record : harness.usageOf("alone", 2)) {
      assertEquals(200, record.status(), record.toString());
    }
  }

  @Test
  void anAnswerOverTheConfiguredLimitIsFailedOver() throws Exception {
    harness.close();
    harness =
        new ServerHarness(ServerHarness.config(dataDir, Map.of("CODEVECTOR_MAX_ANSWER_MB", "1")));
    faulty.enqueue(
        new MockResponse.Builder()
            .addHeader("content-type", "application/json")
            .body("{\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}")
            .build());
    healthy.enqueue(
        new MockResponse.Builder()
            .addHeader("content-type", "application/json")
            .body(COMPLETION)
            .build());

    try (Response response = chat("backed", false)) {
      assertEquals(200, response.code());
      assertEquals(COMPLETION, response.body().string());
    }
    harness.assertServedBySecond("backed");
  }

  @Test
  void anAnswerThatFallsSilentAfterItsHeadIsA504NamingTheIdleTimeout() throws Exception {
    faulty.enqueue(
        new MockResponse.Builder()
            .addHeader("content-type", "application/json")
            .body(COMPLETION)
            .onResponseBody(SocketEffect.Stall.INSTANCE)
            .build());

    try (Response response = chat("alone", false)) {
      assertEquals(504, response.code());
      assertEquals(
          "every backend of this model failed; the last: the upstream fell silent for longer than"
              + " its idle timeout",
          json.readTree(response.body().string()).at("/error/message").asText());
    }
    harness.assertRefused("alone", 504);
  }

  @Test
  void anUpstreamThatSendsNoHeadIsA504NamingTheFirstByteTimeout() throws Exception {
    faulty.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

    try (Response response = chat("alone", false)) {
      assertEquals(504, response.code());
      assertTrue(
          json.readTree(response.body().string())
              .at("/error/message")
              .asText()
              .endsWith("the upstream sent no answer within its first-byte timeout"));
    }
    harness.assertRefused("alone", 504);
  }

  @Test
  void anUpstreamThatNeverAcceptsTheConnectionIsA504NamingTheConnectTimeout() throws Exception {
    // A listening socket that accepts nothing: once its queue is full, connecting hangs.
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket first = new Socket(InetAddress.getLoopbackAddress(), full.getLocalPort());
        Socket second = new Socket(InetAddress.getLoopbackAddress(), full.getLocalPort())) {
      assertTrue(first.isConnected() && second.isConnected());
      harness.publish(
          "hanging",
          ProviderKind.OPENAI_COMPATIBLE,
          TIMEOUTS,
          List.of(HttpUrl.get("http://127.0.0.1:" + full.getLocalPort() + "/v1")));
      harness
          .codeVector
          .access()
          .grant(
              harness.codeVector.registry().findModelBySlug("hanging").orElseThrow().id(),
              Principal.ofUser(harness.codeVector.access().users().get(0).id()));
      long started = System.nanoTime();

      try (Response response = chat("hanging", false)) {
        assertEquals(504, response.code());
        assertTrue(
            json.readTree(response.body().string())
                .at("/error/message")
                .asText()
                .endsWith("the upstream could not be connected to within its connect timeout"));
      }
      assertTrue(System.nanoTime() - started < 10_000_000_000L);
      harness.assertRefused("hanging", 504);
    }
  }

  @Test
  void anAnswerCutOffAfterItsHeadIsA502NotA200() throws Exception {
    faulty.enqueue(
        new MockResponse.Builder()
            .addHeader("content-type", "application/json")
            .body(COMPLETION)
            .onResponseBody(new SocketEffect.CloseSocket())
            .build());

    try (Response response = chat("alone", false)) {
      assertEquals(502, response.code());
      assertEquals(
          "server_error", json.readTree(response.body().string()).at("/error/type").asText());
    }
    harness.assertRefused("alone", 502);
  }
}
