package dev.codevector.internal.upstream.anthropic;

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
 * Anthropic's API: {@code POST <base URL>/v1/messages} and {@code /v1/messages/count_tokens} with
 * {@code x-api-key}, the client's {@code anthropic-version} (or {@code 2023-06-01}) and its {@code
 * anthropic-beta} flags.
 */
public final class AnthropicUpstream implements Upstream {
  static final String DEFAULT_VERSION = "2023-06-01";

  private final JsonPost post;
  private final HttpUrl baseUrl;

  /**
   * Creates the adapter of one Anthropic Provider.
   *
   * @param provider the Provider, with its configuration
   * @param http the shared HTTP client
   */
  public AnthropicUpstream(Provider provider, OkHttpClient http) {
    this.post = new JsonPost(provider, http);
    this.baseUrl = JsonPost.baseUrl(provider.configValue("baseUrl").orElseThrow());
  }

  @Override
  public Dialects dialects(String model) {
    return Dialects.of(Dialect.ANTHROPIC_MESSAGES, Dialect.ANTHROPIC_COUNT_TOKENS);
  }

  @Override
  public UpstreamResponse call(UpstreamRequest request) throws IOException {
    Headers.Builder headers =
        new Headers.Builder()
            .add("x-api-key", request.credentials().get("apiKey").reveal())
            .add("anthropic-version", request.header("anthropic-version").orElse(DEFAULT_VERSION));
    request.header("anthropic-beta").ifPresent(betas -> headers.add("anthropic-beta", betas));
    return post.send(JsonPost.resolve(baseUrl, request.dialect().path()), headers.build(), request);
  }
}
