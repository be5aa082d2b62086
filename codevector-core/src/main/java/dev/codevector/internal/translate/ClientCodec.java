package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.routing.InvalidRequestException;

/**
 * The client side of a translation: reads a client's request into a {@link Conversation} and writes
 * the answer back in the client's dialect. One implementation per client dialect.
 *
 * <p>An instance serves one request and keeps what the answer needs from it (the tool names it
 * gave, whether it asked for stream usage or reasoning text). Not thread-safe; confine to the
 * request's thread.
 */
interface ClientCodec {

  /**
   * Reads the client's request. Called first, once.
   *
   * @param request the request as the client sent it, Backend defaults filled in; not modified
   * @return the conversation
   * @throws InvalidRequestException if the request is malformed or asks for something no upstream
   *     can be sent, per the policy in {@code docs/translation.md}
   */
  Conversation read(ObjectNode request);

  /**
   * Writes a complete answer in the client's dialect, its {@code model} the client's.
   *
   * @param reply the answer
   * @return the answer's body
   */
  ObjectNode write(Reply reply);

  /**
   * Returns the writer of the client's stream, created once per request.
   *
   * @return the stream writer
   */
  ReplyStreamWriter streamWriter();
}
