package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.access.IssuedKey;
import dev.codevector.access.UserId;
import dev.codevector.registry.Model;
import dev.codevector.server.RawHttp.Answer;
import dev.codevector.wire.ErrorBody;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A running server for hostile-input tests, with a healthy upstream that answers every dialect
 * ({@code gpt-main} behind an OpenAI-compatible Provider, {@code claude-main} behind an Anthropic
 * one), a key granted both, and the one check every case makes of an answer ({@link #check}).
 * Registered as a static extension, it starts before a class's tests and stops after them.
 */
final class HostileGateway implements BeforeAllCallback, AfterAllCallback {
  static final String COMPLETION =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"upstream\",\"choices\":"
          + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
          + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,"
          + "\"total_tokens\":4}}";
  static final String COMPLETION_STREAM =
      "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"upstream\","
          + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"},\"finish_reason\":\"stop\"}]}\n\n"
          + "data: [DONE]\n\n";
  static final String MESSAGE_STREAM =
      "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
          + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"upstream\",\"content\":[],"
          + "\"usage\":{\"input_tokens\":3,\"output_tokens\":0}}}\n\n"
          + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
  static final String MESSAGE =
      "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"upstream\","
          + "\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"stop_reason\":\"end_turn\","
          + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}";
  static final String CHAT =
      "{\"model\":\"gpt-main\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  static final String MESSAGES =
      "{\"model\":\"claude-main\",\"max_tokens\":16,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  /** The largest error answer a hostile request may get: it must not echo what it was sent. */
  static final int LARGEST_ERROR = 4096;

  /** The largest error answer that passes on an upstream's error. */
  static final int LARGEST_UPSTREAM_ERROR = 65_536;

  /** What no answer may show: markup, stack traces, the libraries and classes behind the server. */
  private static final Pattern INTERNALS =
      Pattern.compile(
          "(?i)<html|<!doctype|<body|<pre|jackson|jetty|javalin|okhttp|okio|kotlin|servlet"
              + "|com\\.fasterxml|org\\.eclipse|java\\.|javax\\.|jakarta\\.|dev\\.codevector"
              + "|exception|\\bat [a-z]+\\.[a-z]|\\.java:\\d");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where an error answer comes from, which decides its shape. */
  enum Shape {
    OPENAI,
    ANTHROPIC,
    ADMIN,
    /** An unknown path: a JSON error in either dialect or the admin shape will do. */
    ANY_JSON,
    /** Not an error: the request is served. */
    SERVED;

    /** The shape of the errors of a path: Anthropic for /v1/messages*, admin, else OpenAI. */
    static Shape of(String target) {
      if (target.startsWith("/admin/api")) {
        return ADMIN;
      }
      return target.startsWith("/v1/messages") ? ANTHROPIC : OPENAI;
    }
  }

  /**
   * What a case expects: one of some statuses, in a shape, with the dialect's type for it, and an
   * error answer of at most {@code largest} characters.
   */
  record Expect(Set<Integer> statuses, Shape shape, int largest) {
    static Expect served() {
      return new Expect(Set.of(200), Shape.SERVED, 0);
    }

    static Expect error(int status, Shape shape) {
      return among(shape, status);
    }

    static Expect among(Shape shape, Integer... statuses) {
      return new Expect(Set.of(statuses), shape, LARGEST_ERROR);
    }

    /** An upstream's own error may carry more detail than the gateway's, up to a bound. */
    Expect fromUpstream() {
      return new Expect(statuses, shape, LARGEST_UPSTREAM_ERROR);
    }
  }

  /**
   * A request: its request line and headers, where {@code {key}} stands for the issued key and
   * {@code {admin}} for the admin token, and a body made when sent (null for none).
   */
  record Call(List<String> head, Supplier<byte[]> body, boolean chunked) {
    static final String BEARER = "Authorization: Bearer {key}";
    static final String JSON_TYPE = "Content-Type: application/json";

    /** A POST with the key as bearer token and a JSON content type. */
    static Call post(String target, String json) {
      return post(target, () -> json.getBytes(StandardCharsets.UTF_8), BEARER, JSON_TYPE);
    }

    static Call post(String target, Supplier<byte[]> body, String... headers) {
      List<String> head = new ArrayList<>();
      head.add("POST " + target + " HTTP/1.1");
      head.addAll(List.of(headers));
      return new Call(head, body, false);
    }

    static Call get(String target, String... headers) {
      List<String> head = new ArrayList<>();
      head.add("GET " + target + " HTTP/1.1");
      head.addAll(List.of(headers));
      return new Call(head, null, false);
    }

    /** The call with {@code {provider}} in its request line replaced by a Provider's id. */
    Call withProvider(String id) {
      List<String> replaced = new ArrayList<>(head);
      replaced.set(0, head.get(0).replace("{provider}", id));
      return new Call(replaced, body, chunked);
    }

    Call chunkedBody() {
      return new Call(head, body, true);
    }

    String target() {
      return head.get(0).split(" ")[1];
    }
  }

  final MockWebServer healthy = new MockWebServer();
  ServerHarness harness;
  String key;
  UserId userId;
  private Path dataDir;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dataDir = Files.createTempDirectory("hostile");
    healthy.setDispatcher(new HealthyUpstream());
    healthy.start();
    harness = new ServerHarness(dataDir);
    Model gpt = harness.chatModel("gpt-main", healthy);
    Model claude = harness.anthropicModel("claude-main", healthy);
    IssuedKey issued = harness.keyFor("mallory", gpt, claude);
    key = issued.plaintext().reveal();
    userId = issued.key().userId();
  }

  /** Sends a call, filling in the key and the admin token; fails if it takes over a minute. */
  Answer send(Call call) {
    return assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          List<String> head = call.head().stream().map(this::fill).toList();
          byte[] body = call.body() == null ? null : call.body().get();
          if (body != null && body.length < 65_536) {
            // Only a body with placeholders is decoded and encoded again; others go byte for byte.
            String text = new String(body, StandardCharsets.UTF_8);
            String filled = fill(text);
            body = filled.equals(text) ? body : filled.getBytes(StandardCharsets.UTF_8);
          }
          return RawHttp.exchange(harness.server.port(), head, body, call.chunked());
        },
        () -> call.head().get(0) + " got no answer within a minute");
  }

  private String fill(String text) {
    return text.replace("{key}", key).replace("{admin}", ServerHarness.ADMIN_TOKEN);
  }

  /**
   * Sends a call and checks its answer as expected, that it reached the healthy upstream {@code
   * upstreamCalls} times, and that the server serves a normal request right after.
   */
  Answer expect(Call call, Expect expected, int upstreamCalls) {
    int before = healthy.getRequestCount();
    Answer answer = send(call);
    assertAll(
        () -> check(answer, expected),
        () ->
            assertEquals(
                upstreamCalls,
                healthy.getRequestCount() - before,
                "calls that reached the upstream for " + call.head().get(0)),
        () -> SecretScanExtension.scan(call.head().get(0)),
        this::assertServesANormalRequest);
    return answer;
  }

  /** Checks an answer's status and shape, and that it shows nothing of the server's insides. */
  static void check(Answer answer, Expect expected) {
    String text = answer.text();
    String excerpt = excerpt(text);
    assertTrue(
        expected.statuses().contains(answer.status()),
        "expected " + expected.statuses() + " but got " + answer.status() + ": " + excerpt);
    assertFalse(INTERNALS.matcher(text).find(), "the answer shows internals: " + excerpt);
    if (expected.shape() == Shape.SERVED) {
      return;
    }
    assertTrue(
        answer.header("content-type").startsWith("application/json"),
        "content-type " + answer.header("content-type") + ": " + excerpt);
    assertTrue(
        text.length() <= expected.largest(),
        "an error of " + text.length() + " characters: " + excerpt);
    JsonNode body;
    try {
      body = JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + excerpt, e);
    }
    JsonNode error = body.path("error");
    assertFalse(error.path("message").asText().isBlank(), "no error message: " + excerpt);
    Shape shape = expected.shape();
    if (shape == Shape.ANY_JSON) {
      shape = body.has("type") ? Shape.ANTHROPIC : error.has("param") ? Shape.OPENAI : Shape.ADMIN;
    }
    String type = error.path("type").asText();
    switch (shape) {
      case ANTHROPIC -> {
        assertEquals("error", body.path("type").asText(), excerpt);
        assertEquals(ErrorBody.anthropicType(answer.status()), type, excerpt);
      }
      case OPENAI -> {
        assertFalse(body.has("type"), excerpt);
        assertTrue(error.has("param") && error.has("code"), excerpt);
        assertEquals(ErrorBody.openAiType(answer.status()), type, excerpt);
      }
      case ADMIN -> assertFalse(type.isBlank(), excerpt);
      default -> fail("unexpected shape " + shape);
    }
  }

  /** The first characters of an answer, for messages. */
  static String excerpt(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "… (" + text.length() + ")";
  }

  void assertServesANormalRequest() {
    Answer answer = send(Call.post("/v1/chat/completions", CHAT));
    assertEquals(200, answer.status(), "a normal request right after: " + excerpt(answer.text()));
    assertTrue(answer.text().contains("\"choices\""), answer.text());
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    harness.close();
    healthy.close();
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  /** Answers every dialect's request with a short success, by the path it is sent to. */
  private static final class HealthyUpstream extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getUrl().encodedPath();
      String body;
      if (path.endsWith("/count_tokens")) {
        body = "{\"input_tokens\":3}";
      } else if (path.endsWith("/messages")) {
        body = MESSAGE;
      } else if (path.endsWith("/embeddings")) {
        body =
            "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                + "\"embedding\":[0.1]}],\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}";
      } else {
        body = COMPLETION;
      }
      if (request.getBody() != null && request.getBody().utf8().contains("\"stream\":true")) {
        return new MockResponse.Builder()
            .addHeader("content-type", "text/event-stream")
            .body(path.endsWith("/messages") ? MESSAGE_STREAM : COMPLETION_STREAM)
            .build();
      }
      return new MockResponse.Builder()
          .addHeader("content-type", "application/json")
          .body(body)
          .build();
    }
  }
}
