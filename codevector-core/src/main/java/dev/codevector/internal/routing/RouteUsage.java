package dev.codevector.internal.routing;

import dev.codevector.Clock;
import dev.codevector.limits.LimitExceededException;
import dev.codevector.limits.LimitsUnavailableException;
import dev.codevector.registry.Pricing;
import dev.codevector.routing.Attempt;
import dev.codevector.routing.BackendsExhaustedException;
import dev.codevector.routing.ClientSession;
import dev.codevector.routing.ContextLengthExceededException;
import dev.codevector.routing.NoActiveBackendException;
import dev.codevector.routing.RequestOrigin;
import dev.codevector.routing.RouteCancelledException;
import dev.codevector.routing.RouteRequest;
import dev.codevector.routing.Timings;
import dev.codevector.routing.Usage;
import dev.codevector.usage.AttemptSummary;
import dev.codevector.usage.UsageRecord;
import dev.codevector.wire.Dialect;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One routed request's timings and its usage record: the record is written once, when the answer is
 * closed, or when the route ends without an answer that the client is told about (every Backend
 * failed or none could serve, a limit refused it, its caller cancelled it). Token counts are never
 * recorded; neither are requests refused before a Model was found, or as invalid.
 *
 * <p>The session recorded is the one the request's headers name, else its body's; see {@link
 * ClientSession}.
 */
final class RouteUsage {
  /**
   * The status of a request whose client closed it before its end, as nginx logs it; a cancelled
   * attempt carries it too.
   */
  static final int CLIENT_CLOSED = 499;

  /**
   * The status recorded for a stream that began but ended with an error event, although the client
   * had 200: the upstream failed it, as a 502 would say.
   */
  private static final int BROKEN_STREAM = 502;

  private static final Pricing FREE = Pricing.of(BigDecimal.ZERO, BigDecimal.ZERO);

  private final RouteRequest request;
  private final Consumer<UsageRecord> recorder;
  private final Clock clock;
  private final Instant started;
  private final long start;
  private Optional<String> bodySession = Optional.empty();
  private long answered;
  private long firstEvent;
  private long closed;

  /** Starts the timings of a request that is being routed now. */
  RouteUsage(RouteRequest request, Consumer<UsageRecord> recorder, Clock clock) {
    this.request = request;
    this.recorder = recorder;
    this.clock = clock;
    this.started = clock.instant();
    this.start = clock.nanoTime();
  }

  /** Notes the session the request's body names, once its body was read. */
  void bodySession(Optional<String> session) {
    bodySession = session;
  }

  /** The session the request's body names, as the client sent it. */
  Optional<String> bodySession() {
    return bodySession;
  }

  /** Notes the commit point: the router is about to return its answer. */
  void answered() {
    answered = clock.nanoTime();
  }

  /** Notes that the caller had a stream's first event; only the first call counts. */
  void firstEvent() {
    if (firstEvent == 0) {
      firstEvent = clock.nanoTime();
    }
  }

  Timings timings() {
    return new Timings(
        started,
        since(answered == 0 ? clock.nanoTime() : answered),
        firstEvent == 0 ? Optional.empty() : Optional.of(since(firstEvent)),
        closed == 0 ? Optional.empty() : Optional.of(since(closed)));
  }

  /** Records an answer that was closed: read to its end, or left by its caller. */
  void closed(RoutedResponse response, Optional<Pricing> pricing) {
    closed = clock.nanoTime();
    int status =
        request.cancellation().isCancelled()
            ? CLIENT_CLOSED
            : response.breakage().isPresent() ? BROKEN_STREAM : response.status();
    record(
        response.model().slug(),
        response.attempts(),
        status,
        response.usage(),
        pricing.orElse(FREE));
  }

  /**
   * Records a route that ended without an answer, when its caller is told: every Backend failed or
   * none could serve, a limit refused it or could not be checked, its caller cancelled it, or no
   * window holds it. Other failures are the request's own and are not recorded.
   *
   * @param model the Model's slug
   * @param failure what ended the route
   */
  void failed(String model, Throwable failure) {
    if (failure instanceof RouteCancelledException e) {
      ended(model, e.attempts(), CLIENT_CLOSED);
    } else if (failure instanceof BackendsExhaustedException e) {
      ended(model, e.attempts(), e.status());
    } else if (failure instanceof ContextLengthExceededException e) {
      ended(model, e.attempts(), 400);
    } else if (failure instanceof NoActiveBackendException
        || failure instanceof LimitsUnavailableException) {
      ended(model, List.of(), 503);
    } else if (failure instanceof LimitExceededException) {
      ended(model, List.of(), 429);
    }
  }

  private void ended(String model, List<Attempt> attempts, int status) {
    closed = clock.nanoTime();
    record(model, attempts, status, Usage.NONE, FREE);
  }

  private void record(
      String model, List<Attempt> attempts, int status, Usage usage, Pricing pricing) {
    if (request.dialect() == Dialect.ANTHROPIC_COUNT_TOKENS) {
      return;
    }
    RequestOrigin origin = request.origin();
    Optional<Attempt> last =
        attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.get(attempts.size() - 1));
    recorder.accept(
        new UsageRecord(
            origin.requestId(),
            started,
            origin.user(),
            origin.key(),
            model,
            last.map(Attempt::providerId),
            last.map(Attempt::upstreamModel),
            attempts.stream().map(AttemptSummary::of).toList(),
            status,
            usage.inputTokens(),
            usage.cachedInputTokens(),
            usage.cacheWriteTokens(),
            usage.outputTokens(),
            pricing,
            UsageRecord.cost(usage, pricing),
            since(closed),
            firstEvent == 0 ? Optional.empty() : Optional.of(since(firstEvent)),
            origin.client(),
            session()));
  }

  private Optional<String> session() {
    Optional<String> header = ClientSession.fromHeaders(request.headers());
    return header.isPresent() ? header : bodySession.flatMap(ClientSession::clean);
  }

  private Duration since(long nanos) {
    return Duration.ofNanos(nanos - start);
  }
}
