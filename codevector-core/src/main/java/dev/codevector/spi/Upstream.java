package dev.codevector.spi;

import dev.codevector.wire.Dialect;
import java.io.IOException;
import java.util.Set;

/**
 * Calls one Provider over its wire protocol: the runtime object behind a Provider of one kind. The
 * router decides what to send and when to fail over; an Upstream only makes the call.
 *
 * <p>Implementations must be safe for concurrent use and must not retry on their own: retries and
 * failover are the router's.
 */
public interface Upstream {

  /**
   * Returns the dialects this upstream accepts as they are. A request in one of them passes
   * through; any other is translated to {@link #nativeDialect()} first.
   *
   * @return the accepted dialects, unmodifiable
   */
  Set<Dialect> dialects();

  /**
   * Returns the chat dialect requests are translated to when the client speaks one this upstream
   * does not accept.
   *
   * @return one of {@link #dialects()}
   */
  Dialect nativeDialect();

  /**
   * Sends one request and returns once the response headers have arrived; a streamed body is read
   * from the response afterwards.
   *
   * @param request the request, in one of {@link #dialects()}
   * @return the response, whatever its status; the caller closes it
   * @throws IOException if the upstream could not be reached or did not answer in time
   */
  UpstreamResponse call(UpstreamRequest request) throws IOException;
}
