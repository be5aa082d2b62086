package dev.codevector.internal.routing;

import dev.codevector.internal.SseReader;
import dev.codevector.registry.Model;
import dev.codevector.routing.Attempt;
import dev.codevector.routing.Cancellation;
import dev.codevector.routing.RouterListener;
import dev.codevector.routing.Usage;
import dev.codevector.spi.UpstreamResponse;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.SseEvent;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * A streamed answer past the commit point. Events are pulled from the upstream one at a time, so
 * each reaches the caller as soon as it arrived; usage is read off them on the way. An upstream
 * failure from here on ends the stream with an error event, never an exception, and is logged as a
 * warning.
 */
final class StreamResponse extends RoutedResponse {
  private static final System.Logger LOG = System.getLogger(StreamResponse.class.getName());

  private final UpstreamResponse upstream;
  private final SseReader reader;
  private final EventPipe pipe;
  private final UsageMeter meter;
  private final Dialect client;
  private final Cancellation cancellation;
  private final ArrayDeque<SseEvent> ready = new ArrayDeque<>();
  private boolean upstreamEnded;
  private Optional<String> breakage = Optional.empty();

  StreamResponse(
      Model model,
      List<Attempt> attempts,
      RouterListener listener,
      Bill bill,
      RouteUsage route,
      UpstreamResponse upstream,
      SseReader reader,
      SseEvent first,
      EventPipe pipe,
      UsageMeter meter,
      Dialect client,
      Cancellation cancellation) {
    super(model, attempts, listener, bill, route);
    this.cancellation = cancellation;
    this.upstream = upstream;
    this.reader = reader;
    this.pipe = pipe;
    this.meter = meter;
    this.client = client;
    pass(first);
  }

  @Override
  public int status() {
    return 200;
  }

  @Override
  public String contentType() {
    return "text/event-stream";
  }

  @Override
  public Optional<String> header(String name) {
    return Optional.empty();
  }

  @Override
  public boolean isStream() {
    return true;
  }

  @Override
  public byte[] body() {
    throw new IllegalStateException("the answer is a stream");
  }

  @Override
  public Optional<SseEvent> nextEvent() {
    while (ready.isEmpty() && !upstreamEnded) {
      Optional<SseEvent> event;
      try {
        event = reader.next();
      } catch (IOException e) {
        if (cancellation.isCancelled()) {
          // Nobody is left to read a terminal event.
          upstreamEnded = true;
          upstream.close();
          break;
        }
        broke(e);
        event = Optional.empty();
      }
      if (event.isEmpty()) {
        upstreamEnded = true;
        pipe.end(this::ready);
        upstream.close();
      } else if (!pass(event.get())) {
        upstreamEnded = true;
        upstream.close();
      }
    }
    SseEvent next = ready.poll();
    if (next == null) {
      return Optional.empty();
    }
    firstEventRead();
    return Optional.of(next);
  }

  private void broke(IOException e) {
    breakage = Optional.of(UpstreamFaults.describe(e, true));
    Attempt answered = attempts().get(attempts().size() - 1);
    LOG.log(
        System.Logger.Level.WARNING,
        "the stream of model "
            + model().slug()
            + " from Backend "
            + answered.backendId().value()
            + " broke off: "
            + breakage.get());
  }

  /** Passes an upstream event on; false if it broke the stream. */
  private boolean pass(SseEvent event) {
    meter.readEvent(event);
    return pipe.accept(event, this::ready);
  }

  /** Queues an event for the client, noting an error event as what broke the stream. */
  private void ready(SseEvent event) {
    if (breakage.isEmpty()) {
      breakage = WireErrors.streamError(client, event);
    }
    ready.add(event);
  }

  @Override
  public Optional<String> breakage() {
    return upstreamEnded ? breakage : Optional.empty();
  }

  @Override
  public Usage usage() {
    return meter.usage();
  }

  @Override
  void release() {
    upstream.close();
  }
}
