package dev.codevector.server.proxy;

import dev.codevector.routing.InvalidRequestException;
import dev.codevector.routing.RouteRequest;
import dev.codevector.wire.Dialect;
import io.javalin.http.Context;

/**
 * What one proxy route takes and gives: the dialect it routes, how the client's request becomes the
 * routed one, and the form of its answers.
 *
 * @param dialect the dialect routed, which also names the errors' shape before {@code answers}
 *     turns them into its own
 * @param unwrap turns the request as it arrived into the one routed
 * @param answers the form of the answers
 */
record Inbound(Dialect dialect, Unwrap unwrap, AnswerFormat answers) {

  /** Turns the request as it arrived into the one routed. */
  @FunctionalInterface
  interface Unwrap {
    /**
     * Returns the routed request.
     *
     * @param ctx the client's request, for its path
     * @param arrived the request with the client's body and protocol headers
     * @return the request to route
     * @throws InvalidRequestException if the body is not what the route takes
     */
    RouteRequest apply(Context ctx, RouteRequest arrived);
  }

  /**
   * Returns a route that takes a dialect's own requests and answers them in it.
   *
   * @param dialect the dialect
   * @return the route
   */
  static Inbound of(Dialect dialect) {
    return new Inbound(dialect, (ctx, arrived) -> arrived, AnswerFormat.NATIVE);
  }
}
