package dev.codevector.benchmarks;

import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderKind;
import dev.codevector.spi.Dialects;
import dev.codevector.spi.Upstream;
import dev.codevector.spi.UpstreamFactory;
import dev.codevector.spi.UpstreamRequest;
import dev.codevector.spi.UpstreamResponse;
import dev.codevector.wire.Dialect;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Upstreams that answer from memory: OpenAI-compatible Providers speak OpenAI Chat, Anthropic
 * Providers speak Anthropic Messages. Each answer is the canned body for the request's dialect and
 * stream flag.
 */
final class MemoryUpstreams implements UpstreamFactory {
  private final Map<String, byte[]> answers;

  /**
   * Creates the factory.
   *
   * @param answers canned bodies keyed by {@code <dialect>/<stream|json>}
   */
  MemoryUpstreams(Map<String, byte[]> answers) {
    this.answers = Map.copyOf(answers);
  }

  static String key(Dialect dialect, boolean stream) {
    return dialect + "/" + (stream ? "stream" : "json");
  }

  @Override
  public Set<ProviderKind> kinds() {
    return Set.of(ProviderKind.OPENAI_COMPATIBLE, ProviderKind.ANTHROPIC);
  }

  @Override
  public Upstream create(Provider provider) {
    Dialect dialect =
        provider.kind() == ProviderKind.ANTHROPIC
            ? Dialect.ANTHROPIC_MESSAGES
            : Dialect.OPENAI_CHAT;
    return new Upstream() {
      @Override
      public Dialects dialects(String model) {
        return Dialects.of(dialect);
      }

      @Override
      public UpstreamResponse call(UpstreamRequest request) {
        byte[] body = answers.get(key(request.dialect(), request.stream()));
        return new UpstreamResponse() {
          private final InputStream in = new ByteArrayInputStream(body);

          @Override
          public int status() {
            return 200;
          }

          @Override
          public Optional<String> header(String name) {
            return Optional.empty();
          }

          @Override
          public InputStream body() {
            return in;
          }

          @Override
          public void close() {}
        };
      }
    };
  }
}
