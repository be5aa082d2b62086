package dev.codevector.server.admin;

import dev.codevector.registry.AlreadyExistsException;
import dev.codevector.registry.ConcurrentUpdateException;
import dev.codevector.registry.IllegalTransitionException;
import dev.codevector.registry.LastBackendException;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelNotFoundException;
import dev.codevector.registry.NotFoundException;
import dev.codevector.registry.Registry;
import dev.codevector.registry.ValidationException;
import dev.codevector.server.internal.ApiKeys;
import dev.codevector.server.internal.DatabaseOutages;
import dev.codevector.server.internal.ErrorResponses;
import dev.codevector.spi.StoreException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Registers admin routes under {@code /admin/api}, each behind the admin token (or a console
 * session with its CSRF token) and one error mapping: a {@link ValidationException} is 400 naming
 * the field; a {@link NotFoundException} 404; {@link AlreadyExistsException}, {@link
 * IllegalTransitionException}, {@link LastBackendException} and {@link ConcurrentUpdateException}
 * 409; a {@link StoreException} because the database cannot be reached 503 with {@code Retry-After:
 * 1} (see {@link DatabaseOutages}); anything else 500 with a generic message and a request id, the
 * error itself going to the log only (see {@link ErrorResponses#unexpected}). Every answer carries
 * {@code Cache-Control: no-store}, since some show a key once.
 */
final class AdminRoutes {
  /** Where the admin API lives. */
  private static final String PREFIX = "/admin/api";

  private final RoutesConfig routes;
  private final AdminGate gate;
  private final ConsoleSessions sessions;

  AdminRoutes(RoutesConfig routes, AdminGate gate, ConsoleSessions sessions) {
    this.routes = routes;
    this.gate = gate;
    this.sessions = sessions;
  }

  void get(String path, Handler handler) {
    routes.get(PREFIX + path, guarded(handler));
  }

  void post(String path, Handler handler) {
    routes.post(PREFIX + path, guarded(handler));
  }

  void patch(String path, Handler handler) {
    routes.patch(PREFIX + path, guarded(handler));
  }

  void delete(String path, Handler handler) {
    routes.delete(PREFIX + path, guarded(handler));
  }

  /**
   * Answers every other path under {@code /admin/api} with a JSON 404, behind the token like the
   * rest, so that paths cannot be probed without it. Register it after every other admin route: the
   * first route that matches a request handles it.
   */
  void fallback() {
    Handler missing =
        ctx ->
            fail(
                ctx,
                404,
                "not_found_error",
                "no admin route " + ctx.req().getMethod() + " " + ctx.path(),
                null);
    routes.get(PREFIX + "/*", guarded(missing));
    routes.post(PREFIX + "/*", guarded(missing));
    routes.put(PREFIX + "/*", guarded(missing));
    routes.patch(PREFIX + "/*", guarded(missing));
    routes.delete(PREFIX + "/*", guarded(missing));
  }

  /**
   * Returns a path parameter that names a resource.
   *
   * @param ctx the request
   * @param name the parameter's name in the route
   * @return its value, stripped
   * @throws ValidationException if it is blank
   */
  static String pathId(Context ctx, String name) {
    return id(name, ctx.pathParam(name));
  }

  /**
   * Checks an id given in a request.
   *
   * @param field the field or parameter it came from, named in the error
   * @param value the id
   * @return the id, stripped
   * @throws ValidationException if it is blank
   */
  static String id(String field, String value) {
    String stripped = value.strip();
    if (stripped.isEmpty()) {
      throw new ValidationException(field, value, "must not be blank");
    }
    return stripped;
  }

  /**
   * Returns the Model a request names by slug.
   *
   * @param registry where the Models are
   * @param field the field or parameter it came from, named in the error
   * @param slug the slug
   * @return the Model
   * @throws ValidationException if the slug is blank
   * @throws ModelNotFoundException if no Model has the slug
   */
  static Model modelBySlug(Registry registry, String field, String slug) {
    String checked = id(field, slug);
    return registry.findModelBySlug(checked).orElseThrow(() -> new ModelNotFoundException(checked));
  }

  /**
   * Returns a query parameter that is a time: an ISO-8601 instant ({@code 2026-01-31T12:00:00Z}) or
   * a date ({@code 2026-01-31}, in UTC), which stands for the start of that day, or for the start
   * of the next as the end of a range.
   *
   * @param ctx the request
   * @param param the parameter's name
   * @param end whether the time ends a range
   * @return the time, or empty if the parameter is absent or blank
   * @throws ValidationException if it is neither an instant nor a date, or out of range
   */
  static Optional<Instant> time(Context ctx, String param, boolean end) {
    String text = ctx.queryParam(param);
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String value = text.strip();
    Instant instant;
    try {
      instant = Instant.parse(value);
    } catch (DateTimeParseException notAnInstant) {
      try {
        LocalDate day = LocalDate.parse(value);
        instant = (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeException e) {
        throw new ValidationException(
            param, text, "must be an ISO-8601 instant or date, such as 2026-01-31T12:00:00Z");
      }
    }
    return Optional.of(JsonBody.storable(param, instant));
  }

  /** Answers 204 with no body. */
  static void noContent(Context ctx) {
    ctx.status(204);
  }

  private Handler guarded(Handler handler) {
    return ctx -> {
      ctx.header("cache-control", "no-store");
      Authorization authorization;
      try {
        authorization = authorization(ctx);
      } catch (StoreException e) {
        answer(ctx, e);
        return;
      }
      if (authorization == Authorization.THROTTLED) {
        return;
      }
      if (authorization == Authorization.NONE) {
        ctx.header("www-authenticate", "Bearer");
        fail(ctx, 401, "authentication_error", "a valid admin token is required", null);
        return;
      }
      if (authorization == Authorization.SESSION_WITHOUT_CSRF) {
        fail(ctx, 403, "csrf_error", "a valid X-CSRF-Token header is required", null);
        return;
      }
      try {
        handler.handle(ctx);
      } catch (Exception e) {
        answer(ctx, e);
      }
    };
  }

  /** What a request presented to be let in. */
  private enum Authorization {
    /** The admin token, or the console's session cookie with its CSRF token where one is needed. */
    GRANTED,
    /** A console session, for a change, without its CSRF token. */
    SESSION_WITHOUT_CSRF,
    /** Neither the admin token nor a live console session. */
    NONE,
    /** Too many wrong tokens came from the client's address; it has been answered 429. */
    THROTTLED
  }

  /**
   * Checks the bearer admin token, else the console's session cookie. A request made with the
   * cookie must also present the session's CSRF token in {@code X-CSRF-Token}, unless it only reads
   * ({@code GET} or {@code HEAD}). A wrong bearer token counts against the client's address. Who
   * the request is let in as is marked for the {@link AuditTrail}.
   */
  private Authorization authorization(Context ctx) {
    Optional<String> bearer = ApiKeys.bearer(ctx);
    if (bearer.isPresent()) {
      AdminGate.Verdict verdict = gate.admin(ctx, bearer.get(), "the admin API");
      if (verdict == AdminGate.Verdict.ADMITTED) {
        AuditTrail.actAs(ctx, AuditTrail.ADMIN_TOKEN);
        return Authorization.GRANTED;
      }
      if (verdict == AdminGate.Verdict.THROTTLED) {
        return Authorization.THROTTLED;
      }
    }
    String session = ctx.cookie(AdminConsole.COOKIE);
    Optional<String> csrf = sessions.csrfToken(session);
    if (csrf.isEmpty()) {
      return Authorization.NONE;
    }
    AuditTrail.actAs(ctx, "session:" + ConsoleSessions.fingerprint(session));
    String method = ctx.req().getMethod();
    boolean reads = method.equals("GET") || method.equals("HEAD");
    return reads || ConsoleSessions.csrfMatches(csrf.get(), ctx.header(AdminConsole.CSRF_HEADER))
        ? Authorization.GRANTED
        : Authorization.SESSION_WITHOUT_CSRF;
  }

  private static void answer(Context ctx, Exception e) {
    if (e instanceof ValidationException invalid) {
      fail(ctx, 400, "invalid_request_error", invalid.getMessage(), invalid.field());
    } else if (e instanceof NotFoundException) {
      fail(ctx, 404, "not_found_error", e.getMessage(), null);
    } else if (e instanceof AlreadyExistsException
        || e instanceof IllegalTransitionException
        || e instanceof LastBackendException) {
      fail(ctx, 409, "conflict_error", e.getMessage(), null);
    } else if (e instanceof ConcurrentUpdateException) {
      fail(ctx, 409, "conflict_error", e.getMessage() + "; read it again and retry", null);
    } else if (e instanceof StoreException store && DatabaseOutages.unreachable(store)) {
      DatabaseOutages.answer(ctx, store);
    } else if (e instanceof HttpResponseException http) {
      ErrorResponses.send(ctx, http.getStatus(), ErrorResponses.message(http.getStatus()));
    } else {
      ErrorResponses.unexpected(ctx, e);
    }
  }

  private static void fail(Context ctx, int status, String type, String message, String field) {
    AdminJson.send(
        ctx, status, ErrorResponses.adminError(type, message, Optional.ofNullable(field)));
  }
}
