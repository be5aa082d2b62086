package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's login, session cookie and CSRF token, over HTTP. */
final class ConsoleSessionTest {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dataDir;

  private ServerHarness harness;
  private OkHttpClient http;

  @BeforeEach
  void start() {
    harness = new ServerHarness(dataDir);
    http = harness.http.newBuilder().followRedirects(false).build();
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  private Response call(Request.Builder request) throws Exception {
    return http.newCall(request.build()).execute();
  }

  /** Logs in with a form and returns the session cookie's {@code name=value}. */
  private String login() throws Exception {
    try (Response response =
        call(
            new Request.Builder()
                .url(harness.url("/admin/login"))
                .post(new FormBody.Builder().add("token", ServerHarness.ADMIN_TOKEN).build()))) {
      assertEquals(303, response.code());
      return response.header("Set-Cookie").split(";")[0];
    }
  }

  private String csrf(String cookie) throws Exception {
    try (Response response =
        call(new Request.Builder().url(harness.url("/admin/session")).header("Cookie", cookie))) {
      assertEquals(200, response.code());
      return MAPPER.readTree(response.body().string()).get("csrfToken").asText();
    }
  }

  private int createUser(String cookie, Map<String, String> headers) throws Exception {
    Request.Builder request =
        new Request.Builder()
            .url(harness.url("/admin/api/users"))
            .header("Cookie", cookie)
            .post(RequestBody.create("{\"name\":\"someone\"}", JSON));
    headers.forEach(request::header);
    try (Response response = call(request)) {
      return response.code();
    }
  }

  @Test
  void loginSetsAnHttpOnlyStrictCookieScopedToAdmin() throws Exception {
    try (Response response =
        call(
            new Request.Builder()
                .url(harness.url("/admin/login"))
                .post(new FormBody.Builder().add("token", ServerHarness.ADMIN_TOKEN).build()))) {
      String cookie = response.header("Set-Cookie");

      assertEquals(303, response.code());
      assertEquals("/admin/providers", response.header("Location"));
      assertTrue(cookie.contains("HttpOnly"), cookie);
      assertTrue(cookie.contains("SameSite=Strict"), cookie);
      assertTrue(cookie.contains("Path=/admin"), cookie);
      assertTrue(cookie.split(";")[0].length() > "cv_console=".length() + 40, cookie);
    }
  }

  @Test
  void wrongTokenOpensNoSession() throws Exception {
    try (Response response =
        call(
            new Request.Builder()
                .url(harness.url("/admin/login"))
                .post(new FormBody.Builder().add("token", "wrong").build()))) {
      assertEquals(303, response.code());
      assertEquals("/admin/login?failed", response.header("Location"));
      assertEquals(null, response.header("Set-Cookie"));
    }
  }

  @Test
  void pagesWithoutSessionRedirectToLogin() throws Exception {
    try (Response response = call(new Request.Builder().url(harness.url("/admin/models")))) {
      assertEquals(303, response.code());
      assertEquals("/admin/login", response.header("Location"));
    }
  }

  @Test
  void cookieChangesNeedTheCsrfToken() throws Exception {
    String cookie = login();
    String csrf = csrf(cookie);

    assertEquals(403, createUser(cookie, Map.of()));
    assertEquals(403, createUser(cookie, Map.of("X-CSRF-Token", csrf + "x")));
    assertEquals(201, createUser(cookie, Map.of("X-CSRF-Token", csrf)));
  }

  @Test
  void cookieReadsNeedNoCsrfToken() throws Exception {
    String cookie = login();

    try (Response response =
        call(new Request.Builder().url(harness.url("/admin/api/users")).header("Cookie", cookie))) {
      assertEquals(200, response.code());
    }
  }

  @Test
  void bearerClientsNeedNoCsrfToken() throws Exception {
    assertEquals(201, harness.admin("POST", "/users", "{\"name\":\"bot\"}").code());
  }

  @Test
  void logoutEndsTheSession() throws Exception {
    String cookie = login();
    String csrf = csrf(cookie);

    try (Response response =
        call(
            new Request.Builder()
                .url(harness.url("/admin/logout"))
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .post(RequestBody.create(new byte[0], null)))) {
      assertEquals(204, response.code());
    }

    assertEquals(401, createUser(cookie, Map.of("X-CSRF-Token", csrf)));
  }

  @Test
  void consoleAssetsAndWebjarsAreServedFromTheJar() throws Exception {
    String cookie = login();

    try (Response page =
            call(new Request.Builder().url(harness.url("/admin/usage")).header("Cookie", cookie));
        Response script = call(new Request.Builder().url(harness.url("/admin/assets/app.js")));
        Response chart =
            call(
                new Request.Builder()
                    .url(harness.url("/webjars/chart.js/4.5.1/dist/chart.umd.js")))) {
      String html = page.body().string();
      assertEquals(200, page.code());
      assertTrue(page.header("Content-Security-Policy").contains("script-src 'self'"));
      assertTrue(html.contains("/webjars/chart.js/4.5.1/dist/chart.umd.js"));
      assertEquals(200, script.code());
      assertEquals(200, chart.code());
      assertFalse(script.body().string().contains("innerHTML"));
    }
  }
}
