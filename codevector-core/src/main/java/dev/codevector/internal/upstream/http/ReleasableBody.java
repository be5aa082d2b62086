package dev.codevector.internal.upstream.http;

import dev.codevector.routing.Cancellation;
import dev.codevector.spi.UpstreamResponse;
import java.io.IOException;
import java.time.Duration;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * A request body of bytes that is let go once the upstream's response headers have arrived. OkHttp
 * keeps a call's request, and so its body, for as long as the response is open, which for a stream
 * may be minutes; by then the body can no longer be sent again, as a retry or a redirect.
 */
public final class ReleasableBody extends RequestBody {
  private final MediaType type;
  private final long length;
  private volatile byte[] bytes;

  private ReleasableBody(byte[] bytes, MediaType type) {
    this.type = type;
    this.length = bytes.length;
    this.bytes = bytes;
  }

  /**
   * Posts {@code bytes} and returns once the response headers arrived, with the body let go. Until
   * the response is closed, {@code cancellation} cancels the call.
   *
   * @param http the client
   * @param request the request, all but its body
   * @param bytes the body
   * @param type the body's media type
   * @param cancellation cancels the call when given
   * @param idle how long each read of the response body may wait
   * @return the response
   * @throws IOException if the upstream could not be reached, or the call was cancelled
   */
  public static UpstreamResponse post(
      OkHttpClient http,
      Request.Builder request,
      byte[] bytes,
      MediaType type,
      Cancellation cancellation,
      Duration idle)
      throws IOException {
    ReleasableBody body = new ReleasableBody(bytes, type);
    Call call = http.newCall(request.post(body).build());
    Cancellation.Registration registration = cancellation.onCancel(call::cancel);
    try {
      return new OkHttpUpstreamResponse(call.execute(), idle, registration);
    } catch (IOException | RuntimeException e) {
      registration.close();
      throw e;
    } finally {
      body.bytes = null;
    }
  }

  @Override
  public MediaType contentType() {
    return type;
  }

  @Override
  public long contentLength() {
    return length;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    byte[] current = bytes;
    if (current == null) {
      throw new IOException("the request body was already sent and released");
    }
    sink.write(current);
  }
}
