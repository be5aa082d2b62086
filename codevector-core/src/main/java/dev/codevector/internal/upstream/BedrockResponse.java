package dev.codevector.internal.upstream;

import dev.codevector.spi.UpstreamResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Optional;

/**
 * An answer in the dialect the Bedrock adapter presents: Bedrock's answer with its body converted
 * as it is read, or an answer the adapter made itself. Closing it closes Bedrock's answer.
 */
final class BedrockResponse implements UpstreamResponse {
  private final int status;
  private final Optional<UpstreamResponse> upstream;
  private final InputStream body;

  private BedrockResponse(int status, Optional<UpstreamResponse> upstream, InputStream body) {
    this.status = status;
    this.upstream = upstream;
    this.body = body;
  }

  /** Bedrock's answer, with its status and headers, and a converted body. */
  static BedrockResponse converted(UpstreamResponse upstream, InputStream body) {
    return new BedrockResponse(upstream.status(), Optional.of(upstream), body);
  }

  /** An answer made by the adapter, such as an embeddings list or a refused request. */
  static BedrockResponse of(int status, byte[] body) {
    return new BedrockResponse(status, Optional.empty(), new ByteArrayInputStream(body));
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public Optional<String> header(String name) {
    return upstream.flatMap(response -> response.header(name));
  }

  @Override
  public InputStream body() {
    return body;
  }

  @Override
  public void close() {
    upstream.ifPresent(UpstreamResponse::close);
  }
}
