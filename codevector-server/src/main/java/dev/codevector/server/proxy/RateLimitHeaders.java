package dev.codevector.server.proxy;

import dev.codevector.limits.Allowance;
import dev.codevector.limits.Room;
import dev.codevector.wire.Dialect;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Tells a client the room its per-minute limits leave, in the headers its dialect's own API sends:
 * to OpenAI clients {@code x-ratelimit-limit-requests}, {@code x-ratelimit-remaining-requests} and
 * {@code x-ratelimit-reset-requests} (the time until the window ends, such as {@code 12ms}, {@code
 * 1.5s} or {@code 6m0s}), and the same for {@code tokens}; to Anthropic clients {@code
 * anthropic-ratelimit-requests-limit}, {@code -remaining} and {@code -reset} (when the window ends,
 * in RFC 3339), and the same for {@code tokens}. A cap no limit set gets no headers.
 */
final class RateLimitHeaders {
  private RateLimitHeaders() {}

  /**
   * Adds the headers of a room to an answer not yet begun.
   *
   * @param ctx the answer
   * @param dialect the client's dialect
   * @param room the room the limits left
   * @param now the time, for the OpenAI clients' time until each window ends
   */
  static void write(Context ctx, Dialect dialect, Room room, Instant now) {
    write(ctx, dialect, "requests", room.requests(), now);
    write(ctx, dialect, "tokens", room.tokens(), now);
  }

  private static void write(
      Context ctx, Dialect dialect, String what, Optional<Allowance> allowance, Instant now) {
    if (allowance.isEmpty()) {
      return;
    }
    Allowance room = allowance.get();
    if (dialect.isAnthropic()) {
      String prefix = "anthropic-ratelimit-" + what;
      ctx.header(prefix + "-limit", Long.toString(room.limit()));
      ctx.header(prefix + "-remaining", Long.toString(room.remaining()));
      ctx.header(prefix + "-reset", room.resetsAt().truncatedTo(ChronoUnit.SECONDS).toString());
    } else {
      ctx.header("x-ratelimit-limit-" + what, Long.toString(room.limit()));
      ctx.header("x-ratelimit-remaining-" + what, Long.toString(room.remaining()));
      ctx.header("x-ratelimit-reset-" + what, duration(Duration.between(now, room.resetsAt())));
    }
  }

  /**
   * Writes a duration as OpenAI's rate-limit headers do: milliseconds under a second, otherwise
   * hours, minutes and seconds with the units below the largest always shown, to the millisecond.
   *
   * @param duration the duration; negative counts as zero
   * @return such as {@code 0ms}, {@code 250ms}, {@code 1s}, {@code 59.5s} or {@code 6m0s}
   */
  static String duration(Duration duration) {
    long millis = Math.max(0, duration.toMillis());
    if (millis < 1000) {
      return millis + "ms";
    }
    long hours = millis / 3_600_000;
    long minutes = millis / 60_000 % 60;
    String seconds =
        BigDecimal.valueOf(millis % 60_000, 3).stripTrailingZeros().toPlainString() + "s";
    if (hours > 0) {
      return hours + "h" + minutes + "m" + seconds;
    }
    return minutes > 0 ? minutes + "m" + seconds : seconds;
  }
}
