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
   * Ends the client's stream after the upstream's ended. A stream whose model finished ({@link
   * ReplyEvent.Finished}) is whole even when the upstream's own end marker or a usage report never
   * came, as on the passthrough path, and ends cleanly in the client's dialect; one that ended
   * before its finish, or after {@link ReplyEvent.Failed}, ends with a terminal error event in the
   * client's dialect, never a silent clean end. Called exactly once.
   *
   * @param client receives the client's events, in order
   */
  void onEnd(Consumer<SseEvent> client);
}
