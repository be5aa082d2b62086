package dev.codevector.internal.upstream.openai;

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
 * Azure OpenAI's deployment API: {@code POST <resource
 * endpoint>/openai/deployments/<deployment>/chat/completions?api-version=<version>} with an {@code
 * api-key} header. The upstream model id of a Provider Model is the deployment name.
 */
public final class AzureUpstream implements Upstream {
  private final JsonPost post;
  private final HttpUrl endpoint;
  private final String apiVersion;

  /**
   * Creates the adapter of one Azure OpenAI Provider.
   *
   * @param provider the Provider, with its configuration
   * @param http the shared HTTP client
   */
  public AzureUpstream(Provider provider, OkHttpClient http) {
    this.post = new JsonPost(provider, http);
    this.endpoint = JsonPost.baseUrl(provider.configValue("baseUrl").orElseThrow());
    this.apiVersion = provider.configValue("apiVersion").orElseThrow();
  }

  @Override
  public Dialects dialects(String model) {
    return Dialects.of(Dialect.OPENAI_CHAT, Dialect.OPENAI_EMBEDDINGS);
  }

  @Override
  public UpstreamResponse call(UpstreamRequest request) throws IOException {
    HttpUrl deployment =
        endpoint
            .newBuilder()
            .addPathSegment("openai")
            .addPathSegment("deployments")
            .addPathSegment(request.model())
            .build();
    HttpUrl url =
        JsonPost.resolve(deployment, request.dialect().path())
            .newBuilder()
            .addQueryParameter("api-version", apiVersion)
            .build();
    Headers headers =
        new Headers.Builder().add("api-key", request.credentials().get("apiKey").reveal()).build();
    return post.send(url, headers, request);
  }
}
