package dev.codevector.internal.routing;

import dev.codevector.spi.UpstreamResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads how long an upstream asks to back off, in any of its three forms: {@code retry-after-ms}
 * (OpenAI, Azure), which wins, else {@code retry-after} in seconds or as an HTTP date. The time is
 * at most 10 minutes; a date in the past is no time.
 */
final class RetryAfter {
  private static final Duration MAX = Duration.ofMinutes(10);

  private RetryAfter() {}

  static Optional<Duration> of(UpstreamResponse response, Instant now) {
    Optional<Duration> millis = response.header("retry-after-ms").flatMap(v -> amount(v, 1));
    if (millis.isPresent()) {
      return millis;
    }
    return response
        .header("retry-after")
        .flatMap(v -> amount(v, 1000).or(() -> date(v, now)))
        .map(duration -> duration.compareTo(MAX) > 0 ? MAX : duration);
  }

  private static Optional<Duration> amount(String value, long unitMillis) {
    try {
      double amount = Double.parseDouble(value.trim());
      if (amount < 0 || Double.isNaN(amount)) {
        return Optional.empty();
      }
      return Optional.of(Duration.ofMillis((long) Math.min(amount * unitMillis, MAX.toMillis())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Duration> date(String value, Instant now) {
    try {
      Instant at =
          ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
