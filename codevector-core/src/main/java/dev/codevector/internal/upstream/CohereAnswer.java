package dev.codevector.internal.upstream;

import dev.codevector.spi.UpstreamResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Cohere's answer as the router reads it: a status and a body already converted to the dialect the
 * adapter presents, with the headers of Cohere's own answer (such as {@code Retry-After}), or none
 * for a request the adapter refused without calling Cohere. Closing it closes Cohere's answer.
 */
final class CohereAnswer implements UpstreamResponse {
  private final Optional<UpstreamResponse> cohere;
  private final int status;
  private final InputStream body;

  private CohereAnswer(Optional<UpstreamResponse> cohere, int status, InputStream body) {
    this.cohere = cohere;
    this.status = status;
    this.body = body;
  }

  /** An answer whose body was read and converted whole. */
  static CohereAnswer converted(UpstreamResponse cohere, int status, byte[] body) {
    return new CohereAnswer(Optional.of(cohere), status, new ByteArrayInputStream(body));
  }

  /** A stream, converted as it is read. */
  static CohereAnswer streamed(UpstreamResponse cohere, InputStream body) {
    return new CohereAnswer(Optional.of(cohere), cohere.status(), body);
  }

  /** An answer made without calling Cohere. */
  static CohereAnswer local(int status, byte[] body) {
    return new CohereAnswer(Optional.empty(), status, new ByteArrayInputStream(body));
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public Optional<String> header(String name) {
    return cohere.flatMap(answer -> answer.header(name));
  }

  @Override
  public InputStream body() {
    return body;
  }

  @Override
  public void close() {
    cohere.ifPresent(UpstreamResponse::close);
    try {
      body.close();
    } catch (IOException e) {
      // Cohere's answer is closed already; the converted body holds nothing else.
    }
  }
}
