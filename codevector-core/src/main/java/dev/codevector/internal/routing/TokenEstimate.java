package dev.codevector.internal.routing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.codevector.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Estimates the input tokens of an Anthropic count_tokens request without a tokenizer: about four
 * characters of text a token, counting every string in the body but the model name, plus a few
 * tokens a message for its framing. Used when no upstream of the Model can count exactly.
 */
final class TokenEstimate {
  private static final int CHARS_PER_TOKEN = 4;
  private static final int TOKENS_PER_OBJECT = 3;

  private TokenEstimate() {}

  /** Returns {@code {"input_tokens": n}} for a body already checked to be well-formed. */
  static byte[] answer(byte[] body) {
    return ("{\"input_tokens\":" + of(body) + "}").getBytes(StandardCharsets.UTF_8);
  }

  static long of(byte[] body) {
    long chars = 0;
    long objects = 0;
    try (JsonParser parser = Json.MAPPER.createParser(body)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.START_OBJECT) {
          objects++;
        } else if (token == JsonToken.VALUE_STRING && !"model".equals(parser.currentName())) {
          chars += parser.getTextLength();
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("the body was checked before", e);
    }
    return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN + objects * TOKENS_PER_OBJECT;
  }
}
