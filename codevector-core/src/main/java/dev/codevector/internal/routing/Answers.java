package dev.codevector.internal.routing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.codevector.internal.ByteSizes;
import dev.codevector.internal.Json;
import dev.codevector.spi.UpstreamResponse;
import dev.codevector.wire.SseEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads an upstream's whole answers within bounds, and checks that what is passed on as JSON is
 * JSON. Nothing an upstream sends can grow memory past the limit for an answer or {@link
 * #MAX_ERROR} for an error body, whatever it declares or however it is compressed.
 */
final class Answers {
  /** The most of an error body read. */
  static final int MAX_ERROR = 64 * 1024;

  /** The longest upstream error message kept for the client, an attempt or a log line. */
  static final int MAX_MESSAGE = 1_000;

  private static final int FIRST_READ_BUFFER = 2048;

  private Answers() {}

  /** Why an answer cannot be passed on; its message names the fault, never the answer. */
  static final class Unusable extends Exception {
    private static final long serialVersionUID = 1L;

    Unusable(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Reads a successful answer whole, into a buffer that starts small and doubles, since most
   * answers are a few kilobytes and a large first buffer would be garbage on every request.
   *
   * @throws Unusable if it is larger than {@code max} bytes
   * @throws IOException if it cannot be read
   */
  static byte[] readWhole(UpstreamResponse response, int max) throws IOException, Unusable {
    InputStream in = response.body();
    byte[] buffer = new byte[FIRST_READ_BUFFER];
    int length = 0;
    for (int read; (read = in.read(buffer, length, buffer.length - length)) >= 0; ) {
      length += read;
      if (length == buffer.length) {
        if (length >= max) {
          throw new Unusable("the upstream answer is larger than " + ByteSizes.of(max));
        }
        buffer = Arrays.copyOf(buffer, Math.min(length * 2, max));
      }
    }
    return Arrays.copyOf(buffer, length);
  }

  /**
   * Whether a stream's first event carries what every dialect's events carry: one JSON object, or
   * OpenAI's {@code [DONE]}. Parsed whole, since a bad first event can still be failed over.
   */
  static boolean isJsonEvent(SseEvent event) {
    String data = event.data();
    if (data.equals("[DONE]")) {
      return true;
    }
    try (JsonParser parser = Json.MAPPER.createParser(data)) {
      return isJsonObject(parser);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Whether a later stream event looks like the first: {@code [DONE]}, or text that begins with
   * {@code {} and ends with {@code }}. This check takes no memory and catches what is not an event
   * at all (an HTML page, a proxy's text, an event cut off), while a passthrough stream's events
   * are forwarded as they came, without a parse each.
   */
  static boolean looksLikeJsonEvent(SseEvent event) {
    String data = event.data();
    int first = 0;
    int last = data.length() - 1;
    while (first <= last && Character.isWhitespace(data.charAt(first))) {
      first++;
    }
    while (last > first && Character.isWhitespace(data.charAt(last))) {
      last--;
    }
    return first < last && data.charAt(first) == '{' && data.charAt(last) == '}'
        || data.equals("[DONE]");
  }

  /** Whether the bytes are one well-formed JSON object and nothing more. */
  static boolean isJsonObject(byte[] bytes) {
    try (JsonParser parser = Json.MAPPER.createParser(bytes)) {
      return isJsonObject(parser);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isJsonObject(JsonParser parser) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      return false;
    }
    parser.skipChildren();
    return parser.nextToken() == null;
  }

  /**
   * Reads at most {@link #MAX_ERROR} bytes of an error body and closes the response; an error body
   * that cannot be read is empty.
   */
  static byte[] readError(UpstreamResponse response) {
    try (response;
        InputStream body = response.body()) {
      return body.readNBytes(MAX_ERROR);
    } catch (IOException e) {
      return new byte[0];
    }
  }

  /** A message cut to {@link #MAX_MESSAGE} characters. */
  static String shortened(String message) {
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "...";
  }
}
