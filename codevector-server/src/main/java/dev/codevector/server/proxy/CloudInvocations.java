package dev.codevector.server.proxy;

import dev.codevector.routing.InvalidRequestException;
import dev.codevector.routing.RouteRequest;
import dev.codevector.wire.Dialect;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The proxy routes that take Claude as the clouds serve it, so that Claude Code in Bedrock or
 * Vertex mode can use CodeVector: Bedrock's {@code InvokeModel} under {@value #BEDROCK} ({@code
 * POST /bedrock/model/{model}/invoke}, {@code …/invoke-with-response-stream} and {@code
 * …/count-tokens}, answered as Bedrock answers, see {@link BedrockAnswers} and {@link
 * BedrockTokenCounts}) and Vertex's {@code rawPredict} under {@value #VERTEX}, with or without
 * {@code /v1} ({@code POST
 * /vertex/v1/projects/{project}/locations/{location}/publishers/anthropic/models/{model}:rawPredict},
 * {@code …:streamRawPredict} and {@code …/models/count-tokens:rawPredict}, answered as Anthropic's
 * API answers, as Vertex does).
 *
 * <p>The model in the path is a Model's slug; project and location are ignored. The body is an
 * Anthropic Messages body without {@code model} (and, for Bedrock, {@code stream}) and with {@code
 * anthropic_version}: it is routed as a {@code /v1/messages} request with the slug as its model,
 * streaming as the endpoint says, and its {@code anthropic_beta} flags merged into the {@code
 * anthropic-beta} header (see {@link InvocationBody}).
 */
final class CloudInvocations {
  /** The path prefix of the Bedrock routes, the base URL's path for Claude Code. */
  static final String BEDROCK = "/bedrock";

  /** The path prefix of the Vertex routes, the base URL's path for Claude Code with {@code /v1}. */
  static final String VERTEX = "/vertex";

  private static final String BETA = "anthropic-beta";
  private static final String COUNT_TOKENS = "count-tokens";

  private static final Inbound BEDROCK_INVOKE = messages(false, BedrockAnswers.INSTANCE);
  private static final Inbound BEDROCK_STREAM = messages(true, BedrockAnswers.INSTANCE);
  private static final Inbound VERTEX_PREDICT = messages(false, AnswerFormat.NATIVE);
  private static final Inbound VERTEX_STREAM = messages(true, AnswerFormat.NATIVE);
  private static final Inbound BEDROCK_COUNT_TOKENS =
      new Inbound(
          Dialect.ANTHROPIC_COUNT_TOKENS,
          (ctx, arrived) ->
              unwrapped(
                  BedrockTokenCounts.invocation(arrived.body()),
                  arrived,
                  Set.of("max_tokens", "stream"),
                  Map.of("model", model(ctx))),
          BedrockTokenCounts.INSTANCE);
  private static final Inbound VERTEX_COUNT_TOKENS =
      new Inbound(
          Dialect.ANTHROPIC_COUNT_TOKENS,
          (ctx, arrived) -> unwrapped(arrived.body(), arrived, Set.of(), Map.of()),
          AnswerFormat.NATIVE);

  private CloudInvocations() {}

  /**
   * Registers the routes.
   *
   * @param routes where to register them
   * @param proxy serves one request on a route
   */
  static void register(RoutesConfig routes, BiConsumer<Context, Inbound> proxy) {
    routes.post(BEDROCK + "/model/{model}/invoke", ctx -> proxy.accept(ctx, BEDROCK_INVOKE));
    routes.post(
        BEDROCK + "/model/{model}/invoke-with-response-stream",
        ctx -> proxy.accept(ctx, BEDROCK_STREAM));
    routes.post(
        BEDROCK + "/model/{model}/count-tokens", ctx -> proxy.accept(ctx, BEDROCK_COUNT_TOKENS));
    for (String prefix : List.of(VERTEX + "/v1", VERTEX)) {
      routes.post(
          prefix + "/projects/{project}/locations/{location}/publishers/anthropic/models/{call}",
          ctx -> proxy.accept(ctx, vertexCall(ctx.pathParam("call"))));
    }
  }

  /** A Messages route for the model the path names, streaming or not by endpoint. */
  private static Inbound messages(boolean stream, AnswerFormat answers) {
    return new Inbound(
        Dialect.ANTHROPIC_MESSAGES,
        (ctx, arrived) -> unwrapped(arrived.body(), arrived, Set.of(), modelAndStream(ctx, stream)),
        answers);
  }

  /**
   * Returns the route of a Vertex call, {@code {model}:rawPredict}, {@code
   * {model}:streamRawPredict} or {@code count-tokens:rawPredict}; another method is refused.
   */
  private static Inbound vertexCall(String call) {
    if (call.equals(COUNT_TOKENS + ":rawPredict")) {
      return VERTEX_COUNT_TOKENS;
    }
    if (call.endsWith(":rawPredict")) {
      return VERTEX_PREDICT;
    }
    if (call.endsWith(":streamRawPredict")) {
      return VERTEX_STREAM;
    }
    return new Inbound(
        Dialect.ANTHROPIC_MESSAGES,
        (ctx, arrived) -> {
          throw new InvalidRequestException(
              null, "the method must be rawPredict, streamRawPredict or count-tokens:rawPredict");
        },
        AnswerFormat.NATIVE);
  }

  /** Returns the fields the path gives: the model, and whether to stream. */
  private static Map<String, Object> modelAndStream(Context ctx, boolean stream) {
    Map<String, Object> added = new LinkedHashMap<>();
    added.put("model", model(ctx));
    added.put("stream", stream);
    return added;
  }

  /** Returns the model the path names: Bedrock's {@code {model}}, or Vertex's before its method. */
  private static String model(Context ctx) {
    if (ctx.pathParamMap().containsKey("model")) {
      return ctx.pathParam("model");
    }
    String call = ctx.pathParam("call");
    return call.substring(0, call.lastIndexOf(':'));
  }

  /**
   * Returns the routed request: the Messages body an invocation's body wraps, its beta flags in the
   * header (see {@link InvocationBody#unwrap}).
   */
  private static RouteRequest unwrapped(
      byte[] invocation, RouteRequest arrived, Set<String> dropped, Map<String, Object> added) {
    InvocationBody.Unwrapped unwrapped = InvocationBody.unwrap(invocation, dropped, added);
    Map<String, List<String>> headers = new TreeMap<>(arrived.headers());
    Set<String> betas = new LinkedHashSet<>();
    for (String header : arrived.headers().getOrDefault(BETA, List.of())) {
      for (String beta : header.split(",")) {
        if (!beta.isBlank()) {
          betas.add(beta.strip());
        }
      }
    }
    betas.addAll(unwrapped.betas());
    if (!betas.isEmpty()) {
      headers.put(BETA, List.of(String.join(",", betas)));
    }
    return new RouteRequest(arrived.dialect(), unwrapped.body(), headers, arrived.cancellation());
  }
}
