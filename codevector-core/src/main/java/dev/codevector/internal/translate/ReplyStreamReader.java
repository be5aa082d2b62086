package dev.codevector.internal.translate;

import dev.codevector.wire.SseEvent;
import java.util.function.Consumer;

/**
 * Reads one upstream stream, in the upstream's dialect, into {@link ReplyEvent}s as they arrive:
 * each upstream event yields its reply events at once.
 *
 * <p>Not thread-safe; one instance reads one stream on the request's thread.
 */
interface ReplyStreamReader {

  /**
   * Reads one upstream event, its terminal marker and {@code error} events included.
   *
   * @param upstream the event as the upstream sent it
   * @param reply receives the reply events, in order
   */
  void onEvent(SseEvent upstream, Consumer<ReplyEvent> reply);
}
