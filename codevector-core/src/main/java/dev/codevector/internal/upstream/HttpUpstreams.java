package dev.codevector.internal.upstream;

import dev.codevector.Clock;
import dev.codevector.internal.upstream.anthropic.AnthropicUpstream;
import dev.codevector.internal.upstream.bedrock.BedrockUpstream;
import dev.codevector.internal.upstream.cohere.CohereUpstream;
import dev.codevector.internal.upstream.google.GeminiUpstream;
import dev.codevector.internal.upstream.google.GoogleAccessTokens;
import dev.codevector.internal.upstream.google.VertexAnthropicUpstream;
import dev.codevector.internal.upstream.http.AnswerLimit;
import dev.codevector.internal.upstream.http.ConnectGate;
import dev.codevector.internal.upstream.openai.AzureUpstream;
import dev.codevector.internal.upstream.openai.OpenAiUpstream;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderKind;
import dev.codevector.routing.UpstreamLimits;
import dev.codevector.spi.Dialects;
import dev.codevector.spi.Upstream;
import dev.codevector.spi.UpstreamFactory;
import dev.codevector.wire.Dialect;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import okhttp3.OkHttpClient;

/**
 * The built-in {@link UpstreamFactory}: OpenAI, the OpenAI-compatible kinds (Groq, DeepSeek,
 * Moonshot, any compatible endpoint), Anthropic, Azure OpenAI, Amazon Bedrock, Cohere, Google's
 * Gemini API and Vertex AI (Gemini and Claude models), all on one shared OkHttp client (one
 * connection pool; HTTP/2 where the upstream offers it). Vertex AI access tokens are cached across
 * the factory's upstreams. Neither upstream calls nor token fetches follow redirects, whatever the
 * given client's setting: a redirect is answered to the router as it came, an upstream failure. A
 * whole answer, what the converting adapters read before they convert it included, is read up to
 * the limit's bytes.
 */
public final class HttpUpstreams implements UpstreamFactory {
  private static final Set<ProviderKind> KINDS =
      EnumSet.of(
          ProviderKind.OPENAI,
          ProviderKind.GROQ,
          ProviderKind.DEEPSEEK,
          ProviderKind.MOONSHOT,
          ProviderKind.OPENAI_COMPATIBLE,
          ProviderKind.ANTHROPIC,
          ProviderKind.AZURE,
          ProviderKind.BEDROCK,
          ProviderKind.COHERE,
          ProviderKind.GOOGLE,
          ProviderKind.VERTEX,
          ProviderKind.VERTEX_ANTHROPIC);

  private final OkHttpClient http;
  private final Clock clock;
  private final GoogleAccessTokens googleTokens;
  private final UpstreamLimits limits;

  /**
   * Creates the factory.
   *
   * @param http the shared client every upstream calls through; its connection pool is shared, and
   *     a call to an HTTP/2 upstream waits for another call's connection in progress
   * @param clock the source of time: of signed requests (Bedrock's SigV4), access-token expiry
   *     (Vertex AI) and the answers that adapters convert and date themselves
   * @param limits how much of an answer the adapters that read streams themselves read at most
   */
  public HttpUpstreams(OkHttpClient http, Clock clock, UpstreamLimits limits) {
    Objects.requireNonNull(limits, "limits");
    OkHttpClient noRedirects =
        Objects.requireNonNull(http, "http")
            .newBuilder()
            .followRedirects(false)
            .followSslRedirects(false)
            .addInterceptor(new AnswerLimit(limits.maxAnswerBytes()))
            .build();
    this.http =
        noRedirects
            .newBuilder()
            .addInterceptor(new ConnectGate(http.connectTimeoutMillis()))
            .build();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.googleTokens = new GoogleAccessTokens(noRedirects, clock);
    this.limits = limits;
  }

  @Override
  public Set<ProviderKind> kinds() {
    return KINDS;
  }

  @Override
  public Upstream create(Provider provider) {
    switch (provider.kind()) {
      case OPENAI:
        return new OpenAiUpstream(
            provider,
            http,
            Dialects.of(Dialect.OPENAI_CHAT, Dialect.OPENAI_RESPONSES, Dialect.OPENAI_EMBEDDINGS));
      case GROQ:
      case DEEPSEEK:
      case MOONSHOT:
      case OPENAI_COMPATIBLE:
        return new OpenAiUpstream(
            provider, http, Dialects.of(Dialect.OPENAI_CHAT, Dialect.OPENAI_EMBEDDINGS));
      case ANTHROPIC:
        return new AnthropicUpstream(provider, http);
      case AZURE:
        return new AzureUpstream(provider, http);
      case BEDROCK:
        return new BedrockUpstream(provider, http, clock);
      case COHERE:
        return new CohereUpstream(provider, http, clock, limits.maxEventBytes());
      case GOOGLE:
        return new GeminiUpstream(
            provider, http, clock, GeminiUpstream.geminiApi(provider), limits.maxEventBytes());
      case VERTEX:
        return new GeminiUpstream(
            provider,
            http,
            clock,
            GeminiUpstream.vertex(provider, googleTokens),
            limits.maxEventBytes());
      case VERTEX_ANTHROPIC:
        return new VertexAnthropicUpstream(provider, http, googleTokens);
      default:
        throw new IllegalArgumentException("no HTTP upstream for kind " + provider.kind().id());
    }
  }
}
