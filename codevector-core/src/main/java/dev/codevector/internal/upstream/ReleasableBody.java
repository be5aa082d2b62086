package dev.codevector.internal.upstream;

import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * A request body of bytes that is let go once the upstream's response headers have arrived. OkHttp
 * keeps a call's request, and so its body, for as long as the response is open, which for a stream
 * may be minutes; by then the body can no longer be sent again, as a retry or a redirect.
 */
final class ReleasableBody extends RequestBody {
  private final MediaType type;
  private final long length;
  private volatile byte[] bytes;

  private ReleasableBody(byte[] bytes, MediaType type) {
    this.type = type;
    this.length = bytes.length;
    this.bytes = bytes;
  }

  /**
   * Posts {@code bytes} and returns once the response headers arrived, with the body let go.
   *
   * @param http the client
   * @param request the request, all but its body
   * @param bytes the body
   * @param type the body's media type
   * @return the response
   * @throws IOException if the upstream could not be reached
   */
  static Response post(OkHttpClient http, Request.Builder request, byte[] bytes, MediaType type)
      throws IOException {
    ReleasableBody body = new ReleasableBody(bytes, type);
    try {
      return http.newCall(request.post(body).build()).execute();
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
