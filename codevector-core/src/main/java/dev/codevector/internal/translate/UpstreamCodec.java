package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.routing.InvalidRequestException;

/**
 * The upstream side of a translation: writes a {@link Conversation} in the upstream's dialect and
 * reads its answer back. One implementation per upstream dialect; what differs between Provider
 * kinds of one dialect comes from the {@link TranslationContext}.
 *
 * <p>An instance serves one request and keeps what the answer needs from it (tool names it had to
 * shorten). Not thread-safe; confine to the request's thread.
 */
interface UpstreamCodec {

  /**
   * Writes the request for the upstream, with the upstream's model id. Called first, once.
   *
   * @param conversation the request
   * @return the request body in the upstream's dialect
   * @throws InvalidRequestException if the conversation holds something the upstream cannot be sent
   *     and that cannot be dropped, per the policy in {@code docs/translation.md}
   */
  ObjectNode write(Conversation conversation);

  /**
   * Reads the upstream's complete, successful (2xx) answer.
   *
   * @param answer the upstream's answer body
   * @return the answer
   */
  Reply read(ObjectNode answer);

  /**
   * Returns the reader of the upstream's stream, created once per request.
   *
   * @return the stream reader
   */
  ReplyStreamReader streamReader();
}
