package dev.codevector.server.proxy;

import dev.codevector.limits.Allowance;
import dev.codevector.limits.Cap;
import dev.codevector.limits.LimitExceededException;
import dev.codevector.limits.Room;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.ErrorBody;
import java.util.Optional;

/**
 * How a request a limit refused is answered: {@value #STATUS} with an error in the caller's dialect
 * that names the limit, its cap and when there is room again. Anthropic clients get a {@code
 * rate_limit_error}; OpenAI clients the code {@code rate_limit_exceeded} with the type {@code
 * requests} or {@code tokens} for a per-minute cap, and {@code insufficient_quota} as type and code
 * for a budget, as OpenAI answers its own.
 */
final class LimitRefusal {
  /** The status of a request a limit refused. */
  static final int STATUS = 429;

  private LimitRefusal() {}

  /**
   * Returns the error body of a refusal.
   *
   * @param dialect the client's dialect
   * @param refusal why the request was refused
   * @return the UTF-8 JSON body
   */
  static byte[] body(Dialect dialect, LimitExceededException refusal) {
    String message = refusal.getMessage();
    return switch (refusal.cap()) {
      case REQUESTS_PER_MINUTE ->
          ErrorBody.of(dialect, STATUS, message, null, "rate_limit_exceeded", "requests");
      case TOKENS_PER_MINUTE ->
          ErrorBody.of(dialect, STATUS, message, null, "rate_limit_exceeded", "tokens");
      case BUDGET ->
          ErrorBody.of(dialect, STATUS, message, null, "insufficient_quota", "insufficient_quota");
    };
  }

  /**
   * Returns the room a refusal leaves: none of the per-minute cap that refused, until its window
   * ends. A budget's refusal tells no per-minute room.
   *
   * @param refusal why the request was refused
   * @return the room for the rate-limit headers
   */
  static Room room(LimitExceededException refusal) {
    Cap cap = refusal.cap();
    Optional<Allowance> none =
        refusal
            .limit()
            .cap(cap)
            .filter(value -> cap != Cap.BUDGET)
            .map(value -> new Allowance(value.longValueExact(), 0, refusal.resetsAt()));
    return cap == Cap.REQUESTS_PER_MINUTE
        ? new Room(none, Optional.empty())
        : new Room(Optional.empty(), none);
  }
}
