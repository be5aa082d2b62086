package dev.codevector.internal.routing;

import dev.codevector.internal.translate.StreamTranslator;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.ErrorBody;
import dev.codevector.wire.SseEvent;
import java.util.function.Consumer;

/**
 * Turns upstream stream events into client events: unchanged when the dialects match, through a
 * {@link StreamTranslator} when they differ. Either way an upstream stream that ends before it
 * finished, or sends an event that is not JSON, ends the client stream with an error event.
 */
interface EventPipe {

  /**
   * Passes on one upstream event.
   *
   * @return false if the event broke the stream: the client has had its error event, and no further
   *     event is to be read
   */
  boolean accept(SseEvent upstream, Consumer<SseEvent> client);

  /** Called once, when the upstream stream has ended or failed. */
  void end(Consumer<SseEvent> client);

  /**
   * Passes events through unchanged but for the model they name, which becomes the Model's slug;
   * when {@code usageAskedForUs} is set, the OpenAI Chat chunk that carries only usage, which the
   * router asked for on the client's behalf, is kept from the client (its usage has been read
   * already).
   */
  static EventPipe passthrough(Dialect dialect, boolean usageAskedForUs, ModelNames modelNames) {
    return new EventPipe() {
      private boolean finished;

      @Override
      public boolean accept(SseEvent upstream, Consumer<SseEvent> client) {
        if (!Answers.looksLikeJsonEvent(upstream)) {
          finished = true;
          client.accept(
              ErrorBody.streamEvent(dialect, "the upstream sent a stream event that is not JSON"));
          return false;
        }
        finished |= WireErrors.isStreamEnd(dialect, upstream) || isChatFinish(dialect, upstream);
        if (!usageAskedForUs || !isUsageOnly(upstream)) {
          client.accept(modelNames.rename(upstream));
        }
        return true;
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

  /**
   * Whether an OpenAI Chat chunk finishes its choice. A Chat stream whose choice has finished is
   * whole even if {@code [DONE]} never comes, as the translated paths take it too.
   */
  private static boolean isChatFinish(Dialect dialect, SseEvent event) {
    return dialect == Dialect.OPENAI_CHAT && event.data().contains("\"finish_reason\":\"");
  }

  private static boolean isUsageOnly(SseEvent event) {
    String data = event.data();
    return data.contains("\"choices\":[]") && data.contains("\"usage\":{");
  }

  static EventPipe translated(StreamTranslator translator) {
    return new EventPipe() {
      @Override
      public boolean accept(SseEvent upstream, Consumer<SseEvent> client) {
        translator.onEvent(upstream, client);
        return true;
      }

      @Override
      public void end(Consumer<SseEvent> client) {
        translator.onEnd(client);
      }
    };
  }
}
