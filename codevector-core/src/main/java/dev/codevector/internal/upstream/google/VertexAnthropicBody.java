package dev.codevector.internal.upstream.google;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.codevector.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Rewrites an Anthropic Messages body for Vertex AI as Anthropic's Vertex SDK does, by splicing
 * bytes so that everything else (content, tools, {@code cache_control}, thinking, field order,
 * number formatting) stays as the client sent it: {@code "anthropic_version":"vertex-2023-10-16"}
 * is added unless the body has its own, and for messages the top-level {@code model} is removed,
 * since Vertex takes it in the URL; token counting keeps it. {@code stream} stays, as the SDK
 * leaves it.
 */
final class VertexAnthropicBody {
  private static final String VERSION = "vertex-2023-10-16";
  private static final byte[] VERSION_FIELD =
      ("\"anthropic_version\":\"" + VERSION + "\"").getBytes(StandardCharsets.UTF_8);

  private VertexAnthropicBody() {}

  /**
   * Returns the body for Vertex AI.
   *
   * @param body the client's JSON object, with a string {@code model}
   * @param keepModel whether {@code model} stays, as token counting wants
   */
  static byte[] rewrite(byte[] body, boolean keepModel) throws IOException {
    int modelStart = -1;
    int modelEnd = -1;
    boolean hasVersion = false;
    try (JsonParser parser = Json.MAPPER.createParser(body)) {
      parser.nextToken();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        int start = (int) parser.currentTokenLocation().getByteOffset();
        parser.nextToken();
        parser.skipChildren();
        // A string's value is read lazily; finishing it moves the location past its closing quote.
        parser.finishToken();
        if (name.equals("model")) {
          modelStart = start;
          modelEnd = (int) parser.currentLocation().getByteOffset();
        } else if (name.equals("anthropic_version")) {
          hasVersion = true;
        }
      }
    }
    if (modelStart < 0) {
      throw new IOException("the request body has no model");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + VERSION_FIELD.length + 1);
    if (keepModel) {
      out.write(body, 0, modelEnd);
      if (!hasVersion) {
        out.write(',');
        out.writeBytes(VERSION_FIELD);
      }
      out.write(body, modelEnd, body.length - modelEnd);
    } else if (!hasVersion) {
      out.write(body, 0, modelStart);
      out.writeBytes(VERSION_FIELD);
      out.write(body, modelEnd, body.length - modelEnd);
    } else {
      int[] cut = withComma(body, modelStart, modelEnd);
      out.write(body, 0, cut[0]);
      out.write(body, cut[1], body.length - cut[1]);
    }
    return out.toByteArray();
  }

  /** Widens a field's range to take one comma that separates it from its neighbour. */
  private static int[] withComma(byte[] body, int start, int end) {
    int after = end;
    while (after < body.length && Character.isWhitespace(body[after])) {
      after++;
    }
    if (after < body.length && body[after] == ',') {
      return new int[] {start, after + 1};
    }
    int before = start - 1;
    while (before > 0 && Character.isWhitespace(body[before])) {
      before--;
    }
    return body[before] == ',' ? new int[] {before, end} : new int[] {start, end};
  }
}
