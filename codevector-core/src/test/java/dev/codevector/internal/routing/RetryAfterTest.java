package dev.codevector.internal.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codevector.spi.UpstreamResponse;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

  private static Optional<Duration> of(Map<String, String> headers) {
    UpstreamResponse response =
        new UpstreamResponse() {
          @Override
          public int status() {
            return 503;
          }

          @Override
          public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
          }

          @Override
          public InputStream body() {
            return InputStream.nullInputStream();
          }

          @Override
          public void close() {}
        };
    return RetryAfter.of(response, NOW);
  }

  @Test
  void secondsAreRead() {
    assertEquals(Optional.of(Duration.ofMillis(2_500)), of(Map.of("retry-after", "2.5")));
  }

  @Test
  void millisecondsWin() {
    assertEquals(
        Optional.of(Duration.ofMillis(1_500)),
        of(Map.of("retry-after", "30", "retry-after-ms", "1500")));
  }

  @Test
  void anHttpDateIsTheTimeUntilThen() {
    assertEquals(
        Optional.of(Duration.ofSeconds(3)),
        of(Map.of("retry-after", "Sun, 06 Dec 2026 10:00:03 GMT")));
  }

  @Test
  void aDateInThePastIsNoTime() {
    assertEquals(
        Optional.of(Duration.ZERO), of(Map.of("retry-after", "Sun, 06 Dec 2026 09:00:00 GMT")));
  }

  @Test
  void everyFormIsAtMostTenMinutes() {
    Duration max = Duration.ofMinutes(10);
    assertEquals(Optional.of(max), of(Map.of("retry-after", "86400")));
    assertEquals(Optional.of(max), of(Map.of("retry-after-ms", "86400000")));
    assertEquals(Optional.of(max), of(Map.of("retry-after", "Mon, 07 Dec 2026 10:00:00 GMT")));
  }

  @Test
  void anythingElseIsIgnored() {
    assertEquals(Optional.empty(), of(Map.of("retry-after", "soon")));
    assertEquals(Optional.empty(), of(Map.of("retry-after", "-1")));
    assertEquals(Optional.empty(), of(Map.of()));
  }
}
