package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.routing.InvalidRequestException;

/**
 * The translation of one request from a client dialect to an upstream dialect, and of its answer
 * back. An instance serves exactly one request: {@link #request} is called first, then either
 * {@link #response} (non-streaming) or {@link #stream} (streaming). State learned from the request
 * (a shortened tool name, whether the client asked for stream usage) is kept for the answer.
 *
 * <p>Not thread-safe; confine to the request's thread.
 */
public interface Translation {

  /**
   * Translates the client's request body into the upstream's dialect. The input is not modified.
   * The upstream model id is set as {@code model} (or left out where the upstream takes the model
   * elsewhere); the client's {@code stream} flag is kept.
   *
   * @param clientRequest the request as the client sent it, Backend defaults already filled in
   * @return the request in the upstream's dialect
   * @throws InvalidRequestException if the request uses a feature the upstream dialect cannot
   *     express, per the policy in {@code docs/translation.md}
   */
  ObjectNode request(ObjectNode clientRequest);

  /**
   * Translates the upstream's complete, successful (2xx) response body into the client's dialect.
   *
   * @param upstreamResponse the upstream's response body
   * @return the response in the client's dialect
   */
  ObjectNode response(ObjectNode upstreamResponse);

  /**
   * Returns the translator for the upstream's stream, created once per request.
   *
   * @return the stream translator
   */
  StreamTranslator stream();
}
