package dev.codevector.server.proxy;

import dev.codevector.routing.RouteResponse;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.ErrorBody;
import dev.codevector.wire.SseEvent;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The streams being written to clients, so that a server that is stopping can end those still open
 * when its grace period is over: each then sends the client a terminal error event in its dialect
 * instead of its next event, and closes. A stream waiting for its upstream's next event is woken by
 * interrupting its thread; one busy writing to its client is never interrupted, and ends before its
 * next event instead. A stream that opens after {@link #end} ends at once.
 *
 * <p>This class is thread-safe.
 */
public final class OpenStreams {
  private final Set<Stream> open = ConcurrentHashMap.newKeySet();
  private volatile Optional<String> ending = Optional.empty();

  /**
   * Ends every open stream, and every stream opened from now on, with an error event.
   *
   * @param message what the client is told, such as {@code the server is stopping}
   * @return how many streams were open
   */
  public int end(String message) {
    ending = Optional.of(message);
    int ended = 0;
    for (Stream stream : open) {
      stream.end();
      ended++;
    }
    return ended;
  }

  /**
   * Opens a stream written on the calling thread, which alone then calls its methods.
   *
   * @param dialect the client's dialect, for the error event
   * @param response the stream's routed answer
   * @return the stream; the caller closes it once it has written its last event
   */
  Stream open(Dialect dialect, RouteResponse response) {
    Stream stream = new Stream(dialect, response, Thread.currentThread());
    open.add(stream);
    if (ending.isPresent()) {
      stream.end();
    }
    return stream;
  }

  /** One stream, read and written on its writer's thread. */
  final class Stream implements AutoCloseable {
    private final Dialect dialect;
    private final RouteResponse response;
    private final Thread writer;
    private final Lock lock = new ReentrantLock();
    // Guarded by lock: whether the stream was ended, and whether the writer waits for its upstream,
    // where an interrupt wakes it.
    private boolean ended;
    private boolean reading;
    private boolean closed;
    // Written and read on the writer's thread only.
    private boolean cut;

    private Stream(Dialect dialect, RouteResponse response, Thread writer) {
      this.dialect = dialect;
      this.response = response;
      this.writer = writer;
    }

    /**
     * Returns the stream's next event, waiting for it; empty once the answer has ended or the
     * stream was ended, which {@link #cut()} tells apart.
     */
    Optional<SseEvent> next() {
      lock.lock();
      try {
        if (ended) {
          cut = true;
          return Optional.empty();
        }
        reading = true;
      } finally {
        lock.unlock();
      }
      Optional<SseEvent> event = Optional.empty();
      try {
        event = response.nextEvent();
      } finally {
        lock.lock();
        try {
          reading = false;
          if (ended) {
            // Clears the interrupt that woke the writer, if it came, before it writes again.
            Thread.interrupted();
            cut = event.isPresent();
          }
        } finally {
          lock.unlock();
        }
      }
      return cut ? Optional.empty() : event;
    }

    /**
     * Returns the event to end the stream with when it was ended before its answer was, or empty.
     */
    Optional<SseEvent> cut() {
      return cut
          ? ending.map(message -> ErrorBody.streamEvent(dialect, message))
          : Optional.empty();
    }

    private void end() {
      lock.lock();
      try {
        if (!ended && !closed) {
          ended = true;
          if (reading) {
            writer.interrupt();
          }
        }
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      lock.lock();
      try {
        closed = true;
      } finally {
        lock.unlock();
      }
      open.remove(this);
    }
  }
}
