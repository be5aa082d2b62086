package dev.codevector.internal.upstream.google;

import dev.codevector.internal.upstream.http.JsonPost;
import dev.codevector.internal.upstream.http.UpstreamTimeouts;
import dev.codevector.spi.UpstreamRequest;
import dev.codevector.spi.UpstreamResponse;
import java.io.IOException;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Posts a body converted for a Google API in place of a request's own, through a Provider's client
 * and timeouts, and returns once the answer's headers arrived.
 */
final class GooglePost {
  private final OkHttpClient http;
  private final UpstreamTimeouts timeouts;

  GooglePost(OkHttpClient shared, UpstreamTimeouts timeouts) {
    this.http = timeouts.apply(shared);
    this.timeouts = timeouts;
  }

  UpstreamResponse send(UpstreamRequest request, HttpUrl url, Headers headers, byte[] body)
      throws IOException {
    UpstreamRequest converted =
        new UpstreamRequest(
            request.dialect(),
            request.model(),
            body,
            request.stream(),
            Map.of(),
            Map.of(),
            request.cancellation());
    return JsonPost.send(http, timeouts, url, headers, converted);
  }
}
