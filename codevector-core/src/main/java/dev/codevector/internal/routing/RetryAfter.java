package dev.codevector.internal.routing;

import dev.codevector.spi.UpstreamResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads how long an upstream asks to back off: {@code retry-after-ms} (OpenAI, Azure), which wins,
 * or {@code retry-after} in seconds. An HTTP-date {@code retry-after} is ignored.
 */
final class RetryAfter {
  private static final Duration MAX = Duration.ofMinutes(10);

  private RetryAfter() {}

  static Optional<Duration> of(UpstreamResponse response) {
    Optional<Duration> millis = response.header("retry-after-ms").flatMap(v -> parse(v, 1));
    return millis.isPresent()
        ? millis
        : response.header("retry-after").flatMap(v -> parse(v, 1000));
  }

  private static Optional<Duration> parse(String value, long unitMillis) {
    try {
      double amount = Double.parseDouble(value.trim());
      if (amount < 0 || Double.isNaN(amount)) {
        return Optional.empty();
      }
      Duration duration = Duration.ofMillis((long) (amount * unitMillis));
      return Optional.of(duration.compareTo(MAX) > 0 ? MAX : duration);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
