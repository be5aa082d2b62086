package dev.codevector.server.proxy;

import dev.codevector.routing.Cancellation;
import dev.codevector.routing.RouteResponse;
import dev.codevector.wire.SseEvent;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Writes a routed answer to the client: a whole body at once ({@link #whole}), straight from the
 * answer's array, or a stream event by event, each flushed as soon as it is written. A stream is
 * written in two steps, its head and first event ({@link #start}) and then the rest ({@link
 * #finish}), so that the rest can be written on another thread. If the client goes away mid-stream,
 * the routed response is closed, which cancels the upstream call.
 */
final class ResponseWriter {
  // Every event is flushed at once, so a larger buffer would only hold memory per open stream.
  private static final int STREAM_BUFFER_BYTES = 2048;

  private ResponseWriter() {}

  /**
   * Writes a whole answer, closing it first: its usage is then recorded, and its body stays
   * readable, by the time the client has the answer.
   *
   * @param ctx the client's request
   * @param response the routed answer, not a stream
   * @param answers the form of the answer; an error answer is written through it
   * @param beforeBody called once the status is set and before the body is written, so that what it
   *     records is in place by the time the client has the answer
   */
  static void whole(
      Context ctx, RouteResponse response, AnswerFormat answers, Runnable beforeBody) {
    try {
      head(ctx, response);
    } finally {
      response.close();
    }
    beforeBody.run();
    try {
      if (response.status() >= 400) {
        answers.error(ctx, response.status(), response.body());
        return;
      }
      answers.write(ctx, response);
    } catch (IOException clientLeft) {
      // Nothing more to do for a client that is gone.
    }
  }

  /**
   * Writes a stream's head and first event.
   *
   * @param ctx the client's request
   * @param response the routed answer, a stream
   * @param answers the form of the stream's events
   * @param firstEvent called when the first stream event has been written, for time to first token
   * @return true when the stream's other events remain for {@link #finish}; false when the stream
   *     ended before its first event or the client left, and the answer is closed
   */
  static boolean start(
      Context ctx, RouteResponse response, AnswerFormat answers, Runnable firstEvent) {
    boolean open = false;
    try {
      head(ctx, response);
      ctx.contentType(answers.streamContentType());
      ctx.header("cache-control", "no-cache");
      ctx.header("x-accel-buffering", "no");
      ctx.res().setBufferSize(STREAM_BUFFER_BYTES);
      Optional<SseEvent> first = response.nextEvent();
      if (first.isEmpty()) {
        return false;
      }
      send(ctx.res().getOutputStream(), answers.event(first.get()));
      firstEvent.run();
      open = true;
      return true;
    } catch (IOException clientLeft) {
      return false;
    } finally {
      if (!open) {
        response.close();
      }
    }
  }

  private static void head(Context ctx, RouteResponse response) {
    ctx.status(response.status());
    response.header("retry-after").ifPresent(value -> ctx.header("retry-after", value));
  }

  /**
   * Writes the other events of a stream that {@link #start} began, and closes it. A stream that the
   * server ends before its answer has ended gets a terminal error event instead of its next event.
   *
   * @param ctx the client's request
   * @param response the routed answer
   * @param answers the form of the stream's events
   * @param stream the stream, opened on this thread; closed here
   * @param cancellation the request's, given when the client leaves before the stream's end, so
   *     that the answer is recorded as left by its client
   */
  static void finish(
      Context ctx,
      RouteResponse response,
      AnswerFormat answers,
      OpenStreams.Stream stream,
      Cancellation cancellation) {
    try (response;
        stream) {
      try {
        OutputStream out = ctx.res().getOutputStream();
        Optional<SseEvent> event;
        while ((event = stream.next()).isPresent()) {
          send(out, answers.event(event.get()));
        }
        Optional<SseEvent> cut = stream.cut();
        if (cut.isPresent()) {
          send(out, answers.event(cut.get()));
        }
      } catch (IOException clientLeft) {
        // The client closed the connection; closing the response cancels the upstream call.
        cancellation.cancel();
      }
    }
  }

  private static void send(OutputStream out, byte[] event) throws IOException {
    out.write(event);
    out.flush();
  }
}
