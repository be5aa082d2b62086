package dev.codevector.internal.routing;

import dev.codevector.Clock;
import dev.codevector.registry.BackendId;
import dev.codevector.routing.CircuitState;
import dev.codevector.routing.RouterListener;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A circuit per Backend. A Backend opens after {@code threshold} consecutive failed attempts, or at
 * once when the upstream says how long to back off ({@code Retry-After}); while open it is skipped
 * without a call. After the cooldown (the {@code Retry-After} value, else the configured one) one
 * probe is let through: success closes the circuit, failure opens it again.
 *
 * <p>Every attempt holds a {@link Permit} and gives it back on every exit: with a verdict ({@link
 * Permit#succeeded()}, {@link Permit#failed(Optional)}) when the upstream answered or could not be
 * reached, and without one ({@link Permit#close()}) when the attempt ended for any other reason,
 * such as a client's bad request or an exception. A probe given back without a verdict lets the
 * next request probe, so nothing a client sends can hold a circuit open. Each change is logged, an
 * opening as a warning, and told to the listener, never while a lock is held.
 */
final class BackendCircuits {
  private static final System.Logger LOG = System.getLogger(BackendCircuits.class.getName());

  private static final Duration ONE_SECOND = Duration.ofSeconds(1);

  private final Map<BackendId, Circuit> circuits = new ConcurrentHashMap<>();
  private final int threshold;
  private final Duration cooldown;
  private final RouterListener listener;
  private final Clock clock;

  BackendCircuits(int threshold, Duration cooldown, RouterListener listener, Clock clock) {
    this.threshold = threshold;
    this.cooldown = cooldown;
    this.listener = listener;
    this.clock = clock;
  }

  /**
   * Takes a permit to call a Backend, or returns empty while its circuit is open or its one probe
   * is out.
   */
  Optional<Permit> tryAcquire(BackendId backend) {
    return tryAcquire(backend, () -> "Backend " + backend.value());
  }

  /**
   * Takes a permit to call a Backend, or returns empty while its circuit is open or its one probe
   * is out; a change of its circuit is logged under the name given.
   */
  Optional<Permit> tryAcquire(BackendId backend, Supplier<String> name) {
    Circuit circuit = circuits.computeIfAbsent(backend, id -> new Circuit());
    Optional<Permit> permit;
    boolean cooledDown;
    synchronized (circuit) {
      boolean open = circuit.state == CircuitState.OPEN;
      permit = circuit.tryAcquire(clock.nanoTime(), backend, name);
      cooledDown = open && permit.isPresent();
    }
    if (cooledDown) {
      changed(backend, name, CircuitState.HALF_OPEN);
    }
    return permit;
  }

  /**
   * Returns how long until a Backend's circuit lets a request through again, at least a second;
   * empty if it would now.
   */
  Optional<Duration> cooldownLeft(BackendId backend) {
    Circuit circuit = circuits.get(backend);
    if (circuit == null) {
      return Optional.empty();
    }
    long left;
    synchronized (circuit) {
      switch (circuit.state) {
        case OPEN:
          left = circuit.openUntil - clock.nanoTime();
          break;
        case HALF_OPEN:
          left = circuit.probeOut ? 1 : 0;
          break;
        default:
          left = 0;
      }
    }
    return left <= 0
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(Math.max(left, ONE_SECOND.toNanos())));
  }

  private void changed(BackendId backend, Supplier<String> name, CircuitState state) {
    LOG.log(
        state == CircuitState.OPEN ? System.Logger.Level.WARNING : System.Logger.Level.INFO,
        switch (state) {
          case OPEN -> name.get() + " is skipped until its cooldown ends";
          case HALF_OPEN -> name.get() + " cooled down: the next request tries it";
          case CLOSED -> name.get() + " answered again and is back in its routes";
        });
    try {
      listener.circuitChanged(backend, state);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "router listener failed on circuitChanged", e);
    }
  }

  /** One Backend's state. Guarded by itself. */
  private final class Circuit {
    CircuitState state = CircuitState.CLOSED;
    int failures;
    long openUntil;
    boolean probeOut;

    Optional<Permit> tryAcquire(long now, BackendId backend, Supplier<String> name) {
      switch (state) {
        case CLOSED:
          return Optional.of(new Permit(this, backend, name, false));
        case OPEN:
          if (now - openUntil < 0) {
            return Optional.empty();
          }
          state = CircuitState.HALF_OPEN;
          probeOut = true;
          return Optional.of(new Permit(this, backend, name, true));
        default:
          if (probeOut) {
            return Optional.empty();
          }
          probeOut = true;
          return Optional.of(new Permit(this, backend, name, true));
      }
    }

    /** Whether a permit's verdict still speaks for the circuit's current state. */
    boolean heeds(Permit permit) {
      return permit.probe ? state == CircuitState.HALF_OPEN : state == CircuitState.CLOSED;
    }
  }

  /**
   * Leave to make one attempt at a Backend. Give it back exactly once: a verdict, or {@link
   * #close()} without one; whichever comes first counts, and later calls do nothing.
   */
  final class Permit implements AutoCloseable {
    private final Circuit circuit;
    private final BackendId backend;
    private final Supplier<String> name;
    private final boolean probe;
    private boolean returned;

    private Permit(Circuit circuit, BackendId backend, Supplier<String> name, boolean probe) {
      this.circuit = circuit;
      this.backend = backend;
      this.name = name;
      this.probe = probe;
    }

    /** The upstream answered: the Backend is healthy. */
    void succeeded() {
      CircuitState change = null;
      synchronized (circuit) {
        if (take() && circuit.heeds(this)) {
          circuit.failures = 0;
          if (probe) {
            circuit.state = CircuitState.CLOSED;
            circuit.probeOut = false;
            change = CircuitState.CLOSED;
          }
        }
      }
      if (change != null) {
        changed(backend, name, change);
      }
    }

    /**
     * The upstream failed in a way that calls for failover: counts towards opening the circuit, and
     * opens it at once for as long as the upstream asked when it said.
     */
    void failed(Optional<Duration> retryAfter) {
      boolean opened = false;
      synchronized (circuit) {
        if (take() && circuit.heeds(this)) {
          circuit.failures++;
          if (probe || retryAfter.isPresent() || circuit.failures >= threshold) {
            circuit.state = CircuitState.OPEN;
            circuit.probeOut = false;
            circuit.openUntil = clock.nanoTime() + retryAfter.orElse(cooldown).toNanos();
            opened = true;
          }
        }
      }
      if (opened) {
        changed(backend, name, CircuitState.OPEN);
      }
    }

    /**
     * Gives the permit back without a verdict if none was given: the attempt ended for a reason
     * that says nothing of the Backend's health. A probe given back so lets the next request probe.
     */
    @Override
    public void close() {
      synchronized (circuit) {
        if (take() && probe && circuit.state == CircuitState.HALF_OPEN) {
          circuit.probeOut = false;
        }
      }
    }

    private boolean take() {
      boolean first = !returned;
      returned = true;
      return first;
    }
  }
}
