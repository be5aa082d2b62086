package dev.codevector.internal.upstream.google;

import dev.codevector.Clock;
import dev.codevector.internal.upstream.http.JsonPost;
import dev.codevector.registry.Provider;
import dev.codevector.spi.Dialects;
import dev.codevector.spi.Upstream;
import dev.codevector.spi.UpstreamRequest;
import dev.codevector.spi.UpstreamResponse;
import dev.codevector.wire.Dialect;
import java.io.IOException;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Gemini models, on Google's Gemini API or on Vertex AI (an {@link Endpoint} says which): it
 * presents OpenAI Chat and Embeddings and converts on the wire ({@link GeminiChat}, {@link
 * GoogleEmbeddings}).
 */
public final class GeminiUpstream implements Upstream {
  private final Endpoint endpoint;
  private final GeminiChat chat;
  private final GoogleEmbeddings embeddings;

  /** Where Gemini models are served and how calls to them authenticate. */
  interface Endpoint {
    /** Returns the URL of a method of a model, such as {@code generateContent}. */
    HttpUrl url(String model, String method);

    /** Returns the authentication headers of one call. */
    Headers headers(UpstreamRequest request) throws IOException;

    /** Returns the embedding API of this endpoint. */
    GoogleEmbeddings.Api embeddings();
  }

  /**
   * Creates the adapter of one Gemini API or Vertex AI Provider.
   *
   * @param provider the Provider, with its configuration
   * @param http the shared HTTP client
   * @param clock the source of time
   * @param endpoint where the Provider is reached and how it authenticates: the Gemini API's or
   *     Vertex AI's
   * @param maxEvent the most bytes one stream event may take
   */
  public GeminiUpstream(
      Provider provider, OkHttpClient http, Clock clock, Endpoint endpoint, int maxEvent) {
    JsonPost post = new JsonPost(provider, http);
    this.endpoint = endpoint;
    this.chat = new GeminiChat(post, clock, maxEvent);
    this.embeddings = new GoogleEmbeddings(post);
  }

  /**
   * The Gemini API: {@code <base URL>/v1beta/models/<model>:<method>} with an {@code
   * x-goog-api-key} header.
   */
  public static Endpoint geminiApi(Provider provider) {
    HttpUrl models =
        JsonPost.baseUrl(provider.configValue("baseUrl").orElseThrow())
            .newBuilder()
            .addPathSegment("v1beta")
            .addPathSegment("models")
            .build();
    return new Endpoint() {
      @Override
      public HttpUrl url(String model, String method) {
        return models.newBuilder().addPathSegment(model + ":" + method).build();
      }

      @Override
      public Headers headers(UpstreamRequest request) {
        return Headers.of("x-goog-api-key", request.credentials().get("apiKey").reveal());
      }

      @Override
      public GoogleEmbeddings.Api embeddings() {
        return new GeminiEmbeddings();
      }
    };
  }

  /**
   * Vertex AI: {@code …/publishers/google/models/<model>:<method>} at the Provider's {@link
   * VertexLocation}, with a service account's access token; embeddings through {@code predict}.
   */
  public static Endpoint vertex(Provider provider, GoogleAccessTokens tokens) {
    VertexLocation location = new VertexLocation(provider);
    return new Endpoint() {
      @Override
      public HttpUrl url(String model, String method) {
        return location.model("google", model, method);
      }

      @Override
      public Headers headers(UpstreamRequest request) throws IOException {
        return VertexAuth.headers(tokens, request);
      }

      @Override
      public GoogleEmbeddings.Api embeddings() {
        return new VertexEmbeddings();
      }
    };
  }

  @Override
  public Dialects dialects(String model) {
    return Dialects.of(Dialect.OPENAI_CHAT, Dialect.OPENAI_EMBEDDINGS);
  }

  @Override
  public UpstreamResponse call(UpstreamRequest request) throws IOException {
    Headers headers = endpoint.headers(request);
    return request.dialect() == Dialect.OPENAI_EMBEDDINGS
        ? embeddings.call(
            request,
            endpoint.embeddings(),
            method -> endpoint.url(request.model(), method),
            headers)
        : chat.call(request, method -> endpoint.url(request.model(), method), headers);
  }
}
