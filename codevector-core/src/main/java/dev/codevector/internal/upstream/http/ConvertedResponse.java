package dev.codevector.internal.upstream.http;

import dev.codevector.routing.InvalidRequestException;
import dev.codevector.spi.UpstreamResponse;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.ErrorBody;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * An answer rewritten into the dialect an adapter presents (Bedrock, Cohere, Gemini): the status
 * the router should see, a converted body (whole, or a stream converted as it is read), and the
 * headers of the upstream's answer, such as {@code Retry-After}. Closing it closes the upstream's
 * answer.
 */
public final class ConvertedResponse implements UpstreamResponse {
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final int status;
  private final InputStream body;
  private final Optional<UpstreamResponse> upstream;

  private ConvertedResponse(int status, InputStream body, Optional<UpstreamResponse> upstream) {
    this.status = status;
    this.body = body;
    this.upstream = upstream;
  }

  /**
   * An answer converted from the upstream's, whose body has been read or is read by {@code body}.
   */
  public static UpstreamResponse of(int status, InputStream body, UpstreamResponse upstream) {
    return new ConvertedResponse(status, body, Optional.of(upstream));
  }

  /** A whole converted body in place of the upstream's. */
  public static UpstreamResponse of(int status, byte[] body, UpstreamResponse upstream) {
    return of(status, new ByteArrayInputStream(body), upstream);
  }

  /** An answer made without calling the upstream, such as a refusal of a request it cannot take. */
  public static UpstreamResponse local(int status, byte[] body) {
    return new ConvertedResponse(status, new ByteArrayInputStream(body), Optional.empty());
  }

  /** A 400 in the dialect's shape for a request the upstream cannot take, naming the parameter. */
  public static UpstreamResponse refused(Dialect dialect, InvalidRequestException e) {
    return local(400, ErrorBody.of(dialect, 400, e.getMessage(), e.param().orElse(null), null));
  }

  /**
   * Reads the body of an upstream's error answer, up to 64 KB, for conversion; closes the body.
   *
   * @return the bytes read, or none if the body could not be read
   */
  public static byte[] errorBody(UpstreamResponse answer) {
    try (InputStream in = answer.body()) {
      return in.readNBytes(MAX_ERROR_BODY);
    } catch (IOException e) {
      return new byte[0];
    }
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public Optional<String> header(String name) {
    return upstream.flatMap(answer -> answer.header(name));
  }

  @Override
  public InputStream body() {
    return body;
  }

  @Override
  public void close() {
    upstream.ifPresent(UpstreamResponse::close);
    try {
      body.close();
    } catch (IOException e) {
      // The upstream's answer is closed already; a converted body holds nothing else.
    }
  }
}
