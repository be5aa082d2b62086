package dev.codevector.internal;

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
 * the blank line that ends it has been read. Lines end with {@code \n} or {@code \r\n}. Comment
 * lines ({@code : ping}) and the {@code id} and {@code retry} fields are skipped.
 *
 * <p>What an upstream sends cannot grow memory past a bound: a line, or the data of one event,
 * longer than the reader's limit fails the read. Bytes are read through pooled buffers, which a
 * stream waiting for its next event does not hold. Not thread-safe.
 */
public final class SseReader {
  private final BufferedSource source;
  private final int maxEvent;

  /**
   * Reads events from a body.
   *
   * @param body the body; its owner closes it
   * @param maxEvent the longest line, in bytes, and the most data of one event, in characters
   */
  public SseReader(InputStream body, int maxEvent) {
    this.source = Okio.buffer(new ArrivingBytes(body));
    this.maxEvent = maxEvent;
  }

  /**
   * Returns the next event, or empty at the end of the body. An event cut off by the end of the
   * body is dropped.
   *
   * @throws IOException if the body cannot be read, or a line or an event is too long
   */
  public Optional<SseEvent> next() throws IOException {
    String name = null;
    StringBuilder data = null;
    String line;
    while ((line = readLine()) != null) {
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
        if (data.length() > maxEvent) {
          throw new IOException("the upstream sent an event larger than " + ByteSizes.of(maxEvent));
        }
      }
    }
    return Optional.empty();
  }

  /** The next line without its line break (the last may lack one), or null at the end. */
  private String readLine() throws IOException {
    long newline = source.indexOf((byte) '\n', 0, maxEvent + 1L);
    if (newline < 0) {
      if (source.request(maxEvent + 1L)) {
        throw new IOException("the upstream sent a line longer than " + ByteSizes.of(maxEvent));
      }
      return source.exhausted() ? null : source.readUtf8();
    }
    long end =
        newline > 0 && source.getBuffer().getByte(newline - 1) == '\r' ? newline - 1 : newline;
    String line = source.readUtf8(end);
    source.skip(newline + 1 - end);
    return line;
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
