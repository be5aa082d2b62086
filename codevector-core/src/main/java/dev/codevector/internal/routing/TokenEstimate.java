package dev.codevector.internal.routing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.codevector.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Estimates a request's input tokens without a tokenizer: about four characters of text a token,
 * counting every string in the body but the model name, plus a few tokens an object for its
 * framing. Reads, on the same pass, the request's own maximum of output tokens. Used where no
 * upstream can count exactly, and for the ceiling limits reserve.
 */
final class TokenEstimate {
  private static final int CHARS_PER_TOKEN = 4;
  private static final int TOKENS_PER_OBJECT = 3;

  /**
   * The top-level fields that cap a request's output in the dialects CodeVector serves: Chat's
   * {@code max_completion_tokens} and {@code max_tokens}, Messages' {@code max_tokens}, Responses'
   * {@code max_output_tokens}.
   */
  private static final Set<String> MAX_OUTPUT =
      Set.of("max_tokens", "max_completion_tokens", "max_output_tokens");

  /** The estimated input tokens. */
  final long inputTokens;

  /** The request's own maximum of output tokens; empty when it sets none. */
  final OptionalLong maxOutputTokens;

  private TokenEstimate(long inputTokens, OptionalLong maxOutputTokens) {
    this.inputTokens = inputTokens;
    this.maxOutputTokens = maxOutputTokens;
  }

  /** Returns {@code {"input_tokens": n}} for a body already checked to be well-formed. */
  static byte[] answer(byte[] body) {
    return ("{\"input_tokens\":" + of(body).inputTokens + "}").getBytes(StandardCharsets.UTF_8);
  }

  /** Estimates a body already checked to be well-formed. */
  static TokenEstimate of(byte[] body) {
    long chars = 0;
    long objects = 0;
    long maxOutput = -1;
    try (JsonParser parser = Json.MAPPER.createParser(body)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.START_OBJECT) {
          objects++;
        } else if (token == JsonToken.VALUE_STRING && !"model".equals(parser.currentName())) {
          chars += parser.getTextLength();
        } else if (token == JsonToken.VALUE_NUMBER_INT
            && parser.getParsingContext().getParent().inRoot()
            && MAX_OUTPUT.contains(parser.currentName())
            && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
          maxOutput = Math.max(maxOutput, parser.getLongValue());
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("the body was checked before", e);
    }
    return new TokenEstimate(
        (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN + objects * TOKENS_PER_OBJECT,
        maxOutput < 0 ? OptionalLong.empty() : OptionalLong.of(maxOutput));
  }
}
