package dev.codevector.server.internal;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The outermost handler: counts the requests in flight, so that stopping can wait for them, streams
 * included; once stopping has begun, a request that arrives on a connection already open gets 503
 * in the shape its path calls for (see {@link ErrorResponses}), with {@code Retry-After} and {@code
 * Connection: close}, so that the client retries elsewhere or after the restart.
 *
 * <p>This class is thread-safe.
 */
public final class Draining extends GracefulHandler {
  private static final String RETRY_AFTER_SECONDS = "1";

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (isShutdown()) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
      response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE);
    }
    return super.handle(request, response, callback);
  }
}
