package dev.codevector.internal.upstream.http;

import dev.codevector.routing.Cancellation;
import dev.codevector.spi.UpstreamResponse;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;

/** An {@link UpstreamResponse} over an OkHttp response. */
final class OkHttpUpstreamResponse implements UpstreamResponse {
  private final Response response;
  private final Cancellation.Registration cancellation;

  /**
   * Wraps a response whose headers arrived; reads of its body from now on wait at most {@code idle}
   * each. Closing it also closes {@code cancellation}, the registration that cancels its call.
   */
  OkHttpUpstreamResponse(Response response, Duration idle, Cancellation.Registration cancellation) {
    this.response = response;
    this.cancellation = cancellation;
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
    cancellation.close();
    response.close();
  }
}
