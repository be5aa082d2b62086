package dev.codevector.internal.upstream.http;

import dev.codevector.internal.ByteSizes;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Fails the reading of an upstream's whole answer, or of a token endpoint's, once it passes a
 * number of bytes, counted after decompression: the adapters that convert an answer read it whole,
 * and nothing an upstream sends may grow memory without bound. Event streams pass unbounded in
 * total, since a long stream is healthy; their events are bounded one by one where they are read.
 */
public final class AnswerLimit implements Interceptor {
  private final long max;

  /**
   * Creates the interceptor.
   *
   * @param max the most bytes an answer may take, counted after decompression
   */
  public AnswerLimit(long max) {
    this.max = max;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    ResponseBody body = response.body();
    if (isEventStream(body.contentType())) {
      return response;
    }
    return response.newBuilder().body(new LimitedBody(body, max)).build();
  }

  private static boolean isEventStream(MediaType type) {
    return type != null
        && (type.subtype().equals("event-stream")
            || type.subtype().equals("vnd.amazon.eventstream"));
  }

  /** A body whose reads fail past the limit. */
  private static final class LimitedBody extends ResponseBody {
    private final ResponseBody body;
    private final BufferedSource source;

    LimitedBody(ResponseBody body, long max) {
      this.body = body;
      this.source =
          Okio.buffer(
              new ForwardingSource(body.source()) {
                private long read;

                @Override
                public long read(Buffer sink, long byteCount) throws IOException {
                  long count = super.read(sink, byteCount);
                  if (count > 0 && (read += count) > max) {
                    throw new IOException(
                        "the upstream answer is larger than " + ByteSizes.of(max));
                  }
                  return count;
                }
              });
    }

    @Override
    public MediaType contentType() {
      return body.contentType();
    }

    @Override
    public long contentLength() {
      return body.contentLength();
    }

    @Override
    public BufferedSource source() {
      return source;
    }
  }
}
