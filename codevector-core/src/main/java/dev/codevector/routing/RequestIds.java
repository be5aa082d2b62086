package dev.codevector.routing;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes request ids that sort by time: {@code req_}, the epoch millisecond in 12 hex digits, then
 * 80 random bits in 20 hex digits. Ids made later sort later, so the usage table's index on them
 * grows at its end instead of being rewritten all over; the random part keeps ids made in the same
 * millisecond apart. Ids are not secrets, so a fast random source does.
 */
final class RequestIds {
  private static final String PREFIX = "req_";

  private RequestIds() {}

  /**
   * Returns a new request id.
   *
   * @param time the request's arrival
   * @return the id, {@code req_} and 32 hex digits
   */
  static String next(Instant time) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder id = new StringBuilder(PREFIX.length() + 32).append(PREFIX);
    appendHex(id, time.toEpochMilli(), 12);
    appendHex(id, random.nextLong() & 0xFFFF_FFFFL, 8);
    appendHex(id, random.nextLong() & 0xFFFF_FFFF_FFFFL, 12);
    return id.toString();
  }

  private static void appendHex(StringBuilder id, long value, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      id.append(Character.forDigit((int) (value >>> shift) & 0xF, 16));
    }
  }
}
