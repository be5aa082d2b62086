package dev.codevector.internal.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.codevector.Clock;
import dev.codevector.internal.Sha256;
import dev.codevector.registry.Backend;
import dev.codevector.registry.BackendId;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.RoutingStrategy;
import dev.codevector.routing.ClientSession;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToLongFunction;

/**
 * The order in which one request tries its Model's Backends.
 *
 * <p>A {@link RoutingStrategy#FAILOVER failover} Model's order is its route order, as it is held. A
 * {@link RoutingStrategy#BALANCED balanced} Model's Backends are tried priority by priority, and
 * within a priority in an order drawn by weight: each Backend draws {@code -ln(u) / weight} for a
 * {@code u} in (0, 1), and the smallest draw goes first, so a Backend goes first in a share of the
 * requests proportional to its weight, and the others follow in the same way as failovers.
 *
 * <p>For a request of a client session (see {@link ClientSession}), {@code u} is a hash of the
 * Model, the session and the Backend (weighted rendezvous hashing): every request of the session,
 * on every replica, gets the same order with no state shared, and adding or removing a Backend
 * moves only the sessions it takes or had. On top of that, the Backend that last served a session
 * goes first in its priority: when the session's first Backend fails and another serves, the
 * session stays with that one, even once the first recovers, so its prompt cache keeps hitting.
 * Without a session, {@code u} is random per request.
 *
 * <p>The sessions are remembered per replica by their Model and a 64-bit hash of the session (never
 * the session itself), at most {@value #MAX_SESSIONS} of them, each forgotten after {@link
 * #SESSION_IDLE} without a request (the longest a provider keeps a prompt cache). An entry takes
 * about 150 bytes, so the memory holds about 15 MB at most. Thread-safe.
 */
final class BackendOrder {
  /** The most sessions remembered. */
  static final long MAX_SESSIONS = 100_000;

  /** How long a session is remembered without a request. */
  static final Duration SESSION_IDLE = Duration.ofHours(1);

  private static final double UNIT = 0x1.0p-53;

  private final Cache<Affinity, BackendId> served;

  /**
   * Creates an order of empty memory.
   *
   * @param clock the source of time, for forgetting idle sessions
   */
  BackendOrder(Clock clock) {
    this(MAX_SESSIONS, clock);
  }

  BackendOrder(long maxSessions, Clock clock) {
    this.served =
        Caffeine.newBuilder()
            .maximumSize(maxSessions)
            .expireAfterAccess(SESSION_IDLE)
            .ticker(clock::nanoTime)
            .build();
  }

  /**
   * Returns the order in which a request tries a Model's Backends.
   *
   * @param model the Model
   * @param headers the request's headers, which may name its session
   * @param bodySession the session its body names, if any
   * @return the Backends in the order to try them
   */
  List<Backend> of(Model model, Map<String, List<String>> headers, Optional<String> bodySession) {
    if (model.routing() == RoutingStrategy.FAILOVER) {
      return model.backends();
    }
    Optional<String> session =
        ClientSession.fromHeaders(headers).or(() -> bodySession.flatMap(ClientSession::clean));
    if (session.isEmpty()) {
      return drawn(model.backends(), backend -> ThreadLocalRandom.current().nextLong());
    }
    long sessionHash = hash(session.get());
    long seed = mix(sessionHash ^ mix(model.id().value().hashCode()));
    List<Backend> order = drawn(model.backends(), b -> mix(seed ^ mix(b.id().value().hashCode())));
    Affinity affinity = new Affinity(model.id(), sessionHash);
    BackendId last = served.getIfPresent(affinity);
    if (last != null) {
      toFrontOfPriority(order, last);
    }
    return new SessionOrder(order, affinity, last);
  }

  /**
   * Remembers the Backend that served a request, if the request's order is a session's.
   *
   * @param order the order the request was given
   * @param backend the Backend that answered it
   */
  void served(List<Backend> order, Backend backend) {
    if (order instanceof SessionOrder session && !backend.id().equals(session.last)) {
      served.put(session.affinity, backend.id());
    }
  }

  /** How many sessions are remembered, once pending evictions are done; for tests. */
  long sessionsRemembered() {
    served.cleanUp();
    return served.estimatedSize();
  }

  /** Orders Backends by priority, then by each one's weighted draw of the given random bits. */
  private static List<Backend> drawn(List<Backend> backends, ToLongFunction<Backend> bits) {
    List<Drawn> draws = new ArrayList<>(backends.size());
    for (Backend backend : backends) {
      double u = ((bits.applyAsLong(backend) >>> 11) + 0.5) * UNIT;
      draws.add(new Drawn(backend, -Math.log(u) / backend.weight()));
    }
    draws.sort(
        Comparator.comparingInt((Drawn d) -> d.backend.priority())
            .thenComparingDouble(Drawn::draw));
    List<Backend> order = new ArrayList<>(draws.size());
    draws.forEach(d -> order.add(d.backend));
    return order;
  }

  /** Moves the Backend of the given id, if there, to the front of the Backends of its priority. */
  private static void toFrontOfPriority(List<Backend> order, BackendId id) {
    for (int i = 0; i < order.size(); i++) {
      Backend backend = order.get(i);
      if (backend.id().equals(id)) {
        int first = i;
        while (first > 0 && order.get(first - 1).priority() == backend.priority()) {
          first--;
        }
        order.remove(i);
        order.add(first, backend);
        return;
      }
    }
  }

  /**
   * The first 64 bits of a session's SHA-256: the same in every process, and hard to collide on
   * purpose. Model and Backend ids are the operator's, so their {@link String#hashCode()}, also the
   * same in every process, serves for them.
   */
  private static long hash(String text) {
    return ByteBuffer.wrap(Sha256.of(text)).getLong();
  }

  /** Stafford's 64-bit finalizer (as in SplitMix64): spreads every input bit over the output. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private record Drawn(Backend backend, double draw) {}

  /** What a session is remembered by: its Model and the hash of the session. */
  private record Affinity(ModelId model, long session) {}

  /** A session's order, with what it takes to remember the Backend that serves it. */
  private static final class SessionOrder extends AbstractList<Backend> implements RandomAccess {
    final List<Backend> backends;
    final Affinity affinity;
    final BackendId last;

    SessionOrder(List<Backend> backends, Affinity affinity, BackendId last) {
      this.backends = backends;
      this.affinity = affinity;
      this.last = last;
    }

    @Override
    public Backend get(int index) {
      return backends.get(index);
    }

    @Override
    public int size() {
      return backends.size();
    }
  }
}
