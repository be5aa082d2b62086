package dev.codevector.internal.routing;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.Locale;

/**
 * Names what went wrong when an upstream could not be heard, telling its timeouts apart: connect,
 * first byte (the wait for the answer's head), idle (a silence within the answer) and total. A
 * timeout is recorded as status 504, the gateway's verdict, since no upstream status says it.
 */
final class UpstreamFaults {
  /** The status an attempt that timed out records. */
  static final int TIMED_OUT = 504;

  private UpstreamFaults() {}

  /** Whether the failure is one of the upstream's timeouts running out. */
  static boolean isTimeout(IOException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return e instanceof InterruptedIOException
        && (message.contains("timeout") || message.contains("timed out"));
  }

  /**
   * Describes a failure to hear the upstream.
   *
   * @param e the failure
   * @param answering whether the upstream had begun its answer (its head arrived)
   * @return which timeout ran out, or the failure's kind and message
   */
  static String describe(IOException e, boolean answering) {
    if (!isTimeout(e)) {
      return FailoverRouter.describe(e);
    }
    if (!(e instanceof SocketTimeoutException)) {
      return "the upstream took longer than its total timeout";
    }
    if (answering) {
      return "the upstream fell silent for longer than its idle timeout";
    }
    return String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect")
        ? "the upstream could not be connected to within its connect timeout"
        : "the upstream sent no answer within its first-byte timeout";
  }
}
