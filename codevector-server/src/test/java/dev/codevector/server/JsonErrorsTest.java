package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.access.IssuedKey;
import dev.codevector.wire.ErrorBody;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error is JSON in the caller's shape: OpenAI's or Anthropic's under {@code /v1}, the admin
 * shape elsewhere; for unknown paths and methods, malformed requests, requests over Jetty's limits
 * and unexpected failures; in our own words, never a library's, a header's or a body's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class JsonErrorsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String MARKER = "marker-that-must-not-come-back";
  private static final List<String> LIBRARY_WORDS =
      List.of(
          "Jackson",
          "StreamReadConstraints",
          "Jetty",
          "Javalin",
          "Endpoint ",
          "<html",
          "Exception",
          "jakarta",
          "com.fasterxml",
          "org.eclipse");

  private final MockWebServer upstream = new MockWebServer();
  private ServerHarness harness;
  private IssuedKey key;
  private String h2Url;

  @BeforeAll
  void start(@TempDir Path dataDir) throws IOException {
    h2Url = "jdbc:h2:file:" + dataDir.resolve("codevector") + ";DB_CLOSE_ON_EXIT=FALSE";
    upstream.start();
    harness = new ServerHarness(dataDir);
    key = harness.keyFor("ada", harness.chatModel("gpt-main", upstream));
  }

  @AfterAll
  void stop() {
    harness.close();
    upstream.close();
  }

  /** The parsed body of a JSON error, after checking it is in our words. */
  private static JsonNode json(int code, int expected, String contentType, String body)
      throws IOException {
    assertEquals(expected, code, body);
    assertTrue(contentType != null && contentType.startsWith("application/json"), contentType);
    for (String word : LIBRARY_WORDS) {
      assertFalse(body.contains(word), body);
    }
    assertFalse(body.contains(MARKER), body);
    return MAPPER.readTree(body);
  }

  private static JsonNode json(Response response, int expected) throws IOException {
    return json(
        response.code(), expected, response.header("content-type"), response.body().string());
  }

  private static void assertOpenAiShape(JsonNode body, String type) {
    JsonNode error = body.get("error");
    assertEquals(type, error.get("type").asText(), body.toString());
    assertTrue(error.has("param") && error.has("code"), body.toString());
    assertFalse(body.has("type"), body.toString());
  }

  private static void assertAnthropicShape(JsonNode body, String type) {
    assertEquals("error", body.get("type").asText(), body.toString());
    assertEquals(type, body.get("error").get("type").asText(), body.toString());
  }

  private static void assertAdminShape(JsonNode body, String type) {
    assertEquals(type, body.get("error").get("type").asText(), body.toString());
    assertFalse(body.has("type"), body.toString());
    assertFalse(body.get("error").has("param"), body.toString());
  }

  private Response send(String method, String path, String body, Map<String, String> headers)
      throws IOException {
    Request.Builder request =
        new Request.Builder()
            .url(harness.url(path))
            .method(method, body == null ? null : RequestBody.create(body, JSON));
    headers.forEach(request::header);
    return harness.http.newCall(request.build()).execute();
  }

  /** Sends raw bytes and returns the answer's status line, headers and body. */
  private String raw(String request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), harness.server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static JsonNode rawJson(String answer, int expected) throws IOException {
    int split = answer.indexOf("\r\n\r\n");
    String head = answer.substring(0, split);
    String contentType =
        head.lines()
            .filter(line -> line.regionMatches(true, 0, "content-type:", 0, 13))
            .map(line -> line.substring(13).strip())
            .findFirst()
            .orElse(null);
    int code = Integer.parseInt(head.substring(9, 12));
    return json(code, expected, contentType, answer.substring(split + 4));
  }

  @Test
  void anUnknownV1PathGetsOpenAisShapeNamingTheRoute() throws IOException {
    try (Response response = send("GET", "/v1/foo", null, Map.of())) {
      JsonNode body = json(response, 404);

      assertOpenAiShape(body, "not_found_error");
      assertEquals("no route for GET /v1/foo", body.get("error").get("message").asText());
    }
  }

  @Test
  void anUnknownV1PathWithAnthropicVersionGetsAnthropicsShape() throws IOException {
    try (Response response =
        send("POST", "/v1/foo", "{}", Map.of("anthropic-version", "2023-06-01"))) {
      assertAnthropicShape(json(response, 404), "not_found_error");
    }
  }

  @Test
  void aWrongMethodOnMessagesGetsAnthropicsShape() throws IOException {
    try (Response response = send("GET", "/v1/messages", null, Map.of())) {
      JsonNode body = json(response, 404);

      assertAnthropicShape(body, "not_found_error");
      assertEquals("no route for GET /v1/messages", body.get("error").get("message").asText());
    }
  }

  @Test
  void aWrongMethodOnChatCompletionsGetsOpenAisShape() throws IOException {
    try (Response response = send("DELETE", "/v1/chat/completions", null, Map.of())) {
      assertOpenAiShape(json(response, 404), "not_found_error");
    }
  }

  @Test
  void anUnknownPathOutsideV1GetsTheAdminShape() throws IOException {
    for (String path : List.of("/nothing-here", "/admin/nothing-here", "/metrics/x")) {
      try (Response response = send("GET", path, null, Map.of())) {
        assertAdminShape(json(response, 404), "not_found_error");
      }
    }
  }

  @Test
  void aBodyNestedTooDeeplyIs400InOurWordsAndInTheCallersShape() throws IOException {
    String deep =
        "{\"model\":\"gpt-main\",\"messages\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
    try (Response chat =
            harness.post("/v1/chat/completions", key.plaintext().reveal(), deep, Map.of());
        Response messages =
            harness.post("/v1/messages", key.plaintext().reveal(), deep, Map.of())) {
      JsonNode openAi = json(chat, 400);
      JsonNode anthropic = json(messages, 400);

      assertOpenAiShape(openAi, "invalid_request_error");
      assertEquals(
          "the request body is nested more than 128 levels deep",
          openAi.get("error").get("message").asText());
      assertAnthropicShape(anthropic, "invalid_request_error");
    }
  }

  @Test
  void malformedJsonIs400WithoutEchoingTheBody() throws IOException {
    try (Response response =
        harness.post(
            "/v1/chat/completions",
            key.plaintext().reveal(),
            "{\"model\":\"gpt-main\", " + MARKER + "}",
            Map.of())) {
      JsonNode body = json(response, 400);

      assertOpenAiShape(body, "invalid_request_error");
      assertTrue(body.get("error").get("message").asText().contains("not valid JSON"));
    }
  }

  @Test
  void headersOverJettysLimitGetA431InTheCallersShape() throws IOException {
    String huge = MARKER + "x".repeat(20_000);
    try (Response proxy = send("GET", "/v1/models", null, Map.of("x-big", huge));
        Response admin = send("GET", "/admin/api/models", null, Map.of("x-big", huge))) {
      JsonNode openAi = json(proxy, 431);
      JsonNode adminBody = json(admin, 431);

      assertOpenAiShape(openAi, "invalid_request_error");
      assertEquals(
          "the request headers are too large", openAi.get("error").get("message").asText());
      assertAdminShape(adminBody, "invalid_request_error");
    }
  }

  @Test
  void aRequestLineOverJettysLimitGetsJson() throws IOException {
    String answer = raw("GET /v1/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");

    JsonNode body = rawJson(answer, Integer.parseInt(answer.substring(9, 12)));

    assertTrue(answer.startsWith("HTTP/1.1 4"), answer.lines().findFirst().orElse(""));
    assertTrue(body.get("error").get("message").asText().contains("too"), body.toString());
  }

  @Test
  void aMalformedRequestGetsJson() throws IOException {
    String answer = raw("GET /v1/models HTTP/1.1\r\nHost: x\r\nBad Header " + MARKER + "\r\n\r\n");

    assertInOurWords(rawJson(answer, 400));
  }

  @Test
  void anAmbiguousOrBadlyEncodedPathGetsJson() throws IOException {
    for (String path : List.of("/v1/%2e%2e/%2e%2e/admin", "/admin/a%2Fb", "/v1/a%00b", "/v1/%zz")) {
      String answer = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

      assertTrue(answer.startsWith("HTTP/1.1 4"), path + " -> " + answer);
      rawJson(answer, Integer.parseInt(answer.substring(9, 12)));
    }
  }

  private static void assertInOurWords(JsonNode body) {
    assertTrue(
        body.get("error").get("message").asText().startsWith("the request"), body.toString());
  }

  @Test
  void aBodyOverTheLimitOnTheAdminApiGetsJson() throws IOException {
    byte[] big = new byte[(int) CodeVectorServer.MAX_BODY + 1];
    Request request =
        new Request.Builder()
            .url(harness.url("/admin/api/users"))
            .header("Authorization", "Bearer " + ServerHarness.ADMIN_TOKEN)
            .post(RequestBody.create(big, JSON))
            .build();
    try (Response response = harness.http.newCall(request).execute()) {
      assertAdminShape(json(response, 413), "request_too_large");
    }
  }

  @Test
  void anUnexpectedAdminFailureIsAJson500WhoseRequestIdTheLogNamesOnce() throws Exception {
    Failure failure =
        failWithTableAway(
            "user_groups",
            "/admin/api/groups",
            "{\"name\":\"" + MARKER + "\"}",
            "Bearer " + ServerHarness.ADMIN_TOKEN);

    assertAdminShape(failure.body(), "api_error");
    failure.assertNamedOnce();
  }

  @Test
  void anUnexpectedProxyFailureIsA500InTheCallersDialectWhoseRequestIdTheLogNamesOnce()
      throws Exception {
    String bearer = "Bearer " + key.plaintext().reveal();
    upstream.enqueue(new MockResponse.Builder().body("{\"choices\":[]}").build());
    try (Response warm =
        send(
            "POST",
            "/v1/chat/completions",
            "{\"model\":\"gpt-main\",\"messages\":[]}",
            Map.of("Authorization", bearer))) {
      assertEquals(200, warm.code());
    }

    Failure failure =
        failWithTableAway(
            "models",
            "/v1/chat/completions",
            "{\"model\":\"never-published\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + MARKER
                + "\"}]}",
            bearer);

    assertOpenAiShape(failure.body(), ErrorBody.openAiType(500));
    failure.assertNamedOnce();
  }

  /** A 500's request id and body, and what the server wrote to standard error meanwhile. */
  private record Failure(String requestId, JsonNode body, String log) {
    /** The answer names the request id, which one ERROR line of the log names, with no trace. */
    void assertNamedOnce() {
      assertEquals(
          "internal error; request id " + requestId, body.get("error").get("message").asText());
      List<String> lines = log.lines().filter(line -> line.contains(requestId)).toList();
      assertEquals(1, lines.size(), log);
      assertTrue(lines.get(0).contains("ERROR"), log);
      assertFalse(log.contains(MARKER), log);
      assertFalse(log.contains("\tat "), log);
    }
  }

  /**
   * Posts a request while one of the database's tables is renamed away, so that the store fails as
   * nothing expects; the answer must be a 500.
   */
  private Failure failWithTableAway(String table, String path, String json, String authorization)
      throws Exception {
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    PrintStream err = System.err;
    try (Connection db = DriverManager.getConnection(h2Url);
        Statement sql = db.createStatement()) {
      sql.execute("ALTER TABLE " + table + " RENAME TO " + table + "_away");
      System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
      try (Response response = send("POST", path, json, Map.of("Authorization", authorization))) {
        String requestId = response.header("x-request-id");
        JsonNode body = json(response, 500);
        return new Failure(requestId, body, logged.toString(StandardCharsets.UTF_8));
      } finally {
        System.setErr(err);
        sql.execute("ALTER TABLE " + table + "_away RENAME TO " + table);
      }
    }
  }
}
