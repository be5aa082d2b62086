package dev.codevector.routing;

/**
 * How much of an upstream's answer the router reads at most, so that nothing an upstream sends can
 * grow memory without bound. A whole answer longer than {@code maxAnswerBytes} once decompressed,
 * or a stream event (or one line of it) longer than {@code maxEventBytes}, is an upstream failure:
 * failed over while the client has had nothing yet, a terminal error event in the client's dialect
 * after a stream's first event.
 *
 * @param maxAnswerBytes the largest whole answer, in bytes: 64 KB to 1 GB
 * @param maxEventBytes the largest stream event, and line of one, in bytes: 64 KB to 1 GB
 */
public record UpstreamLimits(int maxAnswerBytes, int maxEventBytes) {
  private static final int SMALLEST = 64 * 1024;
  private static final int LARGEST = 1024 * 1024 * 1024;
  private static final UpstreamLimits DEFAULTS =
      new UpstreamLimits(32 * 1024 * 1024, 16 * 1024 * 1024);

  /** Checks the bounds. */
  public UpstreamLimits {
    check("maxAnswerBytes", maxAnswerBytes);
    check("maxEventBytes", maxEventBytes);
  }

  /**
   * Returns the default limits: 32 MB for a whole answer, 16 MB for a stream event.
   *
   * @return the limits
   */
  public static UpstreamLimits ofDefaults() {
    return DEFAULTS;
  }

  private static void check(String name, int value) {
    if (value < SMALLEST || value > LARGEST) {
      throw new IllegalArgumentException(name + " must be from 64 KB to 1 GB: " + value);
    }
  }
}
