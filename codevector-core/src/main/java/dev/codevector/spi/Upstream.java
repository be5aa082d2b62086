package dev.codevector.spi;

import java.io.IOException;

/**
 * Calls one Provider over its wire protocol: the runtime object behind a Provider of one kind. The
 * router decides what to send and when to fail over; an Upstream only makes the call.
 *
 * <p>Implementations must be safe for concurrent use and must not retry on their own: retries and
 * failover are the router's.
 */
public interface Upstream {

  /**
   * Returns the dialects this upstream speaks for one of its models. A request in one it accepts
   * passes through; any other is translated to its native dialect first. Most upstreams answer the
   * same for every model; one that hosts models of several families (Claude and others on Bedrock)
   * answers per model.
   *
   * @param model the upstream model id
   * @return the accepted dialects and the native one among them
   */
  Dialects dialects(String model);

  /**
   * Sends one request and returns once the response headers have arrived; a streamed body is read
   * from the response afterwards.
   *
   * @param request the request, in one of the dialects {@link #dialects(String)} accepts for its
   *     model
   * @return the response, whatever its status; the caller closes it
   * @throws IOException if the upstream could not be reached or did not answer in time
   */
  UpstreamResponse call(UpstreamRequest request) throws IOException;
}
