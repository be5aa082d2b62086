package dev.codevector.routing;

import dev.codevector.limits.Admission;
import dev.codevector.limits.Demand;
import dev.codevector.limits.LimitExceededException;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelNotFoundException;
import java.util.function.Predicate;

/**
 * Routes a request for a Model to its Backends: active ones, lowest priority number first (within a
 * priority, by weight and keeping each client session on one Backend when the Model's routing is
 * {@link dev.codevector.registry.RoutingStrategy#BALANCED balanced}; the request's session is read
 * as {@link ClientSession} says), skipping disabled Providers and Provider Models and Backends
 * whose circuit is open after repeated failures, and Backends whose context window cannot hold the
 * request's estimated input and the output it asks for at most. When the client's dialect is one
 * the upstream accepts, the request passes through losslessly: only {@code model} is rewritten and
 * Backend defaults are filled in where the client left them out. Otherwise it is translated, and so
 * is the answer, stream event by stream event.
 *
 * <p>On a failure {@link FailoverPolicy} marks for failover, the next Backend is tried, invisibly
 * to the client. The commit point is the first upstream event (or the whole body) reaching the
 * response: no failover happens after it.
 *
 * <p>Anthropic token counting ({@link dev.codevector.wire.Dialect#ANTHROPIC_COUNT_TOKENS}) goes to
 * a Backend whose upstream counts tokens itself; when none does, or none answers, it is answered
 * locally with an estimate. It is never billed (its usage is zero) and never opens or closes a
 * Backend's circuit.
 *
 * <p>A request is cancelled by giving its {@link RouteRequest#cancellation()} from any thread, for
 * instance when the client disconnects. Before the commit point the upstream call in progress is
 * cancelled at once (its connection released), no further Backend is tried, and {@code route}
 * throws {@link RouteCancelledException}; the cancelled attempt neither opens nor closes its
 * Backend's circuit. After it, the stream's upstream call is cancelled and {@link
 * RouteResponse#nextEvent()} returns empty, without a terminal event; {@link RouteResponse#usage()}
 * then holds what was used until then. An {@link dev.codevector.spi.Upstream} that does not watch
 * the cancellation finishes its call first, and its answer is dropped.
 *
 * <p>Implementations are thread-safe.
 */
public interface Router {

  /**
   * Routes one request and returns at the commit point.
   *
   * @param request the client's request
   * @return the answer; the caller closes it
   * @throws InvalidRequestException if the body is not a valid request of its dialect, or uses a
   *     feature the chosen upstream cannot express
   * @throws ModelNotFoundException if no active Model has the requested slug (unknown and inactive
   *     Models look the same, so slugs cannot be probed)
   * @throws ContextLengthExceededException if no Backend's context window holds the request
   * @throws NoActiveBackendException if the Model has no Backend that may be tried now
   * @throws BackendsExhaustedException if every Backend failed
   * @throws RouteCancelledException if the request was cancelled before the commit point
   */
  default RouteResponse route(RouteRequest request) {
    return route(request, model -> true);
  }

  /**
   * Routes one request for a caller who may use only some Models, and returns at the commit point.
   * A Model the caller may not use is answered exactly like an unknown one.
   *
   * @param request the client's request
   * @param permitted whether the caller may use a Model; called once, with the requested Model
   * @return the answer; the caller closes it
   * @throws InvalidRequestException if the body is not a valid request of its dialect, or uses a
   *     feature the chosen upstream cannot express
   * @throws ModelNotFoundException if no active Model the caller may use has the requested slug
   * @throws ContextLengthExceededException if no Backend's context window holds the request
   * @throws NoActiveBackendException if the Model has no Backend that may be tried now
   * @throws BackendsExhaustedException if every Backend failed
   * @throws RouteCancelledException if the request was cancelled before the commit point
   */
  default RouteResponse route(RouteRequest request, Predicate<Model> permitted) {
    return route(request, permitted, Admission.UNLIMITED);
  }

  /**
   * Routes one request for a caller who may use only some Models and whose requests are limited,
   * and returns at the commit point. Once the Model is known and permitted, and before any upstream
   * is called, {@code admission} is asked once with the Model and the request's {@link Demand}: the
   * estimated input tokens, the most output tokens the request allows (its own maximum, or the
   * largest maximum output among the Model's active Backends' Provider Models when it sets none),
   * and their cost at the highest prices among those Provider Models. The router ends the ticket it
   * returns on every path: settled with the tokens and cost of the answer once its usage is known
   * (when a whole answer is read, or when a stream ends or is closed), released when no Backend
   * answered, the request was invalid or cancelled before the commit point, or anything else was
   * thrown.
   *
   * @param request the client's request
   * @param permitted whether the caller may use a Model; called once, with the requested Model
   * @param admission what decides whether the request may go on; asked once
   * @return the answer; the caller closes it
   * @throws InvalidRequestException if the body is not a valid request of its dialect, or uses a
   *     feature the chosen upstream cannot express
   * @throws ModelNotFoundException if no active Model the caller may use has the requested slug
   * @throws LimitExceededException if a limit has no room for the request
   * @throws ContextLengthExceededException if no Backend's context window holds the request
   * @throws NoActiveBackendException if the Model has no Backend that may be tried now
   * @throws BackendsExhaustedException if every Backend failed
   * @throws RouteCancelledException if the request was cancelled before the commit point
   */
  RouteResponse route(RouteRequest request, Predicate<Model> permitted, Admission admission);
}
