package dev.codevector.server.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.routing.RequestOrigin;
import dev.codevector.spi.StoreException;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.ErrorBody;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.EndpointNotFound;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Every error the server answers outside its handlers' own, as JSON in the shape the caller
 * expects: under {@code /v1} the caller's dialect (Anthropic's for {@code /v1/messages} and for
 * requests carrying {@code anthropic-version}, OpenAI's otherwise), and the admin shape {@code
 * {"error": {"type", "message"}}} everywhere else. That covers unknown paths and methods, Javalin's
 * own refusals, unexpected exceptions, and what Jetty refuses before a handler runs (a malformed
 * request, headers or a URI over its limits). Messages are our own words: never a library's text, a
 * header value or a body.
 *
 * <p>This class is thread-safe.
 */
public final class ErrorResponses {
  private static final System.Logger LOG = System.getLogger(ErrorResponses.class.getName());

  private ErrorResponses() {}

  /**
   * Registers the answers to exceptions that escape handlers, unknown routes included: a store that
   * cannot reach its database is 503 (see {@link DatabaseOutages}), anything else unexpected is
   * 500.
   *
   * @param routes where to register them
   */
  public static void register(RoutesConfig routes) {
    routes.exception(
        HttpResponseException.class,
        (e, ctx) ->
            send(
                ctx,
                e.getStatus(),
                e instanceof EndpointNotFound || e.getStatus() == 404 || e.getStatus() == 405
                    ? "no route for " + ctx.req().getMethod() + " " + ctx.path()
                    : message(e.getStatus())));
    routes.exception(
        StoreException.class,
        (e, ctx) -> {
          if (DatabaseOutages.unreachable(e)) {
            DatabaseOutages.answer(ctx, e);
          } else {
            unexpected(ctx, e);
          }
        });
    routes.exception(Exception.class, (e, ctx) -> unexpected(ctx, e));
  }

  /**
   * Answers an {@link Error} that escaped a handler: an {@link OutOfMemoryError} goes on to the
   * thread's uncaught exception handler, as if nothing had caught it (under {@code Main} that ends
   * the process); any other is logged, one line at ERROR and the stack trace at DEBUG, and answered
   * 500 with a JSON error in the admin shape, since the request's path is not known here.
   *
   * @param response the answer
   * @param error the error
   */
  public static void fatal(HttpServletResponse response, Error error) {
    OutOfMemoryExit.handOver(error);
    LOG.log(System.Logger.Level.ERROR, "a request failed: " + error.getClass().getName());
    LOG.log(System.Logger.Level.DEBUG, "a request failed", error);
    response.setStatus(500);
    response.setContentType("application/json");
    try {
      response.getOutputStream().write(body("", false, 500, "internal error"));
    } catch (IOException | IllegalStateException e) {
      // The answer had begun, or the client left: nothing more can be said.
    }
  }

  /**
   * Returns the handler that Jetty answers its own errors with, in place of its HTML pages.
   *
   * @return the handler, for {@code Server.setErrorHandler}
   */
  public static Request.Handler jettyErrors() {
    return new JsonErrorHandler();
  }

  /**
   * Answers an error in the shape the request's path calls for.
   *
   * @param ctx the request
   * @param status the HTTP status
   * @param message what went wrong, in our words
   */
  public static void send(Context ctx, int status, String message) {
    ctx.status(status)
        .contentType("application/json")
        .result(body(ctx.path(), ctx.header("anthropic-version") != null, status, message));
  }

  /**
   * Answers 500 for an exception no handler expected, logging it with a request id the answer
   * names: one line at ERROR, the stack trace at DEBUG only.
   *
   * @param ctx the request
   * @param e the exception
   */
  public static void unexpected(Context ctx, Exception e) {
    OutOfMemoryExit.handOver(e);
    String requestId =
        Optional.ofNullable(ctx.res().getHeader("x-request-id"))
            .orElseGet(RequestOrigin::newRequestId);
    ctx.header("x-request-id", requestId);
    String request = ctx.req().getMethod() + " " + ctx.path();
    LOG.log(
        System.Logger.Level.ERROR,
        "request " + requestId + " (" + request + ") failed: " + e.getClass().getName());
    LOG.log(System.Logger.Level.DEBUG, "request " + requestId + " failed", e);
    send(ctx, 500, "internal error; request id " + requestId);
  }

  /**
   * Returns our words for a status that Javalin or Jetty chose.
   *
   * @param status the status
   * @return the message for the client
   */
  public static String message(int status) {
    return switch (status) {
      case 400 -> "the request is malformed";
      case 404, 405 -> "no such route";
      case 408 -> "the request did not arrive in time";
      case 411 -> "the request must declare its length";
      case 413 -> "the request body is too large";
      case 414 -> "the request URI is too long";
      case 415 -> "the request's content type is not supported";
      case 431 -> "the request headers are too large";
      case 501 -> "the request method is not supported";
      case 503 -> "the server cannot answer now; retry later";
      case 505 -> "the HTTP version is not supported";
      default ->
          status >= 500 ? "internal error" : "the request cannot be served (HTTP " + status + ")";
    };
  }

  /**
   * Returns an error in the admin API's shape: {@code {"error": {"type", "message"[, "field"]}}}.
   *
   * @param type the error type
   * @param message what went wrong, for the caller
   * @param field the request field at fault, if one is
   * @return the error
   */
  public static ObjectNode adminError(String type, String message, Optional<String> field) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode error = root.putObject("error").put("type", type).put("message", message);
    field.ifPresent(f -> error.put("field", f));
    return root;
  }

  /** Returns the admin shape's error type for a status. */
  static String adminType(int status) {
    return switch (status) {
      case 409 -> "conflict_error";
      case 500, 503 -> "api_error";
      default -> ErrorBody.anthropicType(status);
    };
  }

  private static byte[] body(String path, boolean anthropicVersion, int status, String message) {
    if (path != null && (path.equals("/v1") || path.startsWith("/v1/"))) {
      Dialect dialect =
          path.startsWith("/v1/messages") || anthropicVersion
              ? Dialect.ANTHROPIC_MESSAGES
              : Dialect.OPENAI_CHAT;
      return ErrorBody.of(dialect, status, message);
    }
    return adminError(adminType(status), message, Optional.empty())
        .toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Jetty's error handler, writing JSON where Jetty would write an HTML page. */
  private static final class JsonErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(
        Request request,
        Response response,
        int code,
        String message,
        Throwable cause,
        Callback callback) {
      String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
      boolean anthropic = request.getHeaders().contains("anthropic-version");
      byte[] body = body(path, anthropic, code, ErrorResponses.message(code));
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
      response.write(true, ByteBuffer.wrap(body), callback);
    }
  }
}
