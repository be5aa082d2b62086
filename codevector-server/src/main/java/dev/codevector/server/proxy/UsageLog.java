package dev.codevector.server.proxy;

import dev.codevector.CodeVector;
import dev.codevector.access.Caller;
import dev.codevector.registry.Pricing;
import dev.codevector.registry.ProviderModel;
import dev.codevector.routing.Attempt;
import dev.codevector.routing.BackendsExhaustedException;
import dev.codevector.routing.ClientSession;
import dev.codevector.routing.ContextLengthExceededException;
import dev.codevector.routing.NoActiveBackendException;
import dev.codevector.routing.RouteCancelledException;
import dev.codevector.routing.RouteResponse;
import dev.codevector.routing.Usage;
import dev.codevector.server.internal.RequestIds;
import dev.codevector.usage.AttemptSummary;
import dev.codevector.usage.Client;
import dev.codevector.usage.UsageRecord;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns each proxied request into one usage record, handed to the recorder, which writes it off the
 * request path. The cost uses the prices of the Provider Model that answered, stored with the
 * record.
 *
 * <p>A request whose client left before its end is recorded with status {@value #CLIENT_CLOSED}, as
 * nginx logs it: a stream with the tokens it used until then, a request cancelled before its answer
 * with none.
 */
final class UsageLog {
  /** The status of a request whose client closed it before its end. */
  static final int CLIENT_CLOSED = 499;

  /** The status of a request for which no Backend could be tried. */
  static final int UNAVAILABLE = 503;

  private static final Pricing FREE = Pricing.of(BigDecimal.ZERO, BigDecimal.ZERO);

  /**
   * The status recorded for a stream that began but ended with an error event, although the client
   * had 200: the upstream failed it, as a 502 would say.
   */
  private static final int BROKEN_STREAM = 502;

  private final CodeVector codeVector;

  UsageLog(CodeVector codeVector) {
    this.codeVector = codeVector;
  }

  /**
   * One request's identity, client and timing. Not thread-safe; confined to the request's thread.
   */
  static final class Request {
    private final Instant time = Instant.now();
    private final String id = RequestIds.next(time);
    private final long start = System.nanoTime();
    private final Client client;
    private Optional<String> sessionId;
    private long firstToken;

    private Request(Client client, Optional<String> sessionId) {
      this.client = client;
      this.sessionId = sessionId;
    }

    String id() {
      return id;
    }

    /**
     * Takes the session the request's body named, cleaned as header values are, unless a header
     * named one already.
     */
    void bodySession(Optional<String> session) {
      if (sessionId.isEmpty()) {
        sessionId = session.flatMap(ClientSession::clean);
      }
    }

    void firstToken() {
      if (firstToken == 0) {
        firstToken = System.nanoTime();
      }
    }

    Duration latency() {
      return Duration.ofNanos(System.nanoTime() - start);
    }

    Optional<Duration> timeToFirstToken() {
      return firstToken == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(firstToken - start));
    }
  }

  /**
   * Starts a request's record.
   *
   * @param client the program that sent the request
   * @param sessionId the client's session, if it told one
   */
  Request start(Client client, Optional<String> sessionId) {
    return new Request(client, sessionId);
  }

  /**
   * Records an answer read to its end, or to where its client left.
   *
   * @param clientLeft whether the client left before the end, which gives the record status {@value
   *     #CLIENT_CLOSED} instead of the answer's
   */
  void completed(Request request, Caller caller, RouteResponse response, boolean clientLeft) {
    request.bodySession(response.clientSession());
    Attempt last = response.attempts().get(response.attempts().size() - 1);
    Pricing pricing =
        response
            .model()
            .backend(last.backendId())
            .flatMap(b -> codeVector.registry().findProviderModel(b.providerModelId()))
            .map(ProviderModel::pricing)
            .orElse(FREE);
    record(
        request,
        caller,
        response.model().slug(),
        response.attempts(),
        clientLeft
            ? CLIENT_CLOSED
            : response.breakage().isPresent() ? BROKEN_STREAM : response.status(),
        response.usage(),
        pricing);
  }

  void failed(Request request, Caller caller, BackendsExhaustedException e) {
    record(request, caller, e.model(), e.attempts(), e.status(), Usage.NONE, FREE);
  }

  /**
   * Records a request for which no Backend could be tried, every one cooling down or none active,
   * with the {@value #UNAVAILABLE} its client gets and nothing used.
   */
  void unavailable(Request request, Caller caller, NoActiveBackendException e) {
    refused(request, caller, e.model(), UNAVAILABLE);
  }

  /**
   * Records a request no Backend's context window holds, with the 400 its client got, nothing used,
   * and the calls whose upstreams refused it as too long.
   */
  void tooLong(Request request, Caller caller, ContextLengthExceededException e) {
    record(request, caller, e.model(), e.attempts(), 400, Usage.NONE, FREE);
  }

  /**
   * Records a request refused before any upstream was called, by a limit ({@value
   * LimitRefusal#STATUS}) or because its limits could not be checked ({@value #UNAVAILABLE}), with
   * the status its client got and nothing used.
   */
  void refused(Request request, Caller caller, String model, int status) {
    record(request, caller, model, List.of(), status, Usage.NONE, FREE);
  }

  void cancelled(Request request, Caller caller, RouteCancelledException e) {
    record(request, caller, e.model(), e.attempts(), CLIENT_CLOSED, Usage.NONE, FREE);
  }

  private void record(
      Request request,
      Caller caller,
      String model,
      List<Attempt> attempts,
      int status,
      Usage usage,
      Pricing pricing) {
    Optional<Attempt> last =
        attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.get(attempts.size() - 1));
    codeVector
        .usage()
        .record(
            new UsageRecord(
                request.id(),
                request.time,
                Optional.of(caller.userId()),
                Optional.of(caller.keyId()),
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
                request.latency(),
                request.timeToFirstToken(),
                request.client,
                request.sessionId));
  }
}
