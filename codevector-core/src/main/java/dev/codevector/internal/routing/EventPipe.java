package dev.codevector.internal.routing;

import dev.codevector.internal.translate.StreamTranslator;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.ErrorBody;
import dev.codevector.wire.SseEvent;
import java.util.function.Consumer;

/**
 * Turns upstream stream events into client events: unchanged when the dialects match, through a
 * {@link StreamTranslator} when they differ. Either way an upstream stream that ends without its
 * terminal event ends the client stream with an error event.
 */
interface EventPipe {

  void accept(SseEvent upstream, Consumer<SseEvent> client);

  /** Called once, when the upstream stream has ended or failed. */
  void end(Consumer<SseEvent> client);

  /**
   * Passes events through unchanged; when {@code usageAskedForUs} is set, the OpenAI Chat chunk
   * that carries only usage, which the router asked for on the client's behalf, is kept from the
   * client (its usage has been read already).
   */
  static EventPipe passthrough(Dialect dialect, boolean usageAskedForUs) {
    return new EventPipe() {
      private boolean finished;

      @Override
      public void accept(SseEvent upstream, Consumer<SseEvent> client) {
        finished = WireErrors.isStreamEnd(dialect, upstream);
        if (usageAskedForUs && isUsageOnly(upstream)) {
          return;
        }
        client.accept(upstream);
      }

      @Override
      public void end(Consumer<SseEvent> client) {
        if (!finished) {
          client.accept(
              ErrorBody.streamEvent(dialect, "the upstream stream ended before it finished"));
        }
      }
    };
  }

  private static boolean isUsageOnly(SseEvent event) {
    String data = event.data();
    return data.contains("\"choices\":[]") && data.contains("\"usage\":{");
  }

  static EventPipe translated(StreamTranslator translator) {
    return new EventPipe() {
      @Override
      public void accept(SseEvent upstream, Consumer<SseEvent> client) {
        translator.onEvent(upstream, client);
      }

      @Override
      public void end(Consumer<SseEvent> client) {
        translator.onEnd(client);
      }
    };
  }
}
