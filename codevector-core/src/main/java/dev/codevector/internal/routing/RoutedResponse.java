package dev.codevector.internal.routing;

import dev.codevector.registry.Model;
import dev.codevector.routing.Attempt;
import dev.codevector.routing.RouteResponse;
import dev.codevector.routing.RouterListener;
import java.util.List;

/** What every routed response shares: its attempts, and telling the listener once it is closed. */
abstract class RoutedResponse implements RouteResponse {
  private static final System.Logger LOG = System.getLogger(RoutedResponse.class.getName());

  private final Model model;
  private final List<Attempt> attempts;
  private final RouterListener listener;
  private boolean closed;

  RoutedResponse(Model model, List<Attempt> attempts, RouterListener listener) {
    this.model = model;
    this.attempts = List.copyOf(attempts);
    this.listener = listener;
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
  public final void close() {
    if (closed) {
      return;
    }
    closed = true;
    release();
    try {
      listener.routeCompleted(model.slug(), this);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "router listener failed on routeCompleted", e);
    }
  }

  /** Releases the upstream call. */
  abstract void release();
}
