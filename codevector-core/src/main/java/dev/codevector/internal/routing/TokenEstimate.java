package dev.codevector.internal.routing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Estimates a request's input tokens without a tokenizer, the same way in every dialect:
 *
 * <ul>
 *   <li>text: one token per four characters of every string in the body but the model name, plus
 *       three tokens an object for its framing;
 *   <li>images: {@value #TOKENS_PER_IMAGE} tokens each, what Anthropic counts for an image of about
 *       1.15 megapixels, whatever the size of its data; an image is an object typed {@code image}
 *       (Messages), {@code image_url} (Chat) or {@code input_image} (Responses);
 *   <li>tool definitions: one token per four bytes of the top-level {@code tools} array's JSON.
 * </ul>
 *
 * <p>Reads too the request's own maximum of output tokens. The router's scan feeds it each
 * top-level field as it passes, so the body is parsed once. Used where no upstream can count
 * exactly, for the ceiling limits reserve, and to skip Backends whose context window cannot hold
 * the request.
 */
final class TokenEstimate {
  private static final int CHARS_PER_TOKEN = 4;
  private static final int TOKENS_PER_OBJECT = 3;
  private static final int TOKENS_PER_IMAGE = 1_600;

  /**
   * The top-level fields that cap a request's output in the dialects CodeVector serves: Chat's
   * {@code max_completion_tokens} and {@code max_tokens}, Messages' {@code max_tokens}, Responses'
   * {@code max_output_tokens}.
   */
  private static final Set<String> MAX_OUTPUT =
      Set.of("max_tokens", "max_completion_tokens", "max_output_tokens");

  /** The content block types of images in Messages, Chat and Responses. */
  private static final Set<String> IMAGE_TYPES = Set.of("image", "image_url", "input_image");

  /** The estimated input tokens. */
  final long inputTokens;

  /** The request's own maximum of output tokens; empty when it sets none. */
  final OptionalLong maxOutputTokens;

  private TokenEstimate(long inputTokens, OptionalLong maxOutputTokens) {
    this.inputTokens = inputTokens;
    this.maxOutputTokens = maxOutputTokens;
  }

  /** Returns {@code {"input_tokens": n}}. */
  byte[] answer() {
    return ("{\"input_tokens\":" + inputTokens + "}").getBytes(StandardCharsets.UTF_8);
  }

  /** The input and the requested output, none when the request sets no maximum. */
  long withRequestedOutput() {
    return inputTokens + maxOutputTokens.orElse(0);
  }

  /** Counts a body's top-level fields as a scan passes them. */
  static final class Counter {
    private final Frame root = new Frame();
    private long toolBytes;
    private long maxOutput = -1;

    /**
     * Counts the value the parser stands on, for the named top-level field, and leaves the parser
     * on the value's last token.
     */
    void count(String name, JsonToken value, JsonParser parser) throws IOException {
      if (name.equals("tools") && value == JsonToken.START_ARRAY) {
        long start = parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        toolBytes += parser.currentLocation().getByteOffset() - start;
      } else if (value == JsonToken.VALUE_NUMBER_INT
          && MAX_OUTPUT.contains(name)
          && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
        maxOutput = Math.max(maxOutput, parser.getLongValue());
      } else if (value.isStructStart()) {
        walk(value, parser);
      } else if (value == JsonToken.VALUE_STRING) {
        root.chars += parser.getTextLength();
      }
    }

    /** Walks an object or array to its end, an image counting as a whole. */
    private void walk(JsonToken first, JsonParser parser) throws IOException {
      Deque<Frame> frames = new ArrayDeque<>();
      frames.push(root);
      int depth = 0;
      for (JsonToken token = first; ; token = parser.nextToken()) {
        if (token == JsonToken.START_OBJECT) {
          frames.push(new Frame());
        } else if (token == JsonToken.END_OBJECT) {
          Frame done = frames.pop();
          frames.peek().add(done);
        } else if (token == JsonToken.VALUE_STRING) {
          Frame frame = frames.peek();
          frame.chars += parser.getTextLength();
          if ("type".equals(parser.currentName()) && IMAGE_TYPES.contains(parser.getText())) {
            frame.image = true;
          }
        }
        if (token.isStructStart()) {
          depth++;
        } else if (token.isStructEnd() && --depth == 0) {
          return;
        }
      }
    }

    TokenEstimate estimate() {
      return new TokenEstimate(
          ceilingQuarter(root.chars)
              + (root.objects + 1) * TOKENS_PER_OBJECT // the body's own object too
              + root.images * TOKENS_PER_IMAGE
              + ceilingQuarter(toolBytes),
          maxOutput < 0 ? OptionalLong.empty() : OptionalLong.of(maxOutput));
    }

    private static long ceilingQuarter(long n) {
      return (n + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }
  }

  /** What one object holds, its nested objects included. */
  private static final class Frame {
    long chars;
    long objects;
    long images;
    boolean image;

    /** Adds a nested object that has ended: an image counts as one, whatever it holds. */
    void add(Frame nested) {
      if (nested.image) {
        images++;
        return;
      }
      chars += nested.chars;
      objects += nested.objects + 1;
      images += nested.images;
    }
  }
}
