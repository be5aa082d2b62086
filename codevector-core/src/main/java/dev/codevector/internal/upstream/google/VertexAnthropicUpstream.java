package dev.codevector.internal.upstream.google;

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
 * Anthropic's Claude models on Google Cloud Vertex AI: {@code
 * …/publishers/anthropic/models/<model>:rawPredict} (or {@code :streamRawPredict} when the body
 * asks for a stream) and {@code …/publishers/anthropic/models/count-tokens:rawPredict}, at the
 * Provider's {@link VertexLocation}, with a service account's OAuth2 access token and the client's
 * {@code anthropic-beta} header. The body is the client's, rewritten by {@link
 * VertexAnthropicBody}; answers are Anthropic's own JSON and events and pass through, except errors
 * in Google's shape (quota, routing), which are rewritten into Anthropic's.
 */
public final class VertexAnthropicUpstream implements Upstream {
  private final VertexLocation location;
  private final GoogleAccessTokens tokens;
  private final JsonPost post;

  /**
   * Creates the adapter of one Vertex AI Provider serving Claude.
   *
   * @param provider the Provider, with its configuration
   * @param http the shared HTTP client
   * @param tokens the source of Google access tokens
   */
  public VertexAnthropicUpstream(Provider provider, OkHttpClient http, GoogleAccessTokens tokens) {
    this.location = new VertexLocation(provider);
    this.tokens = tokens;
    this.post = new JsonPost(provider, http);
  }

  @Override
  public Dialects dialects(String model) {
    return Dialects.of(Dialect.ANTHROPIC_MESSAGES, Dialect.ANTHROPIC_COUNT_TOKENS);
  }

  @Override
  public UpstreamResponse call(UpstreamRequest request) throws IOException {
    boolean counting = request.dialect() == Dialect.ANTHROPIC_COUNT_TOKENS;
    HttpUrl url =
        counting
            ? location.model("anthropic", "count-tokens", "rawPredict")
            : location.model(
                "anthropic", request.model(), request.stream() ? "streamRawPredict" : "rawPredict");
    Headers.Builder headers = VertexAuth.headers(tokens, request).newBuilder();
    request.header("anthropic-beta").ifPresent(betas -> headers.add("anthropic-beta", betas));
    UpstreamResponse upstream =
        post.send(
            url, headers.build(), request, VertexAnthropicBody.rewrite(request.body(), counting));
    return upstream.status() >= 300 ? GoogleErrors.answer(request.dialect(), upstream) : upstream;
  }
}
