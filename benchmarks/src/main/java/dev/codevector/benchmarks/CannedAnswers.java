package dev.codevector.benchmarks;

import java.io.ByteArrayOutputStream;

/**
 * A canned answer in one wire format: the whole JSON body, and the parts a stream of it is made of
 * (the events before the text, one event of text, repeated, and the events after it).
 *
 * @param json the non-streamed answer
 * @param head the stream's first events, up to the first text
 * @param chunk one event carrying a piece of text
 * @param tail the stream's last events: the stop reason, usage and end marker
 */
public record CannedAnswers(byte[] json, byte[] head, byte[] chunk, byte[] tail) {

  /**
   * Returns the whole stream with the given number of text events.
   *
   * @param chunks how many text events
   * @return the stream's bytes
   */
  public byte[] stream(int chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head);
    for (int i = 0; i < chunks; i++) {
      out.writeBytes(chunk);
    }
    out.writeBytes(tail);
    return out.toByteArray();
  }
}
