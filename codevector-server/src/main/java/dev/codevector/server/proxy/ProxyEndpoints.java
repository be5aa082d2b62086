package dev.codevector.server.proxy;

import dev.codevector.CodeVector;
import dev.codevector.access.Access;
import dev.codevector.access.Caller;
import dev.codevector.limits.LimitExceededException;
import dev.codevector.limits.LimitsUnavailableException;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelNotFoundException;
import dev.codevector.routing.Attempt;
import dev.codevector.routing.BackendsExhaustedException;
import dev.codevector.routing.Cancellation;
import dev.codevector.routing.ClientSession;
import dev.codevector.routing.ContextLengthExceededException;
import dev.codevector.routing.InvalidRequestException;
import dev.codevector.routing.NoActiveBackendException;
import dev.codevector.routing.RouteCancelledException;
import dev.codevector.routing.RouteRequest;
import dev.codevector.routing.RouteResponse;
import dev.codevector.server.internal.ApiKeys;
import dev.codevector.server.internal.DatabaseOutages;
import dev.codevector.server.internal.InFlightBytes;
import dev.codevector.server.internal.Metrics;
import dev.codevector.server.internal.OutOfMemoryExit;
import dev.codevector.server.internal.RequestBodies;
import dev.codevector.spi.StoreException;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.ErrorBody;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;

/**
 * The proxy endpoints under {@code /v1}: each authenticates the caller's API key ({@code
 * Authorization: Bearer} or {@code x-api-key}), routes the request to the Model it names if the
 * caller may use it, writes the answer in the caller's dialect, and records usage. Unknown,
 * disabled and ungranted Models get the same not-found answer, so slugs cannot be probed. Claude is
 * also served as Bedrock and Vertex AI serve it, under {@code /bedrock} and {@code /vertex} (see
 * {@link CloudInvocations}), through the same steps.
 *
 * <p>Each request is admitted by the limits on its caller's key, user, groups and everyone before
 * any upstream is called (see {@link CallerAdmission}): one a limit refuses gets {@value
 * LimitRefusal#STATUS} (see {@link LimitRefusal}), one whose limits cannot be checked gets 503, and
 * every answer under a per-minute limit tells the room left (see {@link RateLimitHeaders}).
 *
 * <p>A client that disconnects while its request is routed or streamed cancels the upstream call at
 * once (see {@link ClientWatch}); its usage is recorded with status 499.
 */
public final class ProxyEndpoints {
  private static final System.Logger LOG = System.getLogger(ProxyEndpoints.class.getName());

  /**
   * Streams are written on threads of their own, started with a shallow stack: a stream may stay
   * open for minutes, and each open stream holds its thread's stack in memory.
   */
  private static final ThreadFactory STREAM_THREADS =
      Thread.ofVirtual().name("codevector-stream").factory();

  private final CodeVector codeVector;
  private final Access access;
  private final Metrics metrics;
  private final long maxBody;
  private final InFlightBytes inFlight;
  private final OpenStreams streams;

  /**
   * Creates the endpoints.
   *
   * @param codeVector the router and services behind them
   * @param metrics where requests are counted
   * @param maxBody the largest request body accepted, in bytes; larger ones get 413
   * @param inFlight the room for the bodies of all requests in flight; a request that finds none
   *     gets 503 with {@code Retry-After}
   * @param streams where the streams being written are kept, for stopping to end them
   */
  public ProxyEndpoints(
      CodeVector codeVector,
      Metrics metrics,
      long maxBody,
      InFlightBytes inFlight,
      OpenStreams streams) {
    this.codeVector = codeVector;
    this.access = codeVector.access();
    this.metrics = metrics;
    this.maxBody = maxBody;
    this.inFlight = inFlight;
    this.streams = streams;
  }

  /**
   * Registers the endpoints.
   *
   * @param routes where to register them
   */
  public void register(RoutesConfig routes) {
    routes.post("/v1/chat/completions", ctx -> proxy(ctx, Inbound.of(Dialect.OPENAI_CHAT)));
    routes.post("/v1/responses", ctx -> proxy(ctx, Inbound.of(Dialect.OPENAI_RESPONSES)));
    routes.post("/v1/embeddings", ctx -> proxy(ctx, Inbound.of(Dialect.OPENAI_EMBEDDINGS)));
    routes.post("/v1/messages", ctx -> proxy(ctx, Inbound.of(Dialect.ANTHROPIC_MESSAGES)));
    routes.post(
        "/v1/messages/count_tokens", ctx -> proxy(ctx, Inbound.of(Dialect.ANTHROPIC_COUNT_TOKENS)));
    routes.get("/v1/models", new ModelList(codeVector)::handle);
    CloudInvocations.register(routes, this::proxy);
  }

  private void proxy(Context ctx, Inbound inbound) {
    Dialect dialect = inbound.dialect();
    ProxyRequest request = new ProxyRequest(ClientDetector.client(ctx::header));
    Runnable measure =
        () ->
            metrics.request(
                dialect, ctx.statusCode(), request.latency(), request.timeToFirstToken());
    boolean measured = false;
    try (InFlightBytes.Lease lease = inFlight.lease()) {
      measured = serve(ctx, inbound, request, lease, measure);
    } finally {
      if (!measured) {
        measure.run();
      }
    }
  }

  /**
   * Serves one request; returns true when it has run {@code measure} itself or handed it to a
   * stream's own thread, which runs it once the stream has ended.
   */
  private boolean serve(
      Context ctx,
      Inbound inbound,
      ProxyRequest request,
      InFlightBytes.Lease lease,
      Runnable measure) {
    Dialect dialect = inbound.dialect();
    AnswerFormat answers = inbound.answers();
    ctx.header("x-request-id", request.id());
    Optional<Caller> caller = ApiKeys.caller(ctx, access);
    if (caller.isEmpty()) {
      fail(ctx, inbound, 401, "invalid or missing API key", null, "invalid_api_key");
      return false;
    }
    byte[] body;
    try {
      body = RequestBodies.read(ctx.req(), maxBody, lease);
    } catch (IOException e) {
      fail(ctx, inbound, 400, "the request body could not be read", null, null);
      return false;
    } catch (RequestBodies.Refused e) {
      if (e.status() == 503) {
        ctx.header("retry-after", "1");
      }
      fail(ctx, inbound, e.status(), e.getMessage(), null, null);
      return false;
    }
    Cancellation cancellation = Cancellation.create();
    Cancellation.Registration watch = ClientWatch.watch(ctx, cancellation);
    boolean watchHandedOff = false;
    CallerAdmission admission = CallerAdmission.of(codeVector, caller.get());
    try {
      RouteResponse response =
          codeVector
              .router()
              .route(
                  inbound
                      .unwrap()
                      .apply(
                          ctx,
                          new RouteRequest(
                              dialect,
                              body,
                              protocolHeaders(ctx),
                              cancellation,
                              request.origin(caller.get()))),
                  model -> access.mayUse(caller.get().userId(), model.id()),
                  admission);
      servedBy(ctx, response.attempts());
      RateLimitHeaders.write(ctx, dialect, response.room(), Instant.now());
      if (!response.isStream()) {
        ResponseWriter.whole(ctx, response, answers, measure);
        return true;
      }
      if (ResponseWriter.start(ctx, response, answers, request::firstToken)) {
        // The stream's other events are written on a thread of its own (see STREAM_THREADS).
        watchHandedOff = true;
        ctx.future(
            () ->
                CompletableFuture.runAsync(
                    () -> {
                      try (watch) {
                        ResponseWriter.finish(
                            ctx, response, answers, streams.open(dialect, response), cancellation);
                      } finally {
                        measure.run();
                      }
                    },
                    task -> STREAM_THREADS.newThread(task).start()));
        return true;
      }
    } catch (RouteCancelledException e) {
      ctx.status(ProxyRequest.CLIENT_CLOSED);
    } catch (InvalidRequestException e) {
      fail(ctx, inbound, 400, e.getMessage(), e.param().orElse(null), null);
    } catch (ModelNotFoundException e) {
      fail(
          ctx,
          inbound,
          404,
          (Model.isSlug(e.reference()) ? "the model '" + e.reference() + "'" : "the model")
              + " does not exist or you do not have access to it",
          "model",
          "model_not_found");
    } catch (LimitExceededException e) {
      metrics.limitRefused(e.limit().id(), e.cap());
      retryAfter(ctx, e.retryAfter());
      RateLimitHeaders.write(ctx, dialect, LimitRefusal.room(e), Instant.now());
      answers.error(ctx, LimitRefusal.STATUS, LimitRefusal.body(dialect, e));
    } catch (LimitsUnavailableException e) {
      ctx.header("retry-after", "1");
      fail(ctx, inbound, ProxyRequest.UNAVAILABLE, e.getMessage(), null, null);
    } catch (ContextLengthExceededException e) {
      RateLimitHeaders.write(ctx, dialect, admission.room(), Instant.now());
      fail(ctx, inbound, 400, tooLong(dialect, e), "messages", "context_length_exceeded");
    } catch (NoActiveBackendException e) {
      RateLimitHeaders.write(ctx, dialect, admission.room(), Instant.now());
      e.retryAfter().ifPresent(wait -> retryAfter(ctx, wait));
      fail(
          ctx,
          inbound,
          ProxyRequest.UNAVAILABLE,
          "no backend of this model is available now; retry later",
          null,
          null);
    } catch (BackendsExhaustedException e) {
      RateLimitHeaders.write(ctx, dialect, admission.room(), Instant.now());
      if (e.isRetryable()) {
        e.retryAfter().ifPresent(wait -> retryAfter(ctx, wait));
      } else {
        ctx.header("x-should-retry", "false");
      }
      fail(ctx, inbound, e.status(), exhausted(e), null, null);
    } catch (RuntimeException e) {
      // An out-of-memory error a store wrapped must still end the process.
      OutOfMemoryExit.handOver(e);
      if (e instanceof StoreException store && DatabaseOutages.unreachable(store)) {
        // Such as the lookup of a Model that was not cached while the database is down.
        DatabaseOutages.warn(ctx, store);
        ctx.header("retry-after", "1");
        fail(ctx, inbound, 503, DatabaseOutages.MESSAGE, null, null);
        return false;
      }
      // The message may quote a header or a body: one line without it, the trace only at DEBUG.
      LOG.log(
          System.Logger.Level.ERROR,
          "request " + request.id() + " failed: " + e.getClass().getName());
      LOG.log(System.Logger.Level.DEBUG, "request " + request.id() + " failed", e);
      fail(ctx, inbound, 500, "internal error; request id " + request.id(), null, null);
    } finally {
      if (!watchHandedOff) {
        watch.close();
      }
    }
    return false;
  }

  /**
   * Names the Backend that answered, and the upstream model it sent the request to, for operators;
   * the body names the Model's slug only. A model id with characters a header cannot carry is sent
   * URL-encoded.
   */
  private static void servedBy(Context ctx, List<Attempt> attempts) {
    if (attempts.isEmpty()) {
      return;
    }
    Attempt served = attempts.get(attempts.size() - 1);
    ctx.header("x-codevector-backend", served.backendId().value());
    String upstreamModel = served.upstreamModel();
    ctx.header(
        "x-codevector-upstream-model",
        upstreamModel.chars().allMatch(c -> c > 0x20 && c < 0x7f)
            ? upstreamModel
            : URLEncoder.encode(upstreamModel, StandardCharsets.UTF_8));
  }

  /**
   * Says every Backend failed, and which timeout ran out when that was the last failure; other
   * reasons stay in the log, since they may name the upstream's hosts.
   */
  private static String exhausted(BackendsExhaustedException e) {
    Attempt last = e.attempts().get(e.attempts().size() - 1);
    return last.status() == 504 && last.error().isPresent()
        ? "every backend of this model failed; the last: " + last.error().get()
        : "every backend of this model failed";
  }

  /**
   * Says the request is too long for every Backend of its Model as the client's own API says it, so
   * that a client which shortens its conversation on that error does so here too.
   */
  private static String tooLong(Dialect dialect, ContextLengthExceededException e) {
    return dialect.isAnthropic()
        ? "prompt is too long: " + e.requestTokens() + " tokens > " + e.largestWindow() + " maximum"
        : "this model's maximum context length is "
            + e.largestWindow()
            + " tokens, but the request needs about "
            + e.requestTokens()
            + " (its input and the most output it asks for); reduce the length of the messages";
  }

  /** Tells the client how long until the Model may serve again, in whole seconds rounded up. */
  private static void retryAfter(Context ctx, Duration wait) {
    ctx.header("retry-after", Long.toString((wait.toMillis() + 999) / 1000));
  }

  /**
   * The headers upstream protocols need, such as {@code anthropic-beta}, and those naming the
   * client's session, which the router reads; never credentials.
   */
  private static Map<String, List<String>> protocolHeaders(Context ctx) {
    Map<String, List<String>> headers = new TreeMap<>();
    Enumeration<String> names = ctx.req().getHeaderNames();
    while (names.hasMoreElements()) {
      String name = names.nextElement();
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith("anthropic-")
          || lower.equals("openai-beta")
          || ClientSession.HEADERS.contains(lower)) {
        headers.put(lower, Collections.list(ctx.req().getHeaders(name)));
      }
    }
    return headers;
  }

  private static void fail(
      Context ctx, Inbound inbound, int status, String message, String param, String code) {
    inbound
        .answers()
        .error(ctx, status, ErrorBody.of(inbound.dialect(), status, message, param, code));
  }
}
