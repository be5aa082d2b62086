package dev.codevector.internal.routing;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks that a client's body is UTF-8, as JSON must be, before any of it is passed through: the
 * streaming scan of a body skips the strings it does not need without decoding them. An ASCII body
 * is checked in one pass over its bytes; others are decoded through a small buffer, so the check
 * allocates nothing in proportion to the body.
 */
final class Utf8 {
  private static final int CHUNK = 4096;

  private Utf8() {}

  static boolean isValid(byte[] bytes) {
    int i = 0;
    while (i < bytes.length && bytes[i] >= 0) {
      i++;
    }
    if (i == bytes.length) {
      return true;
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, i, bytes.length - i);
    CharBuffer out = CharBuffer.allocate(CHUNK);
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        return false;
      }
      out.clear();
      if (result.isUnderflow()) {
        return !decoder.flush(out).isError();
      }
    }
  }
}
