package dev.codevector.server.proxy;

import dev.codevector.routing.RouteResponse;
import dev.codevector.wire.SseEvent;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * The form a route's answers take on the wire, around what the router answers in the routed
 * dialect: that dialect's own ({@link #NATIVE}), or a cloud's, such as Bedrock's (see {@link
 * BedrockAnswers}). Implementations are stateless and thread-safe.
 */
interface AnswerFormat {
  /** Answers as the routed dialect's own API does: its error bodies, server-sent events. */
  AnswerFormat NATIVE =
      new AnswerFormat() {
        @Override
        public void error(Context ctx, int status, byte[] body) {
          ctx.status(status).contentType("application/json").result(body);
        }

        @Override
        public String streamContentType() {
          return "text/event-stream; charset=utf-8";
        }

        @Override
        public byte[] event(SseEvent event) {
          return event.toBytes();
        }
      };

  /**
   * Writes a whole answer that is not an error, as the routed dialect has it unless the form says
   * otherwise.
   *
   * @param ctx the client's request, its status set
   * @param response the routed answer, not a stream
   * @throws IOException if the client went away
   */
  default void write(Context ctx, RouteResponse response) throws IOException {
    ctx.contentType(response.contentType());
    response.writeBody(ctx.outputStream());
  }

  /**
   * Writes an error answer.
   *
   * @param ctx the client's request, its answer not begun
   * @param status the HTTP status of the error in the routed dialect
   * @param body the error body in the routed dialect's shape
   */
  void error(Context ctx, int status, byte[] body);

  /**
   * Returns the content type of a streamed answer.
   *
   * @return the content type
   */
  String streamContentType();

  /**
   * Returns a stream event in wire form; an {@code error} event ends the stream with an error.
   *
   * @param event the event in the routed dialect
   * @return the bytes to write
   */
  byte[] event(SseEvent event);
}
