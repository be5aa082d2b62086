package dev.codevector.internal.upstream.openai;

import dev.codevector.internal.upstream.http.JsonPost;
import dev.codevector.registry.Provider;
import dev.codevector.spi.Dialects;
import dev.codevector.spi.Upstream;
import dev.codevector.spi.UpstreamRequest;
import dev.codevector.spi.UpstreamResponse;
import dev.codevector.vault.Secret;
import java.io.IOException;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * OpenAI's API and APIs compatible with it (Groq, DeepSeek, Moonshot, any OpenAI-compatible
 * server): {@code POST <base URL>/chat/completions} and the like, with {@code Authorization: Bearer
 * <apiKey>} when the Provider has a key, and {@code OpenAI-Organization} / {@code OpenAI-Project}
 * when configured.
 */
public final class OpenAiUpstream implements Upstream {
  private final JsonPost post;
  private final HttpUrl baseUrl;
  private final Headers fixedHeaders;
  private final Dialects dialects;

  /**
   * Creates the adapter of one OpenAI or OpenAI-compatible Provider.
   *
   * @param provider the Provider, with its configuration
   * @param http the shared HTTP client
   * @param dialects the dialects the Provider takes as they are, Chat its native one
   */
  public OpenAiUpstream(Provider provider, OkHttpClient http, Dialects dialects) {
    this.post = new JsonPost(provider, http);
    this.baseUrl = JsonPost.baseUrl(provider.configValue("baseUrl").orElseThrow());
    Headers.Builder headers = new Headers.Builder();
    provider.configValue("organization").ifPresent(o -> headers.add("OpenAI-Organization", o));
    provider.configValue("project").ifPresent(p -> headers.add("OpenAI-Project", p));
    this.fixedHeaders = headers.build();
    this.dialects = dialects;
  }

  @Override
  public Dialects dialects(String model) {
    return dialects;
  }

  @Override
  public UpstreamResponse call(UpstreamRequest request) throws IOException {
    Headers.Builder headers = fixedHeaders.newBuilder();
    Secret apiKey = request.credentials().get("apiKey");
    if (apiKey != null) {
      headers.add("Authorization", "Bearer " + apiKey.reveal());
    }
    return post.send(JsonPost.resolve(baseUrl, request.dialect().path()), headers.build(), request);
  }
}
