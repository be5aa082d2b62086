package dev.codevector.benchmarks.load;

import java.util.Optional;

/**
 * How the mock upstream answers one path. Options come as {@code /name/value} segment pairs before
 * the API's own path, so that a Provider's base URL selects them: {@code /ttfb/20/v1} waits 20 ms
 * before the first byte; {@code /chunks/8/pace/5/v1} streams 8 text events 5 ms apart.
 *
 * @param messages whether the path is Anthropic's {@code /v1/messages} rather than OpenAI's {@code
 *     /v1/chat/completions}
 * @param firstByteMillis the wait before the first byte of the answer
 * @param chunks how many text events a streamed answer carries
 * @param paceMillis the wait between two text events
 */
record MockRoute(boolean messages, long firstByteMillis, int chunks, long paceMillis) {

  /**
   * Parses a request path.
   *
   * @param path the path, such as {@code /ttfb/20/v1/chat/completions}
   * @return the route, or empty when the path is not one the mock serves
   */
  static Optional<MockRoute> parse(String path) {
    String[] segments = path.substring(1).split("/");
    long firstByte = 0;
    int chunks = 8;
    long pace = 0;
    int i = 0;
    while (i + 1 < segments.length && !segments[i].equals("v1")) {
      long value;
      try {
        value = Long.parseLong(segments[i + 1]);
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      switch (segments[i]) {
        case "ttfb" -> firstByte = value;
        case "chunks" -> chunks = (int) value;
        case "pace" -> pace = value;
        default -> {
          return Optional.empty();
        }
      }
      i += 2;
    }
    String api = String.join("/", java.util.Arrays.copyOfRange(segments, i, segments.length));
    return switch (api) {
      case "v1/chat/completions" -> Optional.of(new MockRoute(false, firstByte, chunks, pace));
      case "v1/messages" -> Optional.of(new MockRoute(true, firstByte, chunks, pace));
      default -> Optional.empty();
    };
  }
}
