package dev.codevector.internal.upstream;

import dev.codevector.spi.UpstreamResponse;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;

/** An {@link UpstreamResponse} over an OkHttp response. */
final class OkHttpUpstreamResponse implements UpstreamResponse {
  private final Response response;

  /**
   * Wraps a response whose headers arrived; reads of its body from now on wait at most {@code idle}
   * each.
   */
  OkHttpUpstreamResponse(Response response, Duration idle) {
    this.response = response;
    response.body().source().timeout().timeout(idle.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public int status() {
    return response.code();
  }

  @Override
  public Optional<String> header(String name) {
    return Optional.ofNullable(response.header(name));
  }

  @Override
  public InputStream body() {
    return response.body().byteStream();
  }

  @Override
  public void close() {
    response.close();
  }
}
