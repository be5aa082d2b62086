package dev.codevector.internal.routing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.codevector.internal.Json;
import dev.codevector.wire.SseEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Puts the Model's slug where a passed-through answer names the upstream's model, so that clients
 * see the facade they asked for and never an upstream id: the top-level {@code model} of a body or
 * event (OpenAI Chat, Embeddings), and the {@code model} of the {@code message} (Anthropic's {@code
 * message_start}) or {@code response} (Responses' lifecycle events) object it holds. Everything
 * else stays byte for byte as the upstream sent it.
 *
 * <p>One pass of a streaming parser finds the values; nothing is built. Immutable; thread-safe.
 */
final class ModelNames {
  private static final String MODEL = "model";

  private final String slug;
  private final byte[] quotedSlug;

  /**
   * Creates the renaming for one Model.
   *
   * @param slug the Model's slug, a valid slug (no character JSON would escape)
   */
  ModelNames(String slug) {
    this.slug = Objects.requireNonNull(slug, "slug");
    this.quotedSlug = ('"' + slug + '"').getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Returns a whole answer with the slug as its model, after checking that it is one JSON object
   * and nothing more.
   *
   * @param answer the upstream's answer
   * @return the answer renamed; the same array when it named no other model
   * @throws Answers.Unusable if the answer is not one JSON object
   */
  byte[] rename(byte[] answer) throws Answers.Unusable {
    Spans spans = new Spans();
    try (JsonParser parser = Json.MAPPER.createParser(answer)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new Answers.Unusable("the upstream answer is not JSON");
      }
      find(parser, 1, spans);
      if (parser.nextToken() != null) {
        throw new Answers.Unusable("the upstream answer is not JSON");
      }
    } catch (IOException e) {
      throw new Answers.Unusable("the upstream answer is not JSON");
    }
    if (spans.count == 0) {
      return answer;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(answer.length + quotedSlug.length);
    int from = 0;
    for (int i = 0; i < spans.count; i++) {
      out.write(answer, from, (int) spans.starts[i] - from);
      out.writeBytes(quotedSlug);
      from = (int) spans.ends[i];
    }
    out.write(answer, from, answer.length - from);
    return out.toByteArray();
  }

  /**
   * Returns a stream event with the slug as its model. An event that names no model, or is not
   * JSON, is returned as it is; the stream's own checks deal with the latter.
   *
   * <p>Events pass at the stream's pace, each as small as a token or two, so this one looks for the
   * value with a scan of the event's text that allocates nothing and stops at the value, rather
   * than with a parser.
   *
   * @param event the upstream's event
   * @return the event renamed, or the same event
   */
  SseEvent rename(SseEvent event) {
    String data = event.data();
    if (!data.contains("\"model\"")) {
      return event;
    }
    long span = EventScan.modelValue(data);
    if (span < 0) {
      return event;
    }
    int start = (int) (span >>> 32);
    int end = (int) span;
    if (end - start == slug.length() + 2 && data.startsWith(slug, start + 1)) {
      return event;
    }
    String renamed =
        new StringBuilder(data.length() + slug.length())
            .append(data, 0, start)
            .append('"')
            .append(slug)
            .append('"')
            .append(data, end, data.length())
            .toString();
    return new SseEvent(event.name(), renamed);
  }

  /**
   * Finds the model values of the object the parser has just entered, and of the {@code message} or
   * {@code response} object it holds; leaves the parser at the object's end.
   */
  private void find(JsonParser parser, int level, Spans spans) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.VALUE_STRING && name.equals(MODEL)) {
        long start = parser.currentTokenLocation().getByteOffset();
        boolean same = parser.getText().equals(slug);
        long end = parser.currentLocation().getByteOffset();
        if (!same) {
          spans.add(start, end);
        }
      } else if (value == JsonToken.START_OBJECT
          && level == 1
          && (name.equals("message") || name.equals("response"))) {
        find(parser, 2, spans);
      } else {
        parser.skipChildren();
      }
    }
  }

  /** The places of the values to replace, in order; at most a few per answer. */
  private static final class Spans {
    long[] starts = new long[2];
    long[] ends = new long[2];
    int count;

    void add(long start, long end) {
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
        ends = Arrays.copyOf(ends, count * 2);
      }
      starts[count] = start;
      ends[count] = end;
      count++;
    }
  }
}
