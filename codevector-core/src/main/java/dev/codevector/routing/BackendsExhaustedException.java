package dev.codevector.routing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown when every Backend of a route was tried and each failed in a way that called for failover.
 * Each attempt's cause is added as a suppressed exception. The server answers with the last
 * upstream error status, or 502 when no upstream answered with one.
 */
public final class BackendsExhaustedException extends RoutingException {
  private static final long serialVersionUID = 1L;

  private final transient List<Attempt> attempts;
  private final transient Optional<Duration> retryAfter;

  /**
   * Creates an exception.
   *
   * @param model the Model's slug
   * @param attempts every attempt, in order; at least one
   * @param retryAfter how long until a Backend of the Model may serve again, if known
   */
  public BackendsExhaustedException(
      String model, List<Attempt> attempts, Optional<Duration> retryAfter) {
    super(
        model,
        "all "
            + attempts.size()
            + " backends of model '"
            + model
            + "' failed; last: "
            + attempts
                .get(attempts.size() - 1)
                .error()
                .orElse("status " + attempts.get(attempts.size() - 1).status()));
    this.attempts = List.copyOf(attempts);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /**
   * Returns every attempt, in order.
   *
   * @return the attempts
   */
  public List<Attempt> attempts() {
    return attempts;
  }

  /**
   * Returns the HTTP status the client should get: the last upstream's error status, or 502 when no
   * upstream answered with one (it could not be reached, or it redirected) or when it refused the
   * gateway's own credential or account (401, 402, 403), which the client's key has no part in.
   *
   * @return the status
   */
  public int status() {
    int last = attempts.get(attempts.size() - 1).status();
    return last >= 400 && (last < 401 || last > 403) ? last : 502;
  }

  /**
   * Returns whether the same request may succeed later: some attempt failed in a way that passes,
   * such as a timeout, an unreachable upstream, a rate limit or a server error. Not when every
   * upstream refused the gateway's credential or redirected, which only an operator can mend.
   *
   * @return whether a retry may help
   */
  public boolean isRetryable() {
    return attempts.stream()
        .mapToInt(Attempt::status)
        .anyMatch(s -> s == 0 || s == 408 || s == 409 || s == 429 || s >= 500);
  }

  /**
   * Returns how long until a Backend of the Model may serve again: the shortest cooldown left of
   * its Backends' circuits, at least one second. Empty when some Backend may be tried at once.
   *
   * @return the time, or empty
   */
  public Optional<Duration> retryAfter() {
    return retryAfter;
  }
}
