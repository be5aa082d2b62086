package dev.codevector.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.Clock;
import dev.codevector.server.internal.ErrorResponses;
import dev.codevector.server.internal.InFlightBytes;
import dev.codevector.server.internal.RequestBodies;
import dev.codevector.spi.AuditStore;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin console at {@code /admin}: a login page, a single page application served for each
 * console page, its static assets under {@code /admin/assets} (and its libraries, from WebJars,
 * under {@code /webjars}), and the session routes.
 *
 * <p>{@code POST /admin/login} takes the admin token as a form field or JSON {@code token} and
 * opens a session whose id goes to an {@code HttpOnly; SameSite=Strict} cookie ({@code Secure} over
 * HTTPS, see {@link ClientOrigin}); at most {@value #LOGIN_BODY_LIMIT} bytes of its body are read,
 * a larger one is 413, and wrong tokens are throttled per client address (see {@link AdminGate});
 * {@code GET /admin/session} gives the page its CSRF token; {@code POST /admin/logout} ends the
 * session. Each login, and each login refused for a wrong token, is recorded in the audit trail
 * with the client's address (see {@link AuditTrail}). Console pages without a session redirect to
 * the login page. The admin API accepts the session cookie as well as the bearer token; see {@link
 * AdminRoutes}.
 */
public final class AdminConsole {
  /** The session cookie's name. */
  static final String COOKIE = "cv_console";

  /** The request header that carries the CSRF token. */
  static final String CSRF_HEADER = "X-CSRF-Token";

  private static final String ASSETS = "/dev/codevector/server/console";
  private static final List<String> PAGES =
      List.of(
          "/admin/providers",
          "/admin/providers/{id}",
          "/admin/models",
          "/admin/models/{slug}",
          "/admin/access",
          "/admin/limits",
          "/admin/usage",
          "/admin/audit");
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none';"
          + " form-action 'self'";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The most of a login request's body that is read: a form or JSON object with one token. */
  static final int LOGIN_BODY_LIMIT = 8 * 1024;

  private final AdminGate gate;
  private final ConsoleSessions sessions;
  private final InFlightBytes inFlight;
  private final AuditTrail trail;
  private final String indexHtml = resource("index.html");
  private final String loginHtml = resource("login.html");

  /**
   * Creates the console.
   *
   * @param gate checks the token that opens a session
   * @param sessions where sessions are kept; the admin API checks the same
   * @param inFlight the room for the bodies of all requests in flight, which a login's shares
   * @param audit where logins, and logins refused for a wrong token, are recorded
   */
  public AdminConsole(
      AdminGate gate, ConsoleSessions sessions, InFlightBytes inFlight, AuditStore audit) {
    this.gate = gate;
    this.sessions = sessions;
    this.inFlight = inFlight;
    this.trail = new AuditTrail(audit, gate, Clock.system());
  }

  /**
   * Registers the console's pages, session routes and static files.
   *
   * @param javalin the server's configuration
   */
  public void register(JavalinConfig javalin) {
    javalin.staticFiles.enableWebjars();
    javalin.staticFiles.add(
        files -> {
          files.hostedPath = "/admin/assets";
          files.directory = ASSETS;
          files.location = Location.CLASSPATH;
          files.headers = Map.of("Cache-Control", "no-cache");
        });
    javalin.routes.get(
        "/admin",
        ctx ->
            ctx.redirect(session(ctx) ? "/admin/providers" : "/admin/login", HttpStatus.SEE_OTHER));
    javalin.routes.get("/admin/login", this::loginPage);
    javalin.routes.post("/admin/login", this::login);
    javalin.routes.post("/admin/logout", this::logout);
    javalin.routes.get("/admin/session", this::sessionInfo);
    for (String page : PAGES) {
      javalin.routes.get(page, this::page);
    }
  }

  private boolean session(Context ctx) {
    return sessions.csrfToken(ctx.cookie(COOKIE)).isPresent();
  }

  private static void pageHeaders(Context ctx) {
    ctx.header("Cache-Control", "no-store")
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("X-Frame-Options", "DENY")
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer");
  }

  private void loginPage(Context ctx) {
    if (session(ctx)) {
      ctx.redirect("/admin/providers", HttpStatus.SEE_OTHER);
      return;
    }
    pageHeaders(ctx);
    ctx.html(loginHtml);
  }

  private void page(Context ctx) {
    if (!session(ctx)) {
      ctx.redirect("/admin/login", HttpStatus.SEE_OTHER);
      return;
    }
    pageHeaders(ctx);
    ctx.html(indexHtml);
  }

  private void login(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    byte[] body;
    try (InFlightBytes.Lease lease = inFlight.lease()) {
      body = RequestBodies.read(ctx.req(), LOGIN_BODY_LIMIT, lease);
    } catch (IOException e) {
      ErrorResponses.send(ctx, 400, "the request body could not be read");
      return;
    } catch (RequestBodies.Refused e) {
      if (e.status() == 503) {
        ctx.header("retry-after", "1");
      }
      ErrorResponses.send(
          ctx, e.status(), e.status() == 413 ? "the login request is too large" : e.getMessage());
      return;
    }
    boolean json = ctx.isJson();
    String presented = json ? jsonToken(body) : formToken(body);
    AdminGate.Verdict verdict =
        gate.admin(ctx, presented == null ? null : presented.strip(), "the console login");
    if (verdict == AdminGate.Verdict.THROTTLED) {
      return;
    }
    if (verdict == AdminGate.Verdict.REFUSED) {
      trail.loginFailed(ctx);
      if (json) {
        AdminJson.send(
            ctx,
            401,
            ErrorResponses.adminError(
                "authentication_error", "the admin token is wrong", Optional.empty()));
      } else {
        ctx.redirect("/admin/login?failed", HttpStatus.SEE_OTHER);
      }
      return;
    }
    sessions.close(ctx.cookie(COOKIE));
    ConsoleSessions.Opened opened = sessions.open();
    trail.loggedIn(ctx, opened.id());
    setCookie(ctx, opened.id());
    if (json) {
      AdminJson.send(ctx, 200, AdminJson.object().put("csrfToken", opened.csrfToken()));
    } else {
      ctx.redirect("/admin/providers", HttpStatus.SEE_OTHER);
    }
  }

  /**
   * Sets the session cookie, {@code Secure} when the client reached us over HTTPS; an empty value
   * removes it.
   */
  private void setCookie(Context ctx, String value) {
    ctx.res()
        .addHeader(
            "Set-Cookie",
            COOKIE
                + "="
                + value
                + "; Path=/admin"
                + (value.isEmpty() ? "; Max-Age=0" : "")
                + "; HttpOnly; SameSite=Strict"
                + (gate.isHttps(ctx) ? "; Secure" : ""));
  }

  private static String jsonToken(byte[] body) {
    try {
      JsonNode token = JSON.readTree(body).path("token");
      return token.isTextual() ? token.asText() : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Returns the {@code token} field of an {@code application/x-www-form-urlencoded} body. */
  private static String formToken(byte[] body) {
    for (String field : new String(body, StandardCharsets.UTF_8).split("&")) {
      int equals = field.indexOf('=');
      if (equals > 0 && decode(field.substring(0, equals)).equals("token")) {
        return decode(field.substring(equals + 1));
      }
    }
    return null;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private void sessionInfo(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    Optional<String> csrf = sessions.csrfToken(ctx.cookie(COOKIE));
    if (csrf.isEmpty()) {
      AdminJson.send(
          ctx,
          401,
          ErrorResponses.adminError("authentication_error", "not logged in", Optional.empty()));
      return;
    }
    AdminJson.send(ctx, 200, AdminJson.object().put("csrfToken", csrf.get()));
  }

  private void logout(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    String id = ctx.cookie(COOKIE);
    Optional<String> csrf = sessions.csrfToken(id);
    if (csrf.isPresent() && !ConsoleSessions.csrfMatches(csrf.get(), ctx.header(CSRF_HEADER))) {
      AdminJson.send(
          ctx,
          403,
          ErrorResponses.adminError(
              "csrf_error", "a valid X-CSRF-Token header is required", Optional.empty()));
      return;
    }
    sessions.close(id);
    setCookie(ctx, "");
    ctx.status(204);
  }

  private static String resource(String name) {
    try (InputStream in = AdminConsole.class.getResourceAsStream(ASSETS + "/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the console resource " + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
