package dev.codevector.internal.routing;

import dev.codevector.registry.BackendId;
import dev.codevector.routing.CircuitState;
import dev.codevector.routing.RouterListener;
import dev.failsafe.CircuitBreaker;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Failsafe circuit breaker per Backend. A Backend opens after {@code threshold} consecutive
 * failed attempts, or at once when the upstream says how long to back off ({@code Retry-After});
 * while open it is skipped without a call. After the cooldown (the {@code Retry-After} value, else
 * the configured one) one probe is let through: success closes it, failure opens it again. Each
 * change is logged, an opening as a warning.
 */
final class BackendCircuits {
  private static final System.Logger LOG = System.getLogger(BackendCircuits.class.getName());

  private final Map<BackendId, CircuitBreaker<Object>> breakers = new ConcurrentHashMap<>();
  private final int threshold;
  private final Duration cooldown;
  private final RouterListener listener;

  BackendCircuits(int threshold, Duration cooldown, RouterListener listener) {
    this.threshold = threshold;
    this.cooldown = cooldown;
    this.listener = listener;
  }

  boolean tryAcquire(BackendId backend) {
    return breaker(backend).tryAcquirePermit();
  }

  void succeeded(BackendId backend) {
    breaker(backend).recordSuccess();
  }

  void failed(BackendId backend, Optional<Duration> retryAfter) {
    CircuitBreaker<Object> breaker = breaker(backend);
    breaker.recordException(new UpstreamFailure(retryAfter.orElse(null)));
    if (retryAfter.isPresent() && !breaker.isOpen()) {
      breaker.open();
    }
  }

  private CircuitBreaker<Object> breaker(BackendId backend) {
    return breakers.computeIfAbsent(
        backend,
        id ->
            CircuitBreaker.builder()
                .withFailureThreshold(threshold)
                .withDelay(cooldown)
                .withDelayFn(context -> retryAfter(context.getLastException()))
                .onOpen(event -> changed(id, CircuitState.OPEN))
                .onHalfOpen(event -> changed(id, CircuitState.HALF_OPEN))
                .onClose(event -> changed(id, CircuitState.CLOSED))
                .build());
  }

  private void changed(BackendId backend, CircuitState state) {
    LOG.log(
        state == CircuitState.OPEN ? System.Logger.Level.WARNING : System.Logger.Level.INFO,
        switch (state) {
          case OPEN -> "Backend " + backend.value() + " is skipped until its cooldown ends";
          case HALF_OPEN ->
              "Backend " + backend.value() + " cooled down: the next request tries it";
          case CLOSED -> "Backend " + backend.value() + " answered again and is back in its routes";
        });
    try {
      listener.circuitChanged(backend, state);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "router listener failed on circuitChanged", e);
    }
  }

  private Duration retryAfter(Throwable failure) {
    return failure instanceof UpstreamFailure && ((UpstreamFailure) failure).retryAfter != null
        ? ((UpstreamFailure) failure).retryAfter
        : cooldown;
  }

  /** What a failed attempt tells the breaker: how long the upstream asked us to back off. */
  static final class UpstreamFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Duration retryAfter;

    UpstreamFailure(Duration retryAfter) {
      super(null, null, false, false);
      this.retryAfter = retryAfter;
    }
  }
}
