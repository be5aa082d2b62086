package dev.codevector.server;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Collects what is written to standard error, where the server logs, until closed; everything still
 * reaches the standard error it replaced.
 */
final class StderrCapture implements AutoCloseable {
  private final PrintStream replaced = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  private StderrCapture() {
    OutputStream both =
        new OutputStream() {
          @Override
          public void write(int b) {
            synchronized (captured) {
              captured.write(b);
            }
            replaced.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            synchronized (captured) {
              captured.write(b, off, len);
            }
            replaced.write(b, off, len);
          }
        };
    System.setErr(new PrintStream(both, true, StandardCharsets.UTF_8));
  }

  /** Starts collecting. */
  static StderrCapture start() {
    return new StderrCapture();
  }

  /** What was written so far. */
  String text() {
    synchronized (captured) {
      return captured.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    System.setErr(replaced);
  }
}
