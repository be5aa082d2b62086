package dev.codevector.routing;

import dev.codevector.wire.Dialect;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A client's request as it arrived: its dialect, its JSON body (whose {@code model} names a Model
 * by slug) and the protocol headers worth passing on, such as {@code anthropic-version} and {@code
 * anthropic-beta}, and those naming the client's session ({@link ClientSession#HEADERS}), which
 * balanced routing reads, with the {@link Cancellation} its caller gives when the answer is no
 * longer wanted.
 *
 * <p>The body is not copied, for speed: do not change it after creating the request.
 *
 * @param dialect the dialect the client speaks
 * @param body the JSON request body
 * @param headers request headers; names are stored in lowercase
 * @param cancellation given from any thread to cancel the request: see {@link Router}
 * @param origin where the request came from, for its usage record
 */
public record RouteRequest(
    Dialect dialect,
    byte[] body,
    Map<String, List<String>> headers,
    Cancellation cancellation,
    RequestOrigin origin) {

  /** Checks the fields and copies the headers with lowercase names. */
  public RouteRequest {
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(cancellation, "cancellation");
    Objects.requireNonNull(origin, "origin");
    Map<String, List<String>> lower = new TreeMap<>();
    Objects.requireNonNull(headers, "headers")
        .forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    headers = Map.copyOf(lower);
  }

  /**
   * Creates a request the application makes itself (see {@link RequestOrigin#application()}).
   *
   * @param dialect the dialect the client speaks
   * @param body the JSON request body
   * @param headers request headers; names are stored in lowercase
   * @param cancellation given from any thread to cancel the request
   */
  public RouteRequest(
      Dialect dialect, byte[] body, Map<String, List<String>> headers, Cancellation cancellation) {
    this(dialect, body, headers, cancellation, RequestOrigin.application());
  }

  /**
   * Creates a request the application makes itself that is never cancelled.
   *
   * @param dialect the dialect the client speaks
   * @param body the JSON request body
   * @param headers request headers; names are stored in lowercase
   */
  public RouteRequest(Dialect dialect, byte[] body, Map<String, List<String>> headers) {
    this(dialect, body, headers, Cancellation.create());
  }

  /**
   * Returns a copy from another origin, which the request's usage record names.
   *
   * @param newOrigin where the request came from
   * @return the copy
   */
  public RouteRequest withOrigin(RequestOrigin newOrigin) {
    return new RouteRequest(dialect, body, headers, cancellation, newOrigin);
  }

  /**
   * Returns a request without headers that is never cancelled.
   *
   * @param dialect the dialect the client speaks
   * @param body the JSON request body
   * @return the request
   */
  public static RouteRequest of(Dialect dialect, byte[] body) {
    return new RouteRequest(dialect, body, Map.of());
  }

  /** Returns the dialect and size only; the body never prints. */
  @Override
  public String toString() {
    return "RouteRequest[" + dialect + ", " + body.length + " bytes, " + origin.requestId() + "]";
  }
}
