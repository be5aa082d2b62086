package dev.codevector.server.admin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * Counts attempts to present a token per client address and refuses an address for a while once it
 * has made {@value #FREE_FAILURES} in a row without a right one: first for {@link #FIRST_BLOCK},
 * then twice as long after each further attempt, up to {@link #LONGEST_BLOCK}. A right token
 * forgets the address's attempts, and so does {@link #FORGET_AFTER} without one. At most a bounded
 * number of addresses is remembered, the least used being forgotten first, so a spray of addresses
 * cannot grow it.
 *
 * <p>This class is thread-safe.
 */
final class LoginThrottle {
  /** How many wrong tokens in a row an address may present before it is refused for a while. */
  static final int FREE_FAILURES = 10;

  /** How long an address is refused after its first failures. */
  static final Duration FIRST_BLOCK = Duration.ofSeconds(15);

  /** The longest an address is refused at a time. */
  static final Duration LONGEST_BLOCK = Duration.ofMinutes(15);

  /** How long an address's failures are remembered after its last one. */
  static final Duration FORGET_AFTER = Duration.ofHours(1);

  /** How many addresses are remembered at most. */
  static final int ADDRESSES = 10_000;

  /**
   * The attempts of one address since its last right token, and until when it is refused (a {@link
   * Ticker} reading).
   */
  private record Failures(int count, long refusedUntilNanos) {}

  private final Ticker ticker;
  private final Cache<String, Failures> failures;

  /** Creates a throttle on the system's clock. */
  LoginThrottle() {
    this(Ticker.systemTicker(), ADDRESSES);
  }

  /**
   * Creates a throttle.
   *
   * @param ticker the clock
   * @param addresses how many addresses are remembered at most
   */
  LoginThrottle(Ticker ticker, int addresses) {
    this.ticker = ticker;
    this.failures =
        Caffeine.newBuilder()
            .ticker(ticker)
            .expireAfterWrite(FORGET_AFTER)
            .maximumSize(addresses)
            .executor(Runnable::run)
            .build();
  }

  /**
   * What an attempt to present a token got.
   *
   * @param inARow the attempts the address has made since its last right token, this one included
   * @param refusedFor how much longer the address must wait; zero if this attempt may go on
   */
  record Attempt(int inARow, Duration refusedFor) {
    /** Returns whether the attempt is refused, the token not to be checked. */
    boolean isRefused() {
      return !refusedFor.isZero();
    }
  }

  /**
   * Counts an attempt to present a token, before the token is checked, so that concurrent attempts
   * cannot all slip in before the first of them failed. The attempt that reaches {@value
   * #FREE_FAILURES} in a row still goes on, and refuses the ones after it for a while; {@link
   * #succeeded} undoes the count when the token turns out right.
   *
   * @param address the client's address
   * @return the attempt's count, or how long the address must still wait
   */
  Attempt attempt(String address) {
    long now = ticker.read();
    Attempt[] attempt = new Attempt[1];
    failures
        .asMap()
        .compute(
            address,
            (key, known) -> {
              if (known != null && known.refusedUntilNanos() - now > 0) {
                attempt[0] =
                    new Attempt(known.count(), Duration.ofNanos(known.refusedUntilNanos() - now));
                return known;
              }
              int count = known == null ? 1 : known.count() + 1;
              attempt[0] = new Attempt(count, Duration.ZERO);
              long refusedUntil = count < FREE_FAILURES ? 0 : now + block(count).toNanos();
              return new Failures(count, refusedUntil);
            });
    return attempt[0];
  }

  /**
   * Forgets an address's attempts after it presented the right token.
   *
   * @param address the client's address
   */
  void succeeded(String address) {
    failures.invalidate(address);
  }

  /** How many addresses are remembered now, for tests. */
  long addresses() {
    failures.cleanUp();
    return failures.estimatedSize();
  }

  private static Duration block(int count) {
    int doublings = Math.min(count - FREE_FAILURES, 16);
    Duration block = FIRST_BLOCK.multipliedBy(1L << doublings);
    return block.compareTo(LONGEST_BLOCK) > 0 ? LONGEST_BLOCK : block;
  }
}
