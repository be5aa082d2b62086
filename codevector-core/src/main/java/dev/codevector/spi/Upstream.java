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
   * Returns the dialects this upstream accepts as they are for one of its models. A request in one
   * of them passes through; any other is translated to {@link #nativeDialect(String)} first. Most
   * upstreams answer the same for every model; one that hosts models of several families (Claude
   * and others on Bedrock) answers per model.
   *
   * @param model the upstream model id
   * @return the accepted dialects, unmodifiable
   */
  Set<Dialect> dialects(String model);

  /**
   * Returns the chat dialect requests for one of this upstream's models are translated to when the
   * client speaks one the upstream does not accept for it.
   *
   * @param model the upstream model id
   * @return one of {@link #dialects(String)}
   */
  Dialect nativeDialect(String model);

  /**
   * Sends one request and returns once the response headers have arrived; a streamed body is read
   * from the response afterwards.
   *
   * @param request the request, in one of {@link #dialects(String)} for its model
   * @return the response, whatever its status; the caller closes it
   * @throws IOException if the upstream could not be reached or did not answer in time
   */
  UpstreamResponse call(UpstreamRequest request) throws IOException;
}
