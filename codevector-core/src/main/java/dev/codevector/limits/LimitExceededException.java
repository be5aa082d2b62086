package dev.codevector.limits;

import dev.codevector.CodeVectorException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Thrown when a request is refused because a {@link Limit} that applies to it has no room; nothing
 * was reserved and no upstream was called. The message names the limit, the cap and when there is
 * room again.
 */
public final class LimitExceededException extends CodeVectorException {
  private static final long serialVersionUID = 1L;

  private final transient Limit limit;

  /** The cap that has no room. */
  private final Cap cap;

  /** When the cap's window or period ends. */
  private final Instant resetsAt;

  private final transient Duration retryAfter;

  /**
   * Creates an exception for a limit without room.
   *
   * @param limit the limit
   * @param model the slug of the requested Model, which the message names
   * @param cap the cap that has no room
   * @param resetsAt when the cap's window ends
   * @param retryAfter how long until then
   */
  public LimitExceededException(
      Limit limit, String model, Cap cap, Instant resetsAt, Duration retryAfter) {
    super(message(limit, model, cap, resetsAt));
    this.limit = limit;
    this.cap = cap;
    this.resetsAt = resetsAt;
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  private static String message(Limit limit, String model, Cap cap, Instant resetsAt) {
    String what =
        switch (cap) {
          case REQUESTS_PER_MINUTE ->
              limit.spec().requestsPerMinute().getAsLong() + " requests per minute";
          case TOKENS_PER_MINUTE ->
              limit.spec().tokensPerMinute().getAsLong() + " tokens per minute";
          case BUDGET -> {
            Budget budget = limit.spec().budget().orElseThrow();
            yield "a budget of "
                + budget.amount().toPlainString()
                + " USD a "
                + budget.period().id();
          }
        };
    return "limit '"
        + limit.id()
        + "' on "
        + limit.scope()
        + (limit.model().isPresent() ? " for model '" + model + "'" : " for every model")
        + " allows "
        + what
        + " and has no room for this request; room again at "
        + resetsAt;
  }

  /**
   * Returns the limit that refused the request.
   *
   * @return the limit
   */
  public Limit limit() {
    return limit;
  }

  /**
   * Returns the cap that has no room.
   *
   * @return the cap
   */
  public Cap cap() {
    return cap;
  }

  /**
   * Returns when the cap's window ends.
   *
   * @return the end of the window
   */
  public Instant resetsAt() {
    return resetsAt;
  }

  /**
   * Returns how long until the cap's window ends, from when the request was refused.
   *
   * @return the wait; not negative
   */
  public Duration retryAfter() {
    return retryAfter;
  }
}
