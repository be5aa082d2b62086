package dev.codevector.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a routed request took, measured from the call to {@link Router#route}. Instances are
 * immutable; a response's timings grow as it is read and closed.
 *
 * @param started when the request was routed
 * @param untilAnswer until the router returned the answer: the commit point, once an upstream
 *     answered or a stream's first event arrived, failed-over attempts included
 * @param untilFirstEvent until the caller had a stream's first event; empty for a whole body, and
 *     for a stream before its first event was read
 * @param untilClosed until the answer was closed; empty before that
 */
public record Timings(
    Instant started,
    Duration untilAnswer,
    Optional<Duration> untilFirstEvent,
    Optional<Duration> untilClosed) {

  /** Checks the fields. */
  public Timings {
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(untilAnswer, "untilAnswer");
    Objects.requireNonNull(untilFirstEvent, "untilFirstEvent");
    Objects.requireNonNull(untilClosed, "untilClosed");
  }
}
