package dev.codevector.internal.translate;

import dev.codevector.wire.SseEvent;
import java.util.function.Consumer;

/**
 * Translates one upstream stream into the client's dialect, event by event: each upstream event
 * yields zero or more client events at once, never held longer than the protocol requires (an
 * OpenAI upstream's usage arrives after its finish chunk, so an Anthropic client's {@code
 * message_delta} waits for it).
 *
 * <p>Not thread-safe; confine to the request's thread.
 */
public interface StreamTranslator {

  /**
   * Translates one upstream event, including upstream {@code error} events and OpenAI's {@code
   * data: [DONE]}.
   *
   * @param upstream the event as the upstream sent it
   * @param client receives the client events, in order
   */
  void onEvent(SseEvent upstream, Consumer<SseEvent> client);

  /**
   * Ends the client stream after the upstream stream ended. If the upstream ended cleanly, this
   * emits what the client protocol still needs (Anthropic's {@code message_delta} and {@code
   * message_stop}, OpenAI's {@code [DONE]}, Responses' {@code response.completed}); if it ended
   * without its terminal event, this emits a terminal error event in the client's dialect, never a
   * silent clean end. Called exactly once.
   *
   * @param client receives the client events, in order
   */
  void onEnd(Consumer<SseEvent> client);
}
