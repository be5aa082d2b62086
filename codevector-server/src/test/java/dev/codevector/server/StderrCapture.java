package dev.codevector.server;

import java.io.PrintStream;

/**
 * Collects what is written to standard error, where the server logs, until closed; everything still
 * reaches the standard error it replaced, and so the suite's secret scan.
 */
final class StderrCapture implements AutoCloseable {
  private final PrintStream replaced = System.err;
  private final OutputCapture capture = new OutputCapture();
  private final StringBuilder collected = new StringBuilder();

  private StderrCapture() {
    System.setErr(capture.tee(replaced));
  }

  /** Starts collecting. */
  static StderrCapture start() {
    return new StderrCapture();
  }

  /** What was written so far. */
  synchronized String text() {
    return collected.append(capture.drain()).toString();
  }

  @Override
  public void close() {
    System.setErr(replaced);
  }
}
