package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.access.Principal;
import dev.codevector.registry.Model;
import dev.codevector.registry.ProviderKind;
import dev.codevector.server.HostileGateway.Call;
import dev.codevector.server.HostileGateway.Expect;
import dev.codevector.server.HostileGateway.Shape;
import dev.codevector.server.RawHttp.Answer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import okio.Buffer;
import okio.BufferedSink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upstreams that misbehave: redirects, HTML error pages, truncated answers, streams that never end,
 * a gzip bomb and huge error bodies. Each case puts a fresh Model on such an upstream (alone, or
 * before a healthy Backend to fail over to), with small timeouts, and checks what the client gets,
 * the one usage row the request leaves, that a redirect's target is never called, and that the
 * server stays healthy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class HostileUpstreamsTest {
  /** Small timeouts, so that a stuck upstream ends a request in seconds. */
  private static final Map<String, String> TIMEOUTS =
      Map.of(
          "connectTimeoutSeconds", "2",
          "firstByteTimeoutSeconds", "2",
          "idleTimeoutSeconds", "2",
          "totalTimeoutSeconds", "4");

  private static final int TEN_MB = 10 * 1024 * 1024;
  private static final String TRUNCATED = HostileGateway.COMPLETION.substring(0, 60);
  private static final String HTML =
      "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>"
          + "502 Bad Gateway</h1></center><hr><center>nginx/1.25.3</center></body></html>";
  private static final String OPENAI_CHUNK =
      "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"u\",\"choices\":"
          + "[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n";
  private static final String ANTHROPIC_START =
      "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
          + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"u\",\"content\":[],"
          + "\"usage\":{\"input_tokens\":3,\"output_tokens\":0}}}\n\n"
          + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
          + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n";
  private static final String ANTHROPIC_DELTA =
      "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
          + "\"delta\":{\"type\":\"text_delta\",\"text\":\"a\"}}\n\n";

  private final AtomicInteger slugs = new AtomicInteger();
  @RegisterExtension static final HostileGateway GATEWAY = new HostileGateway();

  private byte[] gzipBomb;

  /** The client side of a case: its endpoint and body, and the upstream kind behind the Model. */
  enum Route {
    OPENAI_PASSTHROUGH("/v1/chat/completions", ProviderKind.OPENAI_COMPATIBLE, false),
    OPENAI_STREAM("/v1/chat/completions", ProviderKind.OPENAI_COMPATIBLE, true),
    ANTHROPIC_PASSTHROUGH("/v1/messages", ProviderKind.ANTHROPIC, false),
    ANTHROPIC_STREAM("/v1/messages", ProviderKind.ANTHROPIC, true),
    ANTHROPIC_TO_OPENAI("/v1/messages", ProviderKind.OPENAI_COMPATIBLE, false),
    OPENAI_TO_ANTHROPIC("/v1/chat/completions", ProviderKind.ANTHROPIC, false);

    final String path;
    final ProviderKind kind;
    final boolean stream;

    Route(String path, ProviderKind kind, boolean stream) {
      this.path = path;
      this.kind = kind;
      this.stream = stream;
    }

    String basePath() {
      return kind == ProviderKind.ANTHROPIC ? "/" : "/v1";
    }

    String body(String slug) {
      return "{\"model\":\""
          + slug
          + "\",\"max_tokens\":16,\"stream\":"
          + stream
          + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }
  }

  /**
   * A misbehaving upstream: what it answers (given the server a redirect may point to, and the
   * credential the Model's Provider sends), whether a healthy Backend follows it, what the client
   * must get, the text the last stream event must hold (or null), and how long it may take.
   */
  record Case(
      String name,
      Route route,
      Function<Upstream, MockResponse> answer,
      boolean failover,
      Expect expect,
      String lastEvent,
      Duration within) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** What an answer may refer to: the redirect target's URL and the Provider's credential. */
  record Upstream(HttpUrl target, String credential) {}

  @BeforeAll
  void packTheBomb() {
    gzipBomb = gzipped("{\"id\":\"chatcmpl-1\",\"pad\":\"", 300);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void misbehavingUpstreamIsContainedAndTheServerStaysHealthy(Case each)
      throws IOException, InterruptedException {
    try (MockWebServer bad = new MockWebServer();
        MockWebServer target = new MockWebServer()) {
      bad.start();
      target.start();
      String slug = "hostile-upstream-" + slugs.incrementAndGet();
      List<HttpUrl> backends = new ArrayList<>(List.of(bad.url(each.route().basePath())));
      if (each.failover()) {
        backends.add(GATEWAY.healthy.url(each.route().basePath()));
      }
      Model model = GATEWAY.harness.publish(slug, each.route().kind, TIMEOUTS, backends);
      GATEWAY.harness.codeVector.access().grant(model.id(), Principal.ofUser(GATEWAY.userId));
      String credential = "sk-upstream-secret-for-" + slug + "-0123456789";
      bad.enqueue(each.answer().apply(new Upstream(target.url("/elsewhere"), credential)));
      long started = System.nanoTime();

      Answer answer =
          GATEWAY.expect(
              Call.post(each.route().path, each.route().body(slug)),
              each.expect(),
              each.failover() ? 1 : 0);

      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertTrue(took.compareTo(each.within()) <= 0, "the request took " + took);
      assertEquals(0, target.getRequestCount(), "the redirect target was called");
      assertFalse(answer.text().contains("sk-upstream-secret"), answer.text());
      if (each.lastEvent() != null) {
        String[] events = answer.text().strip().split("\n\n");
        String last = events[events.length - 1];
        assertTrue(last.contains(each.lastEvent()), "the stream ended with: " + last);
      }
      if (each.failover()) {
        GATEWAY.harness.assertServedBySecond(slug);
      } else if (each.lastEvent() != null) {
        // A stream that began and then ended with an error event is recorded as broken.
        assertEquals(502, GATEWAY.harness.usageOf(slug).status());
      } else {
        GATEWAY.harness.assertRefused(slug, answer.status());
      }
    }
  }

  private static MockResponse redirect(int code, HttpUrl target) {
    return new MockResponse.Builder().code(code).addHeader("Location", target).build();
  }

  private static MockResponse answer(int code, String contentType, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("content-type", contentType)
        .body(body)
        .build();
  }

  private static String errorOf(String message) {
    return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"server_error\"}}";
  }

  /** A stream that sends its head and then one event every 100 ms, for up to a minute. */
  private static MockResponse endless(String head, String event) {
    return new MockResponse.Builder()
        .addHeader("content-type", "text/event-stream")
        .body(
            new MockResponseBody() {
              @Override
              public long getContentLength() {
                return -1;
              }

              @Override
              public void writeTo(BufferedSink sink) throws IOException {
                sink.writeUtf8(head).flush();
                for (long end = System.nanoTime() + Duration.ofMinutes(1).toNanos();
                    System.nanoTime() < end; ) {
                  sink.writeUtf8(event).flush();
                  try {
                    Thread.sleep(100);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                }
              }
            })
        .build();
  }

  /** A JSON head followed by {@code megabytes} MB of spaces, gzipped. */
  private static byte[] gzipped(String head, int megabytes) {
    ByteArrayOutputStream packed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(packed, 1 << 16)) {
      gzip.write(head.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      byte[] spaces = new byte[1 << 20];
      Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < megabytes; i++) {
        gzip.write(spaces);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return packed.toByteArray();
  }

  private MockResponse bomb(String contentType) {
    return new MockResponse.Builder()
        .addHeader("content-type", contentType)
        .addHeader("content-encoding", "gzip")
        .body(new Buffer().write(gzipBomb))
        .build();
  }

  private static Case contained(
      String name, Route route, Function<Upstream, MockResponse> answer, Integer... statuses) {
    Shape shape = Shape.of(route.path);
    return new Case(
        name,
        route,
        answer,
        false,
        Expect.among(shape, statuses).fromUpstream(),
        null,
        Duration.ofSeconds(30));
  }

  private static Case failedOver(
      String name, Route route, Function<Upstream, MockResponse> answer) {
    return new Case(name, route, answer, true, Expect.served(), null, Duration.ofSeconds(30));
  }

  private static Case cutOff(String name, Route route, MockResponse endless, String lastEvent) {
    return new Case(
        name, route, up -> endless, false, Expect.served(), lastEvent, Duration.ofSeconds(12));
  }

  Stream<Case> cases() {
    String tenMegabytes = "x".repeat(TEN_MB);
    return Stream.of(
        contained(
            "a 302 redirect", Route.OPENAI_PASSTHROUGH, up -> redirect(302, up.target()), 502),
        failedOver(
            "a 307 redirect before a healthy Backend",
            Route.OPENAI_PASSTHROUGH,
            up -> redirect(307, up.target())),
        contained(
            "a 301 redirect to an Anthropic client",
            Route.ANTHROPIC_PASSTHROUGH,
            up -> redirect(301, up.target()),
            502),
        failedOver(
            "a 308 redirect of a stream before a healthy Backend",
            Route.OPENAI_STREAM,
            up -> redirect(308, up.target())),
        contained(
            "a 303 redirect on a translated route",
            Route.ANTHROPIC_TO_OPENAI,
            up -> redirect(303, up.target()),
            502),
        contained(
            "an HTML 502 page",
            Route.OPENAI_PASSTHROUGH,
            up -> answer(502, "text/html", HTML),
            502),
        failedOver(
            "an HTML 503 page before a healthy Backend",
            Route.ANTHROPIC_PASSTHROUGH,
            up -> answer(503, "text/html", HTML)),
        contained(
            "an HTML 503 page on a translated route",
            Route.ANTHROPIC_TO_OPENAI,
            up -> answer(503, "text/html", HTML),
            502,
            503),
        contained(
            "an HTML page with status 200",
            Route.OPENAI_PASSTHROUGH,
            up -> answer(200, "text/html", HTML),
            502),
        contained(
            "a truncated JSON answer",
            Route.OPENAI_PASSTHROUGH,
            up -> answer(200, "application/json", TRUNCATED),
            502),
        contained(
            "a truncated JSON answer on a translated route",
            Route.ANTHROPIC_TO_OPENAI,
            up -> answer(200, "application/json", TRUNCATED),
            502),
        contained(
            "a truncated JSON answer to an OpenAI client of an Anthropic upstream",
            Route.OPENAI_TO_ANTHROPIC,
            up -> answer(200, "application/json", "{\"id\":\"msg_1\",\"type\":\"mess"),
            502),
        failedOver(
            "a truncated JSON answer before a healthy Backend",
            Route.OPENAI_PASSTHROUGH,
            up -> answer(200, "application/json", TRUNCATED)),
        cutOff(
            "a never-ending OpenAI stream",
            Route.OPENAI_STREAM,
            endless("", OPENAI_CHUNK),
            "\"error\""),
        cutOff(
            "a never-ending Anthropic stream",
            Route.ANTHROPIC_STREAM,
            endless(ANTHROPIC_START, ANTHROPIC_DELTA),
            "event: error"),
        failedOver(
            "an upstream that never answers before a healthy Backend",
            Route.OPENAI_PASSTHROUGH,
            up -> new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build()),
        failedOver(
            "an upstream that hangs up after its head before a healthy Backend",
            Route.ANTHROPIC_PASSTHROUGH,
            up ->
                new MockResponse.Builder()
                    .addHeader("content-type", "application/json")
                    .body(HostileGateway.MESSAGE)
                    .onResponseBody(new SocketEffect.CloseSocket())
                    .build()),
        contained("a gzip bomb", Route.OPENAI_PASSTHROUGH, up -> bomb("application/json"), 502),
        contained(
            "a gzip bomb on a translated route",
            Route.ANTHROPIC_TO_OPENAI,
            up -> bomb("application/json"),
            502),
        contained(
            "a gzip bomb as a stream",
            Route.ANTHROPIC_STREAM,
            up -> bomb("text/event-stream"),
            502),
        contained(
            "a 10 MB 500 error",
            Route.OPENAI_PASSTHROUGH,
            up -> answer(500, "application/json", errorOf(tenMegabytes)),
            500,
            502),
        contained(
            "a 10 MB 400 error",
            Route.ANTHROPIC_PASSTHROUGH,
            up ->
                answer(
                    400,
                    "application/json",
                    "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\""
                        + tenMegabytes
                        + "\"}}"),
            400),
        failedOver(
            "a 10 MB 500 error before a healthy Backend",
            Route.OPENAI_PASSTHROUGH,
            up -> answer(500, "text/plain", tenMegabytes)),
        contained(
            "an upstream 401 that echoes the credential",
            Route.OPENAI_PASSTHROUGH,
            up ->
                answer(
                    401,
                    "application/json",
                    "{\"error\":{\"message\":\"Incorrect API key provided: "
                        + up.credential()
                        + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"),
            502));
  }
}
