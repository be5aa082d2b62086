package dev.codevector.internal.translate;

import dev.codevector.wire.SseEvent;
import java.util.function.Consumer;

/**
 * Writes one stream of {@link ReplyEvent}s in the client's dialect, each as soon as the dialect
 * allows (an Anthropic client's {@code message_delta} carries the stop reason and the usage, so it
 * waits for both).
 *
 * <p>Once a dialect's writer has ended the client's stream, cleanly or with an error, it writes
 * nothing more: later events and the upstream's end are ignored.
 *
 * <p>Not thread-safe; one instance writes one stream on the request's thread.
 */
abstract class ReplyStreamWriter {
  private boolean ended;

  /**
   * Writes one reply event, unless the client's stream has ended.
   *
   * @param event the event
   * @param client receives the client's events, in order
   */
  final void onEvent(ReplyEvent event, Consumer<SseEvent> client) {
    if (!ended) {
      write(event, client);
    }
  }

  /**
   * Ends the client's stream after the upstream's ended, unless it has ended already. A stream
   * whose model finished ({@link ReplyEvent.Finished}) is whole even when the upstream's own end
   * marker or a usage report never came, as on the passthrough path, and ends cleanly in the
   * client's dialect; one that ended before its finish, or after {@link ReplyEvent.Failed}, ends
   * with a terminal error event in the client's dialect, never a silent clean end. Called exactly
   * once.
   *
   * @param client receives the client's events, in order
   */
  final void onEnd(Consumer<SseEvent> client) {
    if (!ended) {
      end(client);
    }
  }

  /**
   * Writes one reply event of a stream not yet ended.
   *
   * @param event the event
   * @param client receives the client's events, in order
   */
  abstract void write(ReplyEvent event, Consumer<SseEvent> client);

  /**
   * Ends a stream not yet ended, after the upstream's ended, as {@link #onEnd} says.
   *
   * @param client receives the client's events, in order
   */
  abstract void end(Consumer<SseEvent> client);

  /** Records that the client's stream has ended, so that nothing more is written to it. */
  final void markEnded() {
    ended = true;
  }
}
