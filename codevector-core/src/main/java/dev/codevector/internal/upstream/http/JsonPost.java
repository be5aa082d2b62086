package dev.codevector.internal.upstream.http;

import dev.codevector.spi.UpstreamRequest;
import dev.codevector.spi.UpstreamResponse;
import java.io.IOException;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/** Posts a JSON body to an upstream and returns once the response headers arrived. */
public final class JsonPost {
  private static final MediaType JSON = MediaType.get("application/json");

  private JsonPost() {}

  /**
   * Posts a request's body and returns once the response headers arrived; the body is read
   * afterwards.
   *
   * @param http the client, with the Provider's timeouts
   * @param timeouts the Provider's timeouts; the idle one bounds each read of the answer
   * @param url where to post
   * @param headers the headers to send, credentials included
   * @param request the request, whose cancellation cancels the call
   * @return the response, whatever its status; the caller closes it
   * @throws IOException if the upstream could not be reached or did not answer in time
   */
  public static UpstreamResponse send(
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
  public static HttpUrl baseUrl(String value) {
    return HttpUrl.get(value);
  }

  /** Appends a dialect's path, such as {@code /chat/completions}, to a base URL. */
  public static HttpUrl resolve(HttpUrl base, String path) {
    HttpUrl.Builder url = base.newBuilder();
    for (String segment : path.substring(1).split("/")) {
      url.addPathSegment(segment);
    }
    return url.build();
  }
}
