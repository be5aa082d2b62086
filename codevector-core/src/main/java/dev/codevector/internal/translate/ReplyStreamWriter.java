package dev.codevector.internal.translate;

import dev.codevector.wire.SseEvent;
import java.util.function.Consumer;

/**
 * Writes one stream of {@link ReplyEvent}s in the client's dialect, each as soon as the dialect
 * allows (an Anthropic client's {@code message_delta} carries the stop reason and the usage, so it
 * waits for both).
 *
 * <p>Not thread-safe; one instance writes one stream on the request's thread.
 */
interface ReplyStreamWriter {

  /**
   * Writes one reply event.
   *
   * @param event the event
   * @param client receives the client's events, in order
   */
  void onEvent(ReplyEvent event, Consumer<SseEvent> client);

  /**
   * Ends the client's stream after the upstream's ended. After {@link ReplyEvent.Completed} this
   * writes what the dialect still needs to end cleanly; without it, or after {@link
   * ReplyEvent.Failed}, the stream ends with a terminal error event in the client's dialect, never
   * a silent clean end. Called exactly once.
   *
   * @param client receives the client's events, in order
   */
  void onEnd(Consumer<SseEvent> client);
}
