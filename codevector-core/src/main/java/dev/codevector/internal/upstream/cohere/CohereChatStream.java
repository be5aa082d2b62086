package dev.codevector.internal.upstream.cohere;

import dev.codevector.internal.SseReader;
import dev.codevector.internal.upstream.http.ConvertedBody;
import dev.codevector.wire.SseEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The OpenAI Chat stream of a Cohere chat stream, as bytes: each read that finds no converted bytes
 * left pulls Cohere's next server-sent event from the upstream body, converts it with {@link
 * CohereChatChunks} and hands out the result, so every chunk is readable as soon as its event has
 * arrived, and nothing is buffered beyond one event. Only the data of Cohere's events is read: the
 * event's {@code type} is inside it as well.
 *
 * <p>Reads end when the conversion has ended ({@code [DONE]} or an error) or the upstream body has;
 * an event cut off by the end of the body is dropped. Not thread-safe; confine to one reader.
 */
final class CohereChatStream extends ConvertedBody {
  private final InputStream body;
  private final SseReader upstream;
  private final CohereChatChunks chunks;

  CohereChatStream(InputStream upstream, CohereChatChunks chunks, int maxEvent) {
    this.body = upstream;
    this.upstream = new SseReader(upstream, maxEvent);
    this.chunks = chunks;
  }

  /** Converts Cohere's next event; null at the end of the upstream body or of the stream. */
  @Override
  protected byte[] next() throws IOException {
    if (chunks.ended()) {
      return null;
    }
    Optional<SseEvent> event = upstream.next();
    if (event.isEmpty()) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    chunks.onEvent(event.get().data(), converted -> out.writeBytes(converted.toBytes()));
    return out.toByteArray();
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
