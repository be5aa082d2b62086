package dev.codevector.internal.upstream.cohere;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.Clock;
import dev.codevector.internal.Json;
import dev.codevector.internal.upstream.http.ConvertedResponse;
import dev.codevector.internal.upstream.http.JsonPost;
import dev.codevector.registry.Provider;
import dev.codevector.routing.InvalidRequestException;
import dev.codevector.spi.Dialects;
import dev.codevector.spi.Upstream;
import dev.codevector.spi.UpstreamRequest;
import dev.codevector.spi.UpstreamResponse;
import dev.codevector.wire.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Cohere's v2 API, {@code POST <base URL>/v2/chat} and {@code /v2/embed} with {@code Authorization:
 * Bearer <apiKey>}, presented as OpenAI Chat for chat models and OpenAI Embeddings for embedding
 * models: requests are converted to Cohere's shape on the way out, answers (bodies, streams and
 * errors) to OpenAI's on the way back. Which dialect a model takes is read off its id: Cohere's
 * embedding models are named {@code embed-…}, everything else chats.
 *
 * <p>A request Cohere cannot honour ({@code n > 1}, audio, tools other than functions) is answered
 * with a 400 without calling Cohere. A chat answer that Cohere finished with {@code ERROR} or
 * {@code TIMEOUT} is a 500 or 504, so the router fails over. See {@link CohereChatRequest}, {@link
 * CohereChatAnswer}, {@link CohereChatChunks}, {@link CohereEmbeddings} and {@link CohereErrors}
 * for the mappings.
 */
public final class CohereUpstream implements Upstream {

  private final JsonPost post;
  private final HttpUrl chatUrl;
  private final HttpUrl embedUrl;
  private final Clock clock;
  private final int maxEvent;

  /**
   * Creates the adapter of one Cohere Provider.
   *
   * @param provider the Provider, with its configuration
   * @param http the shared HTTP client
   * @param clock the source of time
   * @param maxEvent the most bytes one stream event may take
   */
  public CohereUpstream(Provider provider, OkHttpClient http, Clock clock, int maxEvent) {
    this.post = new JsonPost(provider, http);
    HttpUrl baseUrl = JsonPost.baseUrl(provider.configValue("baseUrl").orElseThrow());
    this.chatUrl = JsonPost.resolve(baseUrl, "/v2/chat");
    this.embedUrl = JsonPost.resolve(baseUrl, "/v2/embed");
    this.clock = clock;
    this.maxEvent = maxEvent;
  }

  @Override
  public Dialects dialects(String model) {
    return Dialects.of(isEmbedding(model) ? Dialect.OPENAI_EMBEDDINGS : Dialect.OPENAI_CHAT);
  }

  private static boolean isEmbedding(String model) {
    return model.startsWith("embed-");
  }

  @Override
  public UpstreamResponse call(UpstreamRequest request) throws IOException {
    boolean embeddings = request.dialect() == Dialect.OPENAI_EMBEDDINGS;
    JsonNode client = Json.MAPPER.readTree(request.body());
    JsonNode converted;
    try {
      converted =
          embeddings
              ? CohereEmbeddings.request(client, request.model())
              : CohereChatRequest.convert(client, request.model());
    } catch (InvalidRequestException e) {
      return ConvertedResponse.refused(request.dialect(), e);
    }
    UpstreamResponse cohere = post(request, embeddings ? embedUrl : chatUrl, converted);
    if (cohere.status() / 100 != 2) {
      return CohereErrors.convert(cohere, request.dialect());
    }
    long created = clock.instant().getEpochSecond();
    if (request.stream() && !embeddings) {
      boolean includeUsage = client.path("stream_options").path("include_usage").asBoolean(false);
      CohereChatChunks chunks = new CohereChatChunks(request.model(), created, includeUsage);
      return ConvertedResponse.of(
          cohere.status(), new CohereChatStream(cohere.body(), chunks, maxEvent), cohere);
    }
    // A chat answer's tree is bounded, as it holds few JSON tokens; embeddings may hold many.
    Optional<JsonNode> answer = readJson(cohere, embeddings ? Json.MAPPER : Json.TREE_MAPPER);
    if (answer.isEmpty()) {
      return CohereErrors.failure(
          cohere, request.dialect(), 502, "Cohere answered with a body that is not JSON");
    }
    if (embeddings) {
      boolean base64 = CohereEmbeddings.wantsBase64(client);
      return ConvertedResponse.of(
          200, encode(CohereEmbeddings.answer(answer.get(), request.model(), base64)), cohere);
    }
    Optional<CohereChatAnswer.Failure> failure =
        CohereChatAnswer.failure(answer.get().path("finish_reason").asText(""), "");
    if (failure.isPresent()) {
      return CohereErrors.failure(
          cohere, request.dialect(), failure.get().status(), failure.get().message());
    }
    return ConvertedResponse.of(
        200, encode(CohereChatAnswer.convert(answer.get(), request.model(), created)), cohere);
  }

  /** Posts the converted request with the Provider's key; returns once the headers arrived. */
  private UpstreamResponse post(UpstreamRequest request, HttpUrl url, JsonNode converted)
      throws IOException {
    Headers headers =
        new Headers.Builder()
            .add("Authorization", "Bearer " + request.credentials().get("apiKey").reveal())
            .build();
    return post.send(url, headers, request, encode(converted));
  }

  /** Reads and closes a whole answer; empty when it is not a JSON object. */
  private static Optional<JsonNode> readJson(UpstreamResponse cohere, ObjectMapper mapper)
      throws IOException {
    try (cohere;
        InputStream body = cohere.body()) {
      return Optional.of(mapper.readTree(body)).filter(JsonNode::isObject);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static byte[] encode(JsonNode node) {
    try {
      return Json.MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}
