package dev.codevector.server.proxy;

import dev.codevector.access.Caller;
import dev.codevector.routing.RequestOrigin;
import dev.codevector.usage.Client;
import java.time.Duration;
import java.util.Optional;

/**
 * One proxied request's id, client and timing, for its answer's headers and the server's metrics;
 * the router records its usage under the same id. Not thread-safe; confined to one thread at a
 * time.
 */
final class ProxyRequest {
  /** The status of a request whose client closed it before its end, as nginx logs it. */
  static final int CLIENT_CLOSED = 499;

  /** The status of a request for which no Backend could be tried. */
  static final int UNAVAILABLE = 503;

  private final String id = RequestOrigin.newRequestId();
  private final long start = System.nanoTime();
  private final Client client;
  private long firstToken;

  ProxyRequest(Client client) {
    this.client = client;
  }

  String id() {
    return id;
  }

  /** Where the request came from, for the router's usage record. */
  RequestOrigin origin(Caller caller) {
    return RequestOrigin.of(id, caller, client);
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
