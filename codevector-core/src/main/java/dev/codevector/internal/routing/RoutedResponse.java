package dev.codevector.internal.routing;

import dev.codevector.limits.Room;
import dev.codevector.registry.Model;
import dev.codevector.routing.Attempt;
import dev.codevector.routing.RouteResponse;
import dev.codevector.routing.RouterListener;
import dev.codevector.routing.Timings;
import java.util.List;
import java.util.Optional;

/**
 * What every routed response shares: its attempts, its request's timings and the session its body
 * told, and once it is closed, ending its request's limits, recording its usage and telling the
 * listener.
 */
abstract class RoutedResponse implements RouteResponse {
  private static final System.Logger LOG = System.getLogger(RoutedResponse.class.getName());

  private final Model model;
  private final List<Attempt> attempts;
  private final RouterListener listener;
  private final Bill bill;
  private final RouteUsage route;
  private boolean closed;

  RoutedResponse(
      Model model, List<Attempt> attempts, RouterListener listener, Bill bill, RouteUsage route) {
    this.model = model;
    this.attempts = List.copyOf(attempts);
    this.listener = listener;
    this.bill = bill;
    this.route = route;
  }

  @Override
  public final Optional<String> clientSession() {
    return route.bodySession();
  }

  @Override
  public final Timings timings() {
    return route.timings();
  }

  /** Notes that the caller has the stream's first event. */
  final void firstEventRead() {
    route.firstEvent();
  }

  @Override
  public final Model model() {
    return model;
  }

  @Override
  public final List<Attempt> attempts() {
    return attempts;
  }

  @Override
  public final Room room() {
    return bill.room();
  }

  @Override
  public final void close() {
    if (closed) {
      return;
    }
    closed = true;
    release();
    bill.end(status(), usage());
    route.closed(this, bill.pricing());
    try {
      listener.routeCompleted(model.slug(), this);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "router listener failed on routeCompleted", e);
    }
  }

  /** Releases the upstream call. */
  abstract void release();
}
