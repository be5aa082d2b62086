package dev.codevector.examples.ask;

import static java.net.http.HttpResponse.BodyHandlers.ofLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.examples.ask.AskSettings.Upstream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ask service over real HTTP, with local upstreams standing in for OpenAI. */
final class AskApplicationTest {
  private static final String PRIMARY_KEY = "sk-primary-0123456789";
  private static final String FALLBACK_KEY = "sk-fallback-0123456789";

  @TempDir Path dataDir;

  private final MockWebServer primary = new MockWebServer();
  private final MockWebServer fallback = new MockWebServer();
  private final HttpClient client = HttpClient.newHttpClient();
  private AskApplication application;

  @BeforeEach
  void start() throws IOException {
    primary.start();
    fallback.start();
    application = AskApplication.start(settings());
  }

  @AfterEach
  void stop() {
    application.close();
    client.close();
    primary.close();
    fallback.close();
  }

  @Test
  void answersAQuestionThroughThePrimaryUpstream() throws Exception {
    primary.enqueue(completion("gpt-4o-mini", "A virtual machine for bytecode."));

    HttpResponse<String> response = post("/ask", "{\"question\":\"What is a JVM?\"}");

    assertEquals(200, response.statusCode());
    assertEquals(
        "{\"answer\":\"A virtual machine for bytecode.\",\"model\":\"gpt-4o-mini\"}",
        response.body());
    RecordedRequest received = primary.takeRequest();
    assertEquals("/v1/chat/completions", received.getUrl().encodedPath());
    assertEquals("Bearer " + PRIMARY_KEY, received.getHeaders().get("authorization"));
    assertEquals(
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"What is a JVM?\"}]}",
        received.getBody().utf8());
  }

  @Test
  void failsOverToTheFallbackWhenThePrimaryIsOverloaded() throws Exception {
    primary.enqueue(
        new MockResponse.Builder()
            .code(503)
            .addHeader("content-type", "application/json")
            .body("{\"error\":{\"message\":\"overloaded\"}}")
            .build());
    fallback.enqueue(completion("llama-3.1-8b", "From the fallback."));

    HttpResponse<String> response = post("/ask", "{\"question\":\"Anyone there?\"}");

    assertEquals(200, response.statusCode());
    assertEquals("{\"answer\":\"From the fallback.\",\"model\":\"llama-3.1-8b\"}", response.body());
    assertEquals(1, primary.getRequestCount());
    RecordedRequest received = fallback.takeRequest();
    assertEquals("Bearer " + FALLBACK_KEY, received.getHeaders().get("authorization"));
    assertTrue(received.getBody().utf8().startsWith("{\"model\":\"llama-3.1-8b\","));
  }

  @Test
  void streamsEachPieceOfTheAnswerAsItArrives() throws Exception {
    CountDownLatch firstPieceRead = new CountDownLatch(1);
    AtomicBoolean restWaitedForTheFirstPiece = new AtomicBoolean();
    String first = chunk("A virtual ");
    String rest = chunk("machine.") + "data: [DONE]\n\n";
    primary.enqueue(
        new MockResponse.Builder()
            .addHeader("content-type", "text/event-stream")
            .body(
                new MockResponseBody() {
                  @Override
                  public long getContentLength() {
                    return (first + rest).getBytes(StandardCharsets.UTF_8).length;
                  }

                  @Override
                  public void writeTo(BufferedSink sink) throws IOException {
                    sink.writeUtf8(first).flush();
                    try {
                      restWaitedForTheFirstPiece.set(firstPieceRead.await(10, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    sink.writeUtf8(rest).flush();
                  }
                })
            .build());

    HttpResponse<Stream<String>> response =
        client.send(request("/ask/stream", "{\"question\":\"What is a JVM?\"}"), ofLines());
    Iterator<String> lines = response.body().iterator();
    String firstLine = lines.next();
    firstPieceRead.countDown();
    List<String> otherLines = new ArrayList<>();
    lines.forEachRemaining(otherLines::add);

    assertEquals(200, response.statusCode());
    assertEquals("text/event-stream", response.headers().firstValue("content-type").orElseThrow());
    assertEquals("data: {\"text\":\"A virtual \"}", firstLine);
    assertEquals(
        List.of("", "data: {\"text\":\"machine.\"}", "", "event: done", "data: {}", ""),
        otherLines);
    assertTrue(restWaitedForTheFirstPiece.get());
    assertTrue(primary.takeRequest().getBody().utf8().contains("\"stream\":true"));
  }

  @Test
  void aBodyWithoutAQuestionIsRefusedWithoutAskingAnUpstream() throws Exception {
    HttpResponse<String> missing = post("/ask", "{\"query\":\"What is a JVM?\"}");
    HttpResponse<String> notJson = post("/ask/stream", "What is a JVM?");

    assertEquals(400, missing.statusCode());
    assertEquals(
        "{\"error\":\"the body must be a JSON object with a question, such as"
            + " {\\\"question\\\": \\\"Why?\\\"}\"}",
        missing.body());
    assertEquals(400, notJson.statusCode());
    assertEquals("{\"error\":\"the body is not JSON\"}", notJson.body());
    assertEquals(0, primary.getRequestCount() + fallback.getRequestCount());
  }

  @Test
  void onlyPostIsServed() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/ask")).GET().build(),
            HttpResponse.BodyHandlers.ofString());

    assertEquals(405, response.statusCode());
    assertEquals("POST", response.headers().firstValue("allow").orElseThrow());
  }

  @Test
  void anUpstreamsRefusalReachesTheCallerWithItsStatus() throws Exception {
    primary.enqueue(
        new MockResponse.Builder()
            .code(400)
            .addHeader("content-type", "application/json")
            .body("{\"error\":{\"message\":\"the question is too long\"}}")
            .build());

    HttpResponse<String> response = post("/ask", "{\"question\":\"Why?\"}");

    assertEquals(400, response.statusCode());
    assertEquals("{\"error\":\"the question is too long\"}", response.body());
    assertEquals(0, fallback.getRequestCount());
  }

  @Test
  void aRestartKeepsTheRegistryAndItsSealedKeys() throws Exception {
    application.close();
    application = AskApplication.start(settings());
    primary.enqueue(completion("gpt-4o-mini", "Still here."));

    HttpResponse<String> response = post("/ask", "{\"question\":\"Are you there?\"}");

    assertEquals("{\"answer\":\"Still here.\",\"model\":\"gpt-4o-mini\"}", response.body());
    assertEquals("Bearer " + PRIMARY_KEY, primary.takeRequest().getHeaders().get("authorization"));
  }

  @Test
  void aRestartWithoutTheFallbackNoLongerAsksIt() throws Exception {
    application.close();
    application = AskApplication.start(settings(primaryUpstream()));
    primary.enqueue(new MockResponse.Builder().code(503).build());

    HttpResponse<String> response = post("/ask", "{\"question\":\"Anyone there?\"}");

    assertEquals(502, response.statusCode());
    assertTrue(response.body().startsWith("{\"error\":\"no upstream answered: "));
    assertEquals(0, fallback.getRequestCount());
  }

  private AskSettings settings() {
    return settings(
        primaryUpstream(),
        new Upstream("fallback", fallback.url("/v1").toString(), FALLBACK_KEY, "llama-3.1-8b"));
  }

  private Upstream primaryUpstream() {
    return new Upstream("primary", primary.url("/v1").toString(), PRIMARY_KEY, "gpt-4o-mini");
  }

  private AskSettings settings(Upstream... upstreams) {
    return new AskSettings(dataDir, "127.0.0.1", 0, List.of(upstreams));
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return client.send(request(path, body), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String path, String body) {
    return HttpRequest.newBuilder(uri(path))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + application.address().getPort() + path);
  }

  private static MockResponse completion(String model, String answer) {
    return new MockResponse.Builder()
        .addHeader("content-type", "application/json")
        .body(
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\""
                + model
                + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                + answer
                + "\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":5,\"total_tokens\":14}}")
        .build();
  }

  private static String chunk(String text) {
    return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
        + "\"delta\":{\"content\":\""
        + text
        + "\"},\"finish_reason\":null}]}\n\n";
  }
}
