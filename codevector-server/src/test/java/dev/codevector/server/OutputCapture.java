package dev.codevector.server;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Keeps a copy of what is written through the streams it tees and the {@code java.util.logging}
 * records its handler receives, until {@link #drain()} takes it. Thread-safe.
 */
final class OutputCapture {
  private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
  private final Handler handler = new CopyingHandler();

  /**
   * Returns a stream that writes to {@code original} and keeps a copy.
   *
   * @param original where the writes go on to
   * @return the tee, in the original's charset
   */
  PrintStream tee(PrintStream original) {
    OutputStream both =
        new OutputStream() {
          @Override
          public void write(int b) {
            original.write(b);
            record(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] bytes, int off, int len) {
            original.write(bytes, off, len);
            record(bytes, off, len);
          }

          @Override
          public void flush() {
            original.flush();
          }
        };
    return new PrintStream(both, true, original.charset());
  }

  /** A handler to add to a logger, which keeps each record it receives as its formatted text. */
  Handler handler() {
    return handler;
  }

  /** Returns what was written since the last drain, and forgets it. */
  synchronized String drain() {
    String text = copy.toString(StandardCharsets.UTF_8);
    copy.reset();
    return text;
  }

  private synchronized void record(byte[] bytes, int off, int len) {
    copy.write(bytes, off, len);
  }

  private final class CopyingHandler extends Handler {
    private final SimpleFormatter formatter = new SimpleFormatter();

    @Override
    public void publish(LogRecord record) {
      byte[] text = formatter.format(record).getBytes(StandardCharsets.UTF_8);
      record(text, 0, text.length);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
