package dev.codevector.internal.upstream;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The OpenAI Chat stream of a Cohere chat stream, as bytes: each read that finds no converted bytes
 * left pulls Cohere's next server-sent event from the upstream body, converts it with {@link
 * CohereChatChunks} and hands out the result, so every chunk is readable as soon as its event has
 * arrived, and nothing is buffered beyond one event. Only the {@code data} lines of Cohere's events
 * are read: the event's {@code type} is inside its data as well.
 *
 * <p>Reads end when the conversion has ended ({@code [DONE]} or an error) or the upstream body has;
 * an event cut off by the end of the body is dropped. Not thread-safe; confine to one reader.
 */
final class CohereChatStream extends ConvertedBody {
  private final BufferedReader upstream;
  private final CohereChatChunks chunks;

  CohereChatStream(InputStream upstream, CohereChatChunks chunks) {
    this.upstream = new BufferedReader(new InputStreamReader(upstream, StandardCharsets.UTF_8));
    this.chunks = chunks;
  }

  /** Converts Cohere's next event; null at the end of the upstream body or of the stream. */
  @Override
  byte[] next() throws IOException {
    if (chunks.ended()) {
      return null;
    }
    StringBuilder data = null;
    String line;
    while ((line = upstream.readLine()) != null) {
      if (line.isEmpty() && data != null) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.onEvent(data.toString(), event -> out.writeBytes(event.toBytes()));
        return out.toByteArray();
      }
      if (line.startsWith("data:")) {
        String value = line.startsWith("data: ") ? line.substring(6) : line.substring(5);
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    upstream.close();
  }
}
