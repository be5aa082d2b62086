package dev.codevector.internal.upstream.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.Clock;
import dev.codevector.internal.Json;
import dev.codevector.internal.translate.TranslationContext;
import dev.codevector.internal.translate.Translations;
import dev.codevector.internal.upstream.http.ConvertedResponse;
import dev.codevector.internal.upstream.http.JsonPost;
import dev.codevector.internal.upstream.http.ReleasableBody;
import dev.codevector.internal.upstream.http.UpstreamTimeouts;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderKind;
import dev.codevector.routing.InvalidRequestException;
import dev.codevector.spi.Dialects;
import dev.codevector.spi.Upstream;
import dev.codevector.spi.UpstreamRequest;
import dev.codevector.spi.UpstreamResponse;
import dev.codevector.vault.Secret;
import dev.codevector.wire.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Amazon Bedrock's runtime API at {@code https://bedrock-runtime.<region>.amazonaws.com}, or at the
 * Provider's {@code endpoint}, the model id percent-encoded in the path (inference profiles and
 * ARNs included). Each call carries {@code Authorization: Bearer <apiKey>} when the Provider has a
 * Bedrock API key, else an AWS SigV4 signature (service {@code bedrock}) of its access keys.
 *
 * <p>What the adapter presents depends on the model:
 *
 * <ul>
 *   <li>Claude ({@code anthropic.} in the id): Anthropic Messages, through {@code InvokeModel}
 *       ({@code /model/<id>/invoke} and {@code /invoke-with-response-stream}) with the body of
 *       {@link BedrockMessagesBody}. The answer is Anthropic's JSON as it is, or its stream decoded
 *       from AWS event-stream frames by {@link BedrockMessagesEvents}. Bedrock counts no tokens, so
 *       {@code count_tokens} is answered by the router.
 *   <li>Embedding models ({@code embed} in the id): OpenAI embeddings, see {@link
 *       BedrockEmbeddings}.
 *   <li>Every other model: OpenAI Chat Completions, through Converse ({@code /model/<id>/converse}
 *       and {@code /converse-stream}). The Chat request is translated as for an Anthropic upstream
 *       and mapped by {@link BedrockConverseRequest}; answers come back through {@link
 *       BedrockConverseAnswer} and streams through {@link BedrockConverseEvents}.
 * </ul>
 *
 * <p>Bedrock's HTTP errors keep their status and get the presented dialect's error body ({@link
 * BedrockErrors}); a request that cannot be expressed for the model is answered with a 400 without
 * calling Bedrock.
 */
public final class BedrockUpstream implements Upstream {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

  private final OkHttpClient http;
  private final UpstreamTimeouts timeouts;
  private final HttpUrl endpoint;
  private final BedrockSigner signer;
  private final Clock clock;

  /**
   * Creates the adapter of one Amazon Bedrock Provider.
   *
   * @param provider the Provider, with its configuration
   * @param http the shared HTTP client
   * @param clock the source of time
   */
  public BedrockUpstream(Provider provider, OkHttpClient http, Clock clock) {
    this.timeouts = UpstreamTimeouts.of(provider);
    this.http = timeouts.apply(http);
    String region = provider.configValue("region").orElseThrow();
    this.endpoint =
        JsonPost.baseUrl(
            provider
                .configValue("endpoint")
                .orElse("https://bedrock-runtime." + region + ".amazonaws.com"));
    this.signer = new BedrockSigner("bedrock", region, clock);
    this.clock = clock;
  }

  @Override
  public Dialects dialects(String model) {
    return Dialects.of(
        !isClaude(model) && model.contains("embed")
            ? Dialect.OPENAI_EMBEDDINGS
            : Dialect.ANTHROPIC_MESSAGES);
  }

  private static boolean isClaude(String model) {
    return model.contains("anthropic.");
  }

  @Override
  public UpstreamResponse call(UpstreamRequest request) throws IOException {
    try {
      switch (request.dialect()) {
        case ANTHROPIC_MESSAGES:
          return isClaude(request.model()) ? invoke(request) : converse(request);
        case OPENAI_EMBEDDINGS:
          return BedrockEmbeddings.answer(
              request.model(),
              Json.MAPPER.readTree(request.body()),
              body -> post(request, "invoke", body, false));
        default:
          throw new IllegalArgumentException("Bedrock takes no " + request.dialect() + " requests");
      }
    } catch (InvalidRequestException e) {
      return ConvertedResponse.refused(request.dialect(), e);
    }
  }

  private UpstreamResponse invoke(UpstreamRequest request) throws IOException {
    byte[] body = BedrockMessagesBody.of(request.body(), betas(request));
    String action = request.stream() ? "invoke-with-response-stream" : "invoke";
    UpstreamResponse answer = post(request, action, body, request.stream());
    if (!isSuccess(answer)) {
      return BedrockErrors.converted(answer, Dialect.ANTHROPIC_MESSAGES);
    }
    return request.stream()
        ? ConvertedResponse.of(
            answer.status(),
            new BedrockEventStreamBody(answer.body(), new BedrockMessagesEvents()),
            answer)
        : answer;
  }

  /**
   * Calls a model other than Claude through Converse, which maps onto Anthropic Messages block by
   * block: the request is put in regular shape first, whatever the client sent, and the answer and
   * its stream come back as Anthropic Messages.
   */
  private UpstreamResponse converse(UpstreamRequest request) throws IOException {
    ObjectNode messages =
        Translations.normalize(
            Dialect.ANTHROPIC_MESSAGES,
            (ObjectNode) Json.MAPPER.readTree(request.body()),
            new TranslationContext(
                request.model(), request.model(), ProviderKind.BEDROCK, OptionalInt.empty()));
    ObjectNode converse = BedrockConverseRequest.of(messages);
    String action = request.stream() ? "converse-stream" : "converse";
    UpstreamResponse answer =
        post(request, action, Json.MAPPER.writeValueAsBytes(converse), request.stream());
    if (!isSuccess(answer)) {
      return BedrockErrors.converted(answer, Dialect.ANTHROPIC_MESSAGES);
    }
    if (request.stream()) {
      return ConvertedResponse.of(
          answer.status(),
          new BedrockEventStreamBody(answer.body(), new BedrockConverseEvents(request.model())),
          answer);
    }
    JsonNode converseAnswer;
    try (answer;
        InputStream in = answer.body()) {
      // A tree of bounded size, however long the answer: a chat answer holds few JSON tokens.
      converseAnswer = Json.TREE_MAPPER.readTree(in);
    }
    ObjectNode message = BedrockConverseAnswer.message(converseAnswer, request.model());
    return ConvertedResponse.local(answer.status(), Json.MAPPER.writeValueAsBytes(message));
  }

  /** Posts a body to {@code /model/<id>/<action>} and returns once the headers arrived. */
  private UpstreamResponse post(
      UpstreamRequest request, String action, byte[] body, boolean eventStream) throws IOException {
    HttpUrl url =
        endpoint
            .newBuilder()
            .addPathSegment("model")
            .addEncodedPathSegment(pathSegment(request.model()))
            .addPathSegment(action)
            .build();
    Headers.Builder headers =
        new Headers.Builder()
            .add("Content-Type", JSON.toString())
            .add("Accept", eventStream ? EVENT_STREAM : JSON.toString());
    headers.addAll(authorization(url, headers.build(), body, request.credentials()));
    Request.Builder post = new Request.Builder().url(url).headers(headers.build());
    return ReleasableBody.post(http, post, body, JSON, request.cancellation(), timeouts.idle);
  }

  /**
   * Returns the Bedrock API key as a bearer token when the Provider has one, else the SigV4
   * signature of its access keys.
   */
  private Headers authorization(
      HttpUrl url, Headers headers, byte[] body, Map<String, Secret> credentials) {
    Secret apiKey = credentials.get("apiKey");
    if (apiKey != null) {
      return Headers.of("Authorization", "Bearer " + apiKey.reveal());
    }
    BedrockSigner.Keys keys =
        new BedrockSigner.Keys(
            credentials.get("accessKeyId"),
            credentials.get("secretAccessKey"),
            Optional.ofNullable(credentials.get("sessionToken")));
    return signer.sign("POST", url, headers, body, keys);
  }

  /**
   * Returns a model id as one path segment, encoded as AWS encodes it: every byte but the
   * unreserved characters {@code A-Z a-z 0-9 - _ . ~} as {@code %XX}, so the {@code :} of a version
   * and the {@code /} of an ARN are escaped.
   */
  private static String pathSegment(String model) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : model.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        encoded.append(c);
      } else {
        encoded.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return encoded.toString();
  }

  /** Returns the client's {@code anthropic-beta} flags, in order, each once. */
  private static List<String> betas(UpstreamRequest request) {
    Set<String> betas = new LinkedHashSet<>();
    for (String header : request.headers().getOrDefault("anthropic-beta", List.of())) {
      for (String flag : header.split(",")) {
        if (!flag.isBlank()) {
          betas.add(flag.strip());
        }
      }
    }
    return new ArrayList<>(betas);
  }

  private static boolean isSuccess(UpstreamResponse answer) {
    return answer.status() >= 200 && answer.status() < 300;
  }
}
