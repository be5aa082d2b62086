package dev.codevector.internal.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.codevector.internal.Json;
import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * Rewrites a client's body for an upstream of the same dialect by splicing bytes: the {@code model}
 * value is replaced and missing default fields are appended before the closing brace. Every other
 * byte, unknown fields, order and number formatting included, stays as the client sent it.
 */
final class PassthroughBody {
  private PassthroughBody() {}

  static byte[] rewrite(
      byte[] body, RequestScan scan, String upstreamModel, Map<String, Object> added) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
      out.write(body, 0, scan.modelStart);
      out.write('"');
      out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(upstreamModel));
      out.write('"');
      out.write(body, scan.modelEnd, scan.closingBrace - scan.modelEnd);
      for (Map.Entry<String, Object> field : added.entrySet()) {
        out.write(',');
        out.writeBytes(Json.MAPPER.writeValueAsBytes(field.getKey()));
        out.write(':');
        out.writeBytes(Json.MAPPER.writeValueAsBytes(field.getValue()));
      }
      out.write(body, scan.closingBrace, body.length - scan.closingBrace);
      return out.toByteArray();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a default field", e);
    }
  }
}
