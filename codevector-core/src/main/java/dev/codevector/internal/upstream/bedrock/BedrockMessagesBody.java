package dev.codevector.internal.upstream.bedrock;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.codevector.internal.Json;
import dev.codevector.routing.InvalidRequestException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The body of a Claude {@code InvokeModel} call, spliced from the Anthropic Messages body: the
 * top-level {@code model} and {@code stream} fields are left out (Bedrock takes the model in the
 * path and streaming by endpoint), and {@code "anthropic_version":"bedrock-2023-05-31"} and the
 * client's beta flags as {@code anthropic_beta} are appended. Every other field keeps its bytes, so
 * content, tools, {@code cache_control}, thinking blocks and their signatures, and fields unknown
 * to CodeVector reach Claude as the client sent them; only the white space between top-level fields
 * is not kept.
 *
 * <p>Stateless; thread-safe.
 */
final class BedrockMessagesBody {
  static final String VERSION = "bedrock-2023-05-31";

  private static final Set<String> REPLACED =
      Set.of("model", "stream", "anthropic_version", "anthropic_beta");

  private BedrockMessagesBody() {}

  /**
   * Returns the InvokeModel body.
   *
   * @param messages the Anthropic Messages body
   * @param betas the client's beta flags, in order; none adds no {@code anthropic_beta}
   * @throws InvalidRequestException if the body is not a JSON object
   */
  static byte[] of(byte[] messages, List<String> betas) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(messages.length + 64);
    out.write('{');
    try (JsonParser parser = Json.MAPPER.createParser(messages)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidRequestException(null, "the request body must be a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        String name = parser.currentName();
        parser.nextToken();
        // A string's end is known only once it is read: finish it before taking the position.
        parser.finishToken();
        parser.skipChildren();
        int end = (int) parser.currentLocation().getByteOffset();
        if (!REPLACED.contains(name)) {
          out.write(messages, start, end - start);
          out.write(',');
        }
      }
      out.writeBytes(Json.MAPPER.writeValueAsBytes("anthropic_version"));
      out.write(':');
      out.writeBytes(Json.MAPPER.writeValueAsBytes(VERSION));
      if (!betas.isEmpty()) {
        out.write(',');
        out.writeBytes(Json.MAPPER.writeValueAsBytes("anthropic_beta"));
        out.write(':');
        out.writeBytes(Json.MAPPER.writeValueAsBytes(betas));
      }
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException(null, "the request body is not valid JSON");
    } catch (IOException e) {
      throw new IllegalStateException("reading a byte array cannot fail", e);
    }
    out.write('}');
    return out.toByteArray();
  }
}
