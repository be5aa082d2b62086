package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's session cookie is {@code HttpOnly; SameSite=Strict}, and {@code Secure} when the
 * server is reached over HTTPS: by an https {@code CODEVECTOR_PUBLIC_URL}, or by {@code
 * X-Forwarded-Proto: https} when forwarded headers are trusted.
 */
final class SecureCookieTest {
  @TempDir Path dataDir;

  /** Logs in to a server started with the given variables and returns the session cookie. */
  private String loginCookie(Map<String, String> env, Map<String, String> headers)
      throws Exception {
    try (ServerHarness harness = new ServerHarness(ServerHarness.config(dataDir, env))) {
      OkHttpClient http = harness.http.newBuilder().followRedirects(false).build();
      Request.Builder request =
          new Request.Builder()
              .url(harness.url("/admin/login"))
              .post(new FormBody.Builder().add("token", ServerHarness.ADMIN_TOKEN).build());
      headers.forEach(request::header);
      try (Response response = http.newCall(request.build()).execute()) {
        assertEquals(303, response.code());
        String cookie = response.header("Set-Cookie");
        assertTrue(cookie.contains("; HttpOnly"), cookie);
        assertTrue(cookie.contains("; SameSite=Strict"), cookie);
        return cookie;
      }
    }
  }

  @Test
  void anHttpsPublicUrlMakesTheCookieSecure() throws Exception {
    String cookie =
        loginCookie(Map.of("CODEVECTOR_PUBLIC_URL", "https://codevector.example.com"), Map.of());

    assertTrue(cookie.endsWith("; Secure"), cookie);
  }

  @Test
  void plainHttpGivesNoSecureCookie() throws Exception {
    String cookie = loginCookie(Map.of("CODEVECTOR_PUBLIC_URL", "http://localhost:8080"), Map.of());

    assertFalse(cookie.contains("Secure"), cookie);
  }

  @Test
  void aTrustedForwardedProtoMakesTheCookieSecure() throws Exception {
    String cookie =
        loginCookie(
            Map.of("CODEVECTOR_TRUST_FORWARDED_HEADERS", "true"),
            Map.of("X-Forwarded-Proto", "https"));

    assertTrue(cookie.endsWith("; Secure"), cookie);
  }

  @Test
  void anUntrustedForwardedProtoIsIgnored() throws Exception {
    String cookie = loginCookie(Map.of(), Map.of("X-Forwarded-Proto", "https"));

    assertFalse(cookie.contains("Secure"), cookie);
  }

  @Test
  void aMalformedPublicUrlOrTrustFlagStopsStartWithOneLine() {
    for (String url :
        List.of("codevector.example.com", "ftp://example.com", "https://", "https://a b")) {
      ConfigurationException e =
          assertThrows(
              ConfigurationException.class,
              () -> ServerHarness.config(dataDir, Map.of("CODEVECTOR_PUBLIC_URL", url)));

      assertTrue(e.getMessage().startsWith("CODEVECTOR_PUBLIC_URL must be"), e.getMessage());
      assertEquals(1, e.getMessage().lines().count());
    }
    ConfigurationException flag =
        assertThrows(
            ConfigurationException.class,
            () ->
                ServerHarness.config(dataDir, Map.of("CODEVECTOR_TRUST_FORWARDED_HEADERS", "yes")));
    assertEquals(
        "CODEVECTOR_TRUST_FORWARDED_HEADERS must be true or false, not 'yes'", flag.getMessage());
  }
}
