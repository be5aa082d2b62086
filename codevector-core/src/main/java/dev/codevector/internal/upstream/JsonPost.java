package dev.codevector.internal.upstream;

import dev.codevector.spi.UpstreamRequest;
import dev.codevector.spi.UpstreamResponse;
import java.io.IOException;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/** Posts a JSON body to an upstream and returns once the response headers arrived. */
final class JsonPost {
  private static final MediaType JSON = MediaType.get("application/json");

  private JsonPost() {}

  static UpstreamResponse send(
      OkHttpClient http,
      UpstreamTimeouts timeouts,
      HttpUrl url,
      Headers headers,
      UpstreamRequest request)
      throws IOException {
    Request.Builder post =
        new Request.Builder()
            .url(url)
            .headers(headers)
            .header("accept", request.stream() ? "text/event-stream" : "application/json");
    return ReleasableBody.post(
        http, post, request.body(), JSON, request.cancellation(), timeouts.idle);
  }

  /** Parses a base URL from a Provider's configuration; its form was checked when it was set. */
  static HttpUrl baseUrl(String value) {
    return HttpUrl.get(value);
  }

  /** Appends a dialect's path, such as {@code /chat/completions}, to a base URL. */
  static HttpUrl resolve(HttpUrl base, String path) {
    HttpUrl.Builder url = base.newBuilder();
    for (String segment : path.substring(1).split("/")) {
      url.addPathSegment(segment);
    }
    return url.build();
  }
}
