package dev.codevector.routing;

import dev.codevector.limits.Room;
import dev.codevector.registry.Backend;
import dev.codevector.registry.Model;
import dev.codevector.wire.SseEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * The answer to a routed request, in the client's dialect: either a whole body or a stream of
 * events. The router returns it at the commit point: for a stream, once the first upstream event
 * has arrived; before that every failure was still invisible to the client and could fail over.
 * After it, an upstream failure ends the stream with a terminal error event in the client's
 * dialect, never a silent clean end.
 *
 * <p>The caller closes it, in a try-with-resources block; closing an unfinished stream cancels the
 * upstream call. Not thread-safe; consume it on one thread.
 */
public interface RouteResponse extends AutoCloseable {

  /**
   * Returns the Model that was routed to, as it was when the request arrived; its Backends lead
   * from each attempt to the Provider Model and its pricing.
   *
   * @return the Model
   */
  Model model();

  /**
   * Returns the session the request's body names, as OpenAI's {@code prompt_cache_key} or else
   * Anthropic's {@code metadata.user_id} does, as the client sent it; agents such as Codex and
   * Claude Code put their session there.
   *
   * @return the value, or empty if the body names none
   */
  default Optional<String> clientSession() {
    return Optional.empty();
  }

  /**
   * Returns the HTTP status for the client: 2xx, or the upstream's error status when the request
   * itself was at fault.
   *
   * @return the status
   */
  int status();

  /**
   * Returns the content type for the client: {@code application/json} or {@code text/event-stream}.
   *
   * @return the content type
   */
  String contentType();

  /**
   * Returns upstream response headers the client should see, such as {@code retry-after} on an
   * error.
   *
   * @param name the header's lowercase name
   * @return the value, or empty
   */
  Optional<String> header(String name);

  /**
   * Returns whether the answer is a stream of events rather than a body.
   *
   * @return true for a stream
   */
  boolean isStream();

  /**
   * Returns the whole body of a non-streamed answer.
   *
   * @return the JSON body in the client's dialect
   * @throws IllegalStateException if the answer is a stream
   */
  byte[] body();

  /**
   * Writes the whole body of a non-streamed answer, without the copy {@link #body()} returns.
   *
   * @param out where to write it; not closed
   * @throws IOException if writing fails
   * @throws IllegalStateException if the answer is a stream
   */
  default void writeBody(OutputStream out) throws IOException {
    out.write(body());
  }

  /**
   * Returns the next event of a streamed answer, waiting for it to arrive.
   *
   * @return the event, or empty once the stream has ended
   * @throws IllegalStateException if the answer is not a stream
   */
  Optional<SseEvent> nextEvent();

  /**
   * Returns the attempts made, the last one being the one that answered.
   *
   * @return the attempts, in order
   */
  List<Attempt> attempts();

  /**
   * Returns the Backend that answered: the last attempt's.
   *
   * @return the Backend, or empty if the answer came without an upstream call, such as a token
   *     count estimated locally
   */
  default Optional<Backend> servedBy() {
    List<Attempt> attempts = attempts();
    return attempts.isEmpty()
        ? Optional.empty()
        : model().backend(attempts.get(attempts.size() - 1).backendId());
  }

  /**
   * Returns how long the request has taken so far: until the answer, until its first event, and
   * until it was closed.
   *
   * @return the timings
   */
  Timings timings();

  /**
   * Returns the tokens used, as far as the answer has been read; final once it was read to the end.
   *
   * @return the usage
   */
  Usage usage();

  /**
   * Returns why a streamed answer, once it has ended, ended with an error event in place of its own
   * end: the upstream broke off, ended early, sent an error event, or sent what is not an event of
   * its dialect. Empty for a stream that ended complete or has not ended, and for a whole body.
   *
   * @return the reason, or empty
   */
  default Optional<String> breakage() {
    return Optional.empty();
  }

  /**
   * Returns the room the request's limits left when it was admitted, for rate-limit headers.
   *
   * @return the room per cap; {@link Room#UNLIMITED} when no limit applied
   */
  default Room room() {
    return Room.UNLIMITED;
  }

  /**
   * Releases the upstream call, cancelling it if the answer was not read to the end; ends the
   * request's reservations on its limits, settled with the answer's usage or released for an error
   * answer; and records the request's usage. A whole body stays readable after closing, so that a
   * caller may close first and write the body after. A request whose {@link Cancellation} was given
   * is recorded as left by its caller, with status 499.
   */
  @Override
  void close();
}
