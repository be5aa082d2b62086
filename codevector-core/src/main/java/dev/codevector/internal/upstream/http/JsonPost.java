package dev.codevector.internal.upstream.http;

import dev.codevector.registry.Provider;
import dev.codevector.spi.UpstreamRequest;
import dev.codevector.spi.UpstreamResponse;
import java.io.IOException;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Posts JSON bodies to one Provider's upstream, through the shared client with the Provider's
 * timeouts, and returns once the response headers arrived.
 */
public final class JsonPost {
  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient http;
  private final UpstreamTimeouts timeouts;

  /**
   * Creates the poster of one Provider.
   *
   * @param provider the Provider, whose configuration gives the timeouts
   * @param shared the shared HTTP client, whose connection pool and threads it uses
   */
  public JsonPost(Provider provider, OkHttpClient shared) {
    this.timeouts = UpstreamTimeouts.of(provider);
    this.http = timeouts.apply(shared);
  }

  /**
   * Posts a request's body and returns once the response headers arrived; the body is read
   * afterwards.
   *
   * @param url where to post
   * @param headers the headers to send, credentials included
   * @param request the request, whose cancellation cancels the call
   * @return the response, whatever its status; the caller closes it
   * @throws IOException if the upstream could not be reached or did not answer in time
   */
  public UpstreamResponse send(HttpUrl url, Headers headers, UpstreamRequest request)
      throws IOException {
    return send(url, headers, request, request.body());
  }

  /**
   * Posts a body converted for the upstream in place of a request's own and returns once the
   * response headers arrived; the body is read afterwards.
   *
   * @param url where to post
   * @param headers the headers to send, credentials included
   * @param request the request, whose cancellation cancels the call and whose stream flag sets what
   *     is accepted
   * @param body the JSON to post
   * @return the response, whatever its status; the caller closes it
   * @throws IOException if the upstream could not be reached or did not answer in time
   */
  public UpstreamResponse send(HttpUrl url, Headers headers, UpstreamRequest request, byte[] body)
      throws IOException {
    Request.Builder post =
        new Request.Builder()
            .url(url)
            .headers(headers)
            .header("accept", request.stream() ? "text/event-stream" : "application/json");
    return ReleasableBody.post(http, post, body, JSON, request.cancellation(), timeouts.idle);
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
