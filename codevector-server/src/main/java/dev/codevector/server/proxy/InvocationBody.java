package dev.codevector.server.proxy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.routing.InvalidRequestException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the body of a cloud's model invocation (Bedrock's {@code InvokeModel}, Vertex's {@code
 * rawPredict}) back into the Anthropic Messages body it wraps, by splicing bytes: the top-level
 * {@code anthropic_version} is dropped, the {@code anthropic_beta} array is taken out to go in the
 * {@code anthropic-beta} header, the fields the invocation names elsewhere (the model in the path,
 * streaming by endpoint) are appended before the closing brace, replacing any the body had. Every
 * other byte, unknown fields, order, white space and number formatting included, stays as the
 * client sent it.
 *
 * <p>Stateless; thread-safe.
 */
final class InvocationBody {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory PARSERS = JSON.getFactory();
  private static final Set<String> CLOUD_FIELDS = Set.of("anthropic_version", "anthropic_beta");

  private InvocationBody() {}

  /**
   * The Messages body and the beta flags the invocation's body carried.
   *
   * @param body the Anthropic Messages body
   * @param betas the flags of {@code anthropic_beta}, in order; empty when it had none
   */
  record Unwrapped(byte[] body, List<String> betas) {}

  /**
   * Returns the Messages body an invocation's body wraps.
   *
   * @param body the invocation's body, a JSON object
   * @param dropped other fields to leave out
   * @param added the fields to set, in order, such as {@code model} and {@code stream}
   * @return the Messages body and the beta flags
   * @throws InvalidRequestException if the body is not a JSON object, or {@code anthropic_beta} is
   *     not an array of strings
   */
  static Unwrapped unwrap(byte[] body, Set<String> dropped, Map<String, Object> added) {
    List<int[]> kept = new ArrayList<>();
    List<String> betas = new ArrayList<>();
    int firstStart = -1;
    int lastEnd = -1;
    boolean previousKept = false;
    try (JsonParser parser = PARSERS.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidRequestException(null, "the request body must be a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        if (firstStart < 0) {
          firstStart = start;
        }
        if (previousKept) {
          // The separator after the last kept field ends where this field begins.
          kept.get(kept.size() - 1)[2] = start;
        }
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("anthropic_beta")) {
          betas.addAll(betas(parser, value));
        } else {
          // A string's end is known only once it is read: finish it before taking the position.
          parser.finishToken();
          parser.skipChildren();
        }
        lastEnd = (int) parser.currentLocation().getByteOffset();
        previousKept =
            !CLOUD_FIELDS.contains(name) && !dropped.contains(name) && !added.containsKey(name);
        if (previousKept) {
          // The field's start, its end, and the end of the separator after it.
          kept.add(new int[] {start, lastEnd, lastEnd});
        }
      }
      if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
        throw new InvalidRequestException(null, "the request body is not valid JSON");
      }
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException(null, "the request body is not valid JSON");
    } catch (IOException e) {
      throw new IllegalStateException("reading a byte array cannot fail", e);
    }
    int closing = lastIndexOf(body, '}');
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
    out.write(body, 0, firstStart < 0 ? closing : firstStart);
    for (int i = 0; i < kept.size(); i++) {
      int[] field = kept.get(i);
      if (i > 0) {
        int[] previous = kept.get(i - 1);
        out.write(body, previous[1], previous[2] - previous[1]);
      }
      out.write(body, field[0], field[1] - field[0]);
    }
    boolean first = kept.isEmpty();
    for (Map.Entry<String, Object> field : added.entrySet()) {
      if (!first) {
        out.write(',');
      }
      first = false;
      out.writeBytes(encode(field.getKey()));
      out.write(':');
      out.writeBytes(encode(field.getValue()));
    }
    int tail = lastEnd < 0 ? closing : lastEnd;
    out.write(body, tail, body.length - tail);
    return new Unwrapped(out.toByteArray(), List.copyOf(betas));
  }

  private static List<String> betas(JsonParser parser, JsonToken value) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      throw new InvalidRequestException("anthropic_beta", "anthropic_beta must be an array");
    }
    List<String> betas = new ArrayList<>();
    while (parser.nextToken() == JsonToken.VALUE_STRING) {
      betas.add(parser.getText());
    }
    if (parser.currentToken() != JsonToken.END_ARRAY) {
      throw new InvalidRequestException(
          "anthropic_beta", "anthropic_beta must be an array of strings");
    }
    return betas;
  }

  private static int lastIndexOf(byte[] body, char c) {
    for (int i = body.length - 1; i >= 0; i--) {
      if (body[i] == c) {
        return i;
      }
    }
    throw new InvalidRequestException(null, "the request body is not valid JSON");
  }

  private static byte[] encode(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a field", e);
    }
  }
}
