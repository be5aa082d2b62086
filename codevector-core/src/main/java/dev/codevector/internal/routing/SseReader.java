package dev.codevector.internal.routing;

import dev.codevector.wire.SseEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;

/**
 * Reads server-sent events from an upstream body as they arrive: an event is returned as soon as
 * the blank line that ends it has been read. Comment lines ({@code : ping}) and the {@code id} and
 * {@code retry} fields are skipped. Not thread-safe.
 */
final class SseReader {
  private final BufferedSource lines;

  /**
   * Reads from a body through pooled buffers, which a stream waiting for its next event does not
   * hold.
   */
  SseReader(InputStream body) {
    this.lines = Okio.buffer(new ArrivingBytes(body));
  }

  /**
   * Returns the next event, or empty at the end of the body. An event cut off by the end of the
   * body is dropped.
   */
  Optional<SseEvent> next() throws IOException {
    String name = null;
    StringBuilder data = null;
    String line;
    while ((line = lines.readUtf8Line()) != null) {
      if (line.isEmpty()) {
        if (data != null) {
          return Optional.of(new SseEvent(Optional.ofNullable(name), data.toString()));
        }
        name = null;
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      if (field.equals("event")) {
        name = value;
      } else if (field.equals("data")) {
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      }
    }
    return Optional.empty();
  }

  /**
   * A source that takes a buffer segment only once bytes have arrived. Okio's own InputStream
   * source takes one before it blocks, so every stream waiting for its next event would hold 8 KB.
   */
  private static final class ArrivingBytes implements Source {
    private final InputStream body;

    ArrivingBytes(InputStream body) {
      this.body = body;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      int first = body.read();
      if (first < 0) {
        return -1;
      }
      sink.writeByte(first);
      long more = Math.min(body.available(), byteCount - 1);
      if (more > 0) {
        sink.readFrom(body, more);
      }
      return 1 + more;
    }

    @Override
    public Timeout timeout() {
      return Timeout.NONE;
    }

    @Override
    public void close() throws IOException {
      body.close();
    }
  }
}
