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
    byte[] model = JsonStringEncoder.getInstance().quoteAsUTF8(upstreamModel);
    byte[] fields = added.isEmpty() ? new byte[0] : fields(added);
    int head = scan.modelStart;
    int middle = scan.closingBrace - scan.modelEnd;
    int tail = body.length - scan.closingBrace;
    byte[] out = new byte[head + model.length + 2 + middle + fields.length + tail];
    int at = 0;
    System.arraycopy(body, 0, out, at, head);
    at += head;
    out[at++] = '"';
    System.arraycopy(model, 0, out, at, model.length);
    at += model.length;
    out[at++] = '"';
    System.arraycopy(body, scan.modelEnd, out, at, middle);
    at += middle;
    System.arraycopy(fields, 0, out, at, fields.length);
    at += fields.length;
    System.arraycopy(body, scan.closingBrace, out, at, tail);
    return out;
  }

  /** Encodes fields as {@code ,"name":value} each, to go before the closing brace. */
  private static byte[] fields(Map<String, Object> added) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (Map.Entry<String, Object> field : added.entrySet()) {
        out.write(',');
        out.writeBytes(Json.MAPPER.writeValueAsBytes(field.getKey()));
        out.write(':');
        out.writeBytes(Json.MAPPER.writeValueAsBytes(field.getValue()));
      }
      return out.toByteArray();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a default field", e);
    }
  }
}
