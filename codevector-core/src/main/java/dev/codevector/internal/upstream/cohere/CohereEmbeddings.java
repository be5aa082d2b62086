package dev.codevector.internal.upstream.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.routing.InvalidRequestException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * Converts OpenAI Embeddings requests into Cohere's {@code POST /v2/embed} and its answers back.
 *
 * <p>The request's {@code input} (a string or a list of strings) becomes {@code texts}, asking for
 * float embeddings; {@code dimensions} becomes {@code output_dimension}. OpenAI has no input type,
 * which Cohere's embedding models require: it is {@code search_document}, or the request's own
 * {@code input_type} when it sends one (the field Cohere's SDKs and LiteLLM use). Token arrays are
 * refused, since Cohere embeds text. The answer's float vectors are returned as they are, or as
 * base64 of little-endian float32 values when the request asked for {@code encoding_format:
 * "base64"}, as OpenAI does; usage is Cohere's billed input tokens.
 *
 * <p>Stateless; thread-safe.
 */
final class CohereEmbeddings {
  private static final String DEFAULT_INPUT_TYPE = "search_document";

  private CohereEmbeddings() {}

  /**
   * Returns Cohere's embed request for an OpenAI Embeddings request.
   *
   * @param embeddings the OpenAI request
   * @param model the upstream model id
   * @return the Cohere request
   * @throws InvalidRequestException if the input is not text
   */
  static ObjectNode request(JsonNode embeddings, String model) {
    ObjectNode out = Json.MAPPER.createObjectNode().put("model", model);
    ArrayNode texts = out.putArray("texts");
    JsonNode input = embeddings.path("input");
    if (input.isTextual()) {
      texts.add(input);
    } else {
      for (JsonNode text : input) {
        if (!text.isTextual()) {
          throw new InvalidRequestException("input", "Cohere embeds text, not token arrays");
        }
        texts.add(text);
      }
    }
    JsonNode inputType = embeddings.path("input_type");
    out.put("input_type", inputType.isTextual() ? inputType.asText() : DEFAULT_INPUT_TYPE);
    out.putArray("embedding_types").add("float");
    if (embeddings.path("dimensions").isIntegralNumber()) {
      out.set("output_dimension", embeddings.get("dimensions"));
    }
    return out;
  }

  /**
   * Returns whether an OpenAI Embeddings request wants base64 vectors.
   *
   * @param embeddings the OpenAI request
   * @return true for {@code encoding_format: "base64"}
   */
  static boolean wantsBase64(JsonNode embeddings) {
    return embeddings.path("encoding_format").asText("").equals("base64");
  }

  /**
   * Returns the OpenAI answer for Cohere's answer.
   *
   * @param cohere Cohere's answer
   * @param model the model name to report
   * @param base64 whether to encode each vector as base64
   * @return the OpenAI {@code list} of embeddings
   */
  static ObjectNode answer(JsonNode cohere, String model, boolean base64) {
    ObjectNode out = Json.MAPPER.createObjectNode().put("object", "list");
    ArrayNode data = out.putArray("data");
    JsonNode vectors = cohere.path("embeddings").path("float");
    for (int i = 0; i < vectors.size(); i++) {
      ObjectNode embedding = data.addObject().put("object", "embedding").put("index", i);
      JsonNode vector = vectors.get(i);
      if (base64) {
        embedding.put("embedding", base64(vector));
      } else {
        embedding.set("embedding", vector);
      }
    }
    out.put("model", model);
    long tokens = cohere.path("meta").path("billed_units").path("input_tokens").asLong(0);
    out.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
    return out;
  }

  private static String base64(JsonNode vector) {
    ByteBuffer bytes = ByteBuffer.allocate(vector.size() * Float.BYTES);
    bytes.order(ByteOrder.LITTLE_ENDIAN);
    for (JsonNode value : vector) {
      bytes.putFloat(value.floatValue());
    }
    return Base64.getEncoder().encodeToString(bytes.array());
  }
}
