package dev.codevector.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codevector.wire.SseEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class SseReaderTest {
  private static SseReader reader(String text) {
    return new SseReader(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 16 * 1024 * 1024);
  }

  @Test
  void readsNamedEventsEndedByCrLfAndSkipsComments() throws IOException {
    SseReader reader = reader(": ping\r\nevent: delta\r\ndata: {\"a\":1}\r\ndata: 2\r\n\r\n");

    assertEquals(Optional.of(new SseEvent(Optional.of("delta"), "{\"a\":1}\n2")), reader.next());
    assertEquals(Optional.empty(), reader.next());
  }

  @Test
  void anEventCutOffByTheEndOfTheBodyIsDropped() throws IOException {
    assertEquals(Optional.empty(), reader("data: half").next());
  }

  @Test
  void aLineThatNeverEndsFailsOnceItPassesTheLimit() {
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            return ' ';
          }

          @Override
          public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) ' ');
            return len;
          }
        };
    SseReader reader =
        new SseReader(
            new SequenceInputStream(
                new ByteArrayInputStream("data: ".getBytes(StandardCharsets.UTF_8)), endless),
            16 * 1024 * 1024);

    IOException e = assertThrows(IOException.class, reader::next);
    assertEquals("the upstream sent a line longer than 16 MB", e.getMessage());
  }

  @Test
  void anEventOfTooManyLinesFails() {
    String line = "data: " + "x".repeat(1024 * 1024) + "\n";
    SseReader reader = reader(line.repeat(17));

    IOException e = assertThrows(IOException.class, reader::next);
    assertEquals("the upstream sent an event larger than 16 MB", e.getMessage());
  }
}
