package dev.codevector.internal;

import dev.codevector.limits.Cap;
import dev.codevector.limits.CapStatus;
import dev.codevector.limits.Counter;
import dev.codevector.limits.Limit;
import dev.codevector.limits.Tally;
import dev.codevector.limits.Window;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/** Reads where the caps of a limit stand from its counters. */
final class CapStandings {

  private CapStandings() {}

  /**
   * Returns where one cap of a limit stands in a window.
   *
   * @param limit the limit, which sets the cap
   * @param cap the cap
   * @param window the window of the cap's meter
   * @param counters the limit's counters, of any meter and window; none for the window counts as
   *     nothing used or reserved
   * @return the cap's value, what is used, reserved and left in the window, and its end
   */
  static CapStatus of(Limit limit, Cap cap, Window window, List<Counter> counters) {
    Counter counter =
        counters.stream()
            .filter(c -> c.meter() == cap.meter() && c.window().equals(window))
            .findFirst()
            .orElseGet(() -> Counter.empty(limit.id(), cap.meter(), window));
    BigDecimal value = limit.cap(cap).orElseThrow();
    BigDecimal used = measure(cap, counter.used());
    BigDecimal reserved = measure(cap, counter.reserved());
    BigDecimal remaining = value.subtract(used).subtract(reserved).max(BigDecimal.ZERO);
    return new CapStatus(cap, value, used, reserved, remaining, window.end());
  }

  /**
   * Returns the part of a tally a cap counts.
   *
   * @param cap the cap
   * @param tally the tally
   * @return its requests, tokens or spend
   */
  static BigDecimal measure(Cap cap, Tally tally) {
    return switch (cap) {
      case REQUESTS_PER_MINUTE -> BigDecimal.valueOf(tally.requests());
      case TOKENS_PER_MINUTE -> BigDecimal.valueOf(tally.tokens());
      case BUDGET -> tally.spend();
    };
  }

  /**
   * Returns the caps a limit sets, in the order requests, tokens, budget.
   *
   * @param limit the limit
   * @return the caps it sets
   */
  static List<Cap> set(Limit limit) {
    return Arrays.stream(Cap.values()).filter(cap -> limit.cap(cap).isPresent()).toList();
  }
}
