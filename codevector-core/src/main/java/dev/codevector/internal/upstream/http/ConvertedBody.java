package dev.codevector.internal.upstream.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A stream body converted as it is read: whenever the bytes converted so far have been read, the
 * next piece of the upstream's stream is read and converted into the presented dialect. Nothing is
 * read ahead, so each event reaches the router as soon as the upstream sent it.
 */
public abstract class ConvertedBody extends InputStream {
  private byte[] pending = new byte[0];
  private int position;

  /**
   * Reads and converts the upstream's next piece.
   *
   * @return the converted bytes, possibly none, or null at the end of the body
   */
  protected abstract byte[] next() throws IOException;

  @Override
  public final int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public final int read(byte[] buffer, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (length == 0) {
      return 0;
    }
    while (position == pending.length) {
      byte[] more = next();
      if (more == null) {
        return -1;
      }
      pending = more;
      position = 0;
    }
    int count = Math.min(length, pending.length - position);
    System.arraycopy(pending, position, buffer, offset, count);
    position += count;
    return count;
  }

  @Override
  public final int available() {
    return pending.length - position;
  }
}
