package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wrong admin tokens are throttled per client address, at the console login, on the admin API and
 * on {@code /metrics} alike: after ten in a row the address gets 429 with {@code Retry-After}, even
 * for the right token, until its time is up; the right token forgets the wrong ones. Each wrong
 * token is logged with the address, never the token, and a login body is read only up to 8 KB.
 */
final class ConsoleThrottleTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  private static final String WRONG = "wrong-token-that-must-not-be-logged";

  @TempDir Path dataDir;

  private ServerHarness harness;
  private OkHttpClient http;

  private void start(Map<String, String> env) {
    harness = new ServerHarness(ServerHarness.config(dataDir, env));
    http = harness.http.newBuilder().followRedirects(false).build();
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  /** Logs in with a form from the given forwarded address (none if null); returns the answer. */
  private Response login(String token, String forwardedFor) throws Exception {
    Request.Builder request =
        new Request.Builder()
            .url(harness.url("/admin/login"))
            .post(new FormBody.Builder().add("token", token).build());
    if (forwardedFor != null) {
      request.header("X-Forwarded-For", forwardedFor);
    }
    return http.newCall(request.build()).execute();
  }

  private int loginStatus(String token, String forwardedFor) throws Exception {
    try (Response response = login(token, forwardedFor)) {
      return response.code();
    }
  }

  private void failTenTimes(String forwardedFor) throws Exception {
    for (int i = 0; i < 10; i++) {
      assertEquals(303, loginStatus(WRONG, forwardedFor));
    }
  }

  private static void assertThrottled(Response response) throws Exception {
    String body = response.body().string();
    assertEquals(429, response.code(), body);
    long retryAfter = Long.parseLong(response.header("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= 15, response.header("Retry-After"));
    JsonNode error = MAPPER.readTree(body).get("error");
    assertEquals("rate_limit_error", error.get("type").asText(), body);
  }

  @Test
  void tenWrongTokensAtTheLoginMakeEvenTheRightOneWait() throws Exception {
    start(Map.of());
    failTenTimes(null);

    try (Response response = login(ServerHarness.ADMIN_TOKEN, null)) {
      assertThrottled(response);
      assertEquals(null, response.header("Set-Cookie"));
    }
  }

  @Test
  void theRightTokenForgetsEarlierWrongOnes() throws Exception {
    start(Map.of());
    for (int i = 0; i < 9; i++) {
      assertEquals(303, loginStatus(WRONG, null));
    }
    try (Response response = login(ServerHarness.ADMIN_TOKEN, null)) {
      assertEquals("/admin/providers", response.header("Location"));
    }

    failTenTimes(null);
  }

  @Test
  void wrongBearerTokensOnTheAdminApiAreThrottledAndSoIsMetrics() throws Exception {
    start(Map.of());
    for (int i = 0; i < 10; i++) {
      assertEquals(401, harness.adminWith(WRONG, "GET", "/models", null).code());
    }

    ServerHarness.Reply api = harness.admin("GET", "/models", null);
    try (Response metrics =
            harness.get(
                "/metrics", Map.of("Authorization", "Bearer " + ServerHarness.ADMIN_TOKEN));
        Response login = login(ServerHarness.ADMIN_TOKEN, null)) {
      assertEquals(429, api.code(), api.body());
      assertTrue(api.body().contains("\"rate_limit_error\""), api.body());
      assertThrottled(metrics);
      assertThrottled(login);
    }
  }

  @Test
  void eachWrongTokenIsLoggedWithTheAddressNeverTheToken() throws Exception {
    start(Map.of());
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    PrintStream err = System.err;
    System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
    try {
      loginStatus(WRONG, null);
      harness.adminWith(WRONG, "GET", "/models", null);
    } finally {
      System.setErr(err);
    }

    String log = logged.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("WARN"), log);
    assertTrue(log.contains("wrong token for the console login from 127.0.0.1"), log);
    assertTrue(log.contains("wrong token for the admin API from 127.0.0.1"), log);
    assertFalse(log.contains(WRONG), log);
  }

  @Test
  void aLoginBodyOverEightKilobytesIs413WhateverItDeclares() throws Exception {
    start(Map.of());
    String big = "token=" + ServerHarness.ADMIN_TOKEN + "&pad=" + "x".repeat(9_000);
    RequestBody unknownLength =
        new RequestBody() {
          @Override
          public MediaType contentType() {
            return FORM;
          }

          @Override
          public void writeTo(BufferedSink sink) throws java.io.IOException {
            sink.writeUtf8(big);
          }
        };

    for (RequestBody body : new RequestBody[] {RequestBody.create(big, FORM), unknownLength}) {
      try (Response response =
          http.newCall(new Request.Builder().url(harness.url("/admin/login")).post(body).build())
              .execute()) {
        String answer = response.body().string();
        assertEquals(413, response.code(), answer);
        assertEquals(
            "request_too_large", MAPPER.readTree(answer).get("error").get("type").asText());
        assertEquals(null, response.header("Set-Cookie"));
      }
    }
  }

  @Test
  void forwardedAddressesAreIgnoredUnlessTrusted() throws Exception {
    start(Map.of());
    for (int i = 0; i < 10; i++) {
      assertEquals(303, loginStatus(WRONG, "203.0.113." + i));
    }

    try (Response response = login(ServerHarness.ADMIN_TOKEN, "198.51.100.1")) {
      assertThrottled(response);
    }
  }

  @Test
  void trustedForwardedAddressesAreThrottledEachOnItsOwn() throws Exception {
    start(Map.of("CODEVECTOR_TRUST_FORWARDED_HEADERS", "true"));
    failTenTimes("203.0.113.7, 10.0.0.1");

    try (Response throttled = login(ServerHarness.ADMIN_TOKEN, "203.0.113.7");
        Response other = login(ServerHarness.ADMIN_TOKEN, "198.51.100.1, 203.0.113.7")) {
      assertThrottled(throttled);
      assertEquals(303, other.code());
      assertEquals("/admin/providers", other.header("Location"));
    }
  }
}
