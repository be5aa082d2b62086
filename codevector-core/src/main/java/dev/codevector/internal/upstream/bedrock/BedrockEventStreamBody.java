package dev.codevector.internal.upstream.bedrock;

import dev.codevector.internal.upstream.http.ConvertedBody;
import dev.codevector.wire.SseEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

/**
 * A server-sent event body made, as it is read, from an AWS event stream: each read that finds
 * nothing buffered reads what the upstream has sent, decodes the complete frames in it (checking
 * both CRC-32 checksums of each) and hands them to a {@link Converter}, whose events become the
 * bytes returned. Nothing is held longer than it takes a frame to arrive whole.
 *
 * <p>A frame that fails its checksum or cannot be decoded ends the body after the converter's
 * terminal error event; a failure to read the upstream body surfaces as the {@link IOException} it
 * is. Not thread-safe; confine to the reading thread.
 */
final class BedrockEventStreamBody extends ConvertedBody {

  /** Turns event-stream frames into the events of the dialect the adapter presents. */
  interface Converter {

    /** Converts one frame, an event or an exception, into zero or more events. */
    void onFrame(BedrockFrame frame, Consumer<SseEvent> client);

    /** Called once when the upstream body ended after whole frames. */
    void onEnd(Consumer<SseEvent> client);

    /** Called once when a frame is corrupt; the body ends after the events emitted here. */
    void onCorrupt(String problem, Consumer<SseEvent> client);
  }

  private final InputStream frames;
  private final Converter converter;
  private final ByteArrayOutputStream converted = new ByteArrayOutputStream();
  private final MessageDecoder decoder = new MessageDecoder();
  private final byte[] chunk = new byte[8192];
  private boolean ended;

  BedrockEventStreamBody(InputStream frames, Converter converter) {
    this.frames = frames;
    this.converter = converter;
  }

  @Override
  public void close() throws IOException {
    ended = true;
    frames.close();
  }

  /** Reads once from the upstream and converts the frames completed by what arrived. */
  @Override
  protected byte[] next() throws IOException {
    if (ended) {
      return null;
    }
    int count = frames.read(chunk);
    if (count < 0) {
      ended = true;
      converter.onEnd(this::write);
    } else {
      String corrupt = null;
      try {
        decoder.feed(chunk, 0, count);
      } catch (RuntimeException e) {
        // The decoder reports failed checksums and malformed frames as unchecked exceptions.
        corrupt = String.valueOf(e.getMessage());
      }
      for (Message message : decoder.getDecodedMessages()) {
        converter.onFrame(BedrockFrame.of(message), this::write);
      }
      if (corrupt != null) {
        ended = true;
        converter.onCorrupt(corrupt, this::write);
      }
    }
    byte[] out = converted.toByteArray();
    converted.reset();
    return out;
  }

  private void write(SseEvent event) {
    converted.writeBytes(event.toBytes());
  }
}
