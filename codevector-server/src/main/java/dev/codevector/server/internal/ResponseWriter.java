package dev.codevector.server.internal;

import dev.codevector.routing.RouteResponse;
import dev.codevector.wire.SseEvent;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Writes a routed answer to the client: a whole body at once, or a stream event by event, each
 * flushed as soon as it is written. If the client goes away mid-stream, the routed response is
 * closed, which cancels the upstream call.
 */
final class ResponseWriter {
  // Every event is written and flushed at once: no buffer is held for the life of the stream.
  private static final int STREAM_BUFFER_BYTES = 0;

  private ResponseWriter() {}

  /**
   * Writes the answer and closes it.
   *
   * @param ctx the client's request
   * @param response the routed answer
   * @param firstEvent called when the first stream event has been written, for time to first token
   */
  static void write(Context ctx, RouteResponse response, Runnable firstEvent) {
    try (response) {
      ctx.status(response.status());
      response.header("retry-after").ifPresent(value -> ctx.header("retry-after", value));
      if (!response.isStream()) {
        ctx.contentType(response.contentType()).result(response.body());
        return;
      }
      ctx.contentType("text/event-stream; charset=utf-8");
      ctx.header("cache-control", "no-cache");
      ctx.header("x-accel-buffering", "no");
      ctx.res().setBufferSize(STREAM_BUFFER_BYTES);
      OutputStream out = ctx.res().getOutputStream();
      boolean first = true;
      Optional<SseEvent> event;
      while ((event = response.nextEvent()).isPresent()) {
        out.write(event.get().toBytes());
        out.flush();
        if (first) {
          firstEvent.run();
          first = false;
        }
      }
    } catch (IOException clientLeft) {
      // The client closed the connection; closing the response cancels the upstream call.
    }
  }
}
