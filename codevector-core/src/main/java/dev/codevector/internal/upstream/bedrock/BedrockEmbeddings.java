package dev.codevector.internal.upstream.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.internal.upstream.http.ConvertedResponse;
import dev.codevector.routing.InvalidRequestException;
import dev.codevector.spi.UpstreamResponse;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.ErrorBody;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * OpenAI embeddings requests answered by Bedrock's embedding models, the family told by the model
 * id:
 *
 * <ul>
 *   <li>Titan ({@code amazon.titan-embed-*}) embeds one text per call: one {@code InvokeModel} per
 *       input, {@code {"inputText":…}} plus {@code dimensions} when the client sent it, answered
 *       {@code {"embedding":[…],"inputTextTokenCount":n}}.
 *   <li>Cohere ({@code cohere.embed-*}) embeds all inputs in one call, {@code
 *       {"texts":[…],"input_type":"search_document"}} plus {@code output_dimension} for {@code
 *       dimensions}, answered {@code {"embeddings":[[…]]}} or, from v4, {@code
 *       {"embeddings":{"float":[[…]]}}}; its token count comes from the {@code
 *       X-Amzn-Bedrock-Input-Token-Count} header.
 * </ul>
 *
 * <p>The answer is OpenAI's list, {@code embedding} as numbers or, for {@code
 * encoding_format:"base64"}, as base64 of little-endian float32 values. Inputs must be text: token
 * arrays, other encodings and other embedding families are refused with a 400. The first failed
 * call's error is the answer, in OpenAI's shape with Bedrock's status; an answer without one vector
 * per input is a 502, so the router fails over.
 *
 * <p>Stateless; thread-safe.
 */
final class BedrockEmbeddings {
  private static final String TOKEN_COUNT = "X-Amzn-Bedrock-Input-Token-Count";

  /** Makes one {@code InvokeModel} call of the request's model. */
  interface Invoker {
    UpstreamResponse invoke(byte[] body) throws IOException;
  }

  private BedrockEmbeddings() {}

  /**
   * Answers an embeddings request.
   *
   * @param model the Bedrock model id
   * @param request the OpenAI embeddings request
   * @param invoker calls the model
   * @throws InvalidRequestException if the request cannot be expressed for the model
   */
  static UpstreamResponse answer(String model, JsonNode request, Invoker invoker)
      throws IOException {
    List<String> inputs = inputs(request.path("input"));
    String format = request.path("encoding_format").asText("float");
    if (!format.equals("float") && !format.equals("base64")) {
      throw new InvalidRequestException(
          "encoding_format", "encoding_format must be float or base64");
    }
    JsonNode dimensions = request.path("dimensions");
    List<JsonNode> vectors = new ArrayList<>();
    long tokens = 0;
    if (model.contains("titan-embed")) {
      for (String input : inputs) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("inputText", input);
        if (dimensions.isIntegralNumber()) {
          body.set("dimensions", dimensions);
        }
        try (UpstreamResponse answer = invoker.invoke(Json.MAPPER.writeValueAsBytes(body))) {
          if (!isSuccess(answer)) {
            return BedrockErrors.converted(answer, Dialect.OPENAI_EMBEDDINGS);
          }
          JsonNode titan = read(answer);
          vectors.add(titan.path("embedding"));
          tokens += titan.path("inputTextTokenCount").asLong(0);
        }
      }
    } else if (model.contains("cohere.embed")) {
      ObjectNode body = Json.MAPPER.createObjectNode();
      inputs.forEach(body.putArray("texts")::add);
      body.put("input_type", "search_document");
      if (dimensions.isIntegralNumber()) {
        body.set("output_dimension", dimensions);
      }
      try (UpstreamResponse answer = invoker.invoke(Json.MAPPER.writeValueAsBytes(body))) {
        if (!isSuccess(answer)) {
          return BedrockErrors.converted(answer, Dialect.OPENAI_EMBEDDINGS);
        }
        JsonNode embeddings = read(answer).path("embeddings");
        (embeddings.isObject() ? embeddings.path("float") : embeddings).forEach(vectors::add);
        tokens = answer.header(TOKEN_COUNT).map(BedrockEmbeddings::count).orElse(0L);
      }
    } else {
      throw new InvalidRequestException(
          "model",
          "Bedrock embeddings are answered by Titan (amazon.titan-embed-*) and Cohere"
              + " (cohere.embed-*) models; '"
              + model
              + "' is neither");
    }
    if (vectors.size() != inputs.size() || !vectors.stream().allMatch(JsonNode::isArray)) {
      return ConvertedResponse.local(
          502,
          ErrorBody.of(
              Dialect.OPENAI_EMBEDDINGS, 502, "Bedrock answered without one embedding per input"));
    }
    return ConvertedResponse.local(200, list(model, vectors, format.equals("base64"), tokens));
  }

  private static long count(String header) {
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static List<String> inputs(JsonNode input) {
    List<String> inputs = new ArrayList<>();
    if (input.isTextual()) {
      inputs.add(input.asText());
    } else if (input.isArray()) {
      input.forEach(
          item -> {
            if (!item.isTextual()) {
              throw new InvalidRequestException(
                  "input", "input must be a string or an array of strings for this model");
            }
            inputs.add(item.asText());
          });
    }
    if (inputs.isEmpty()) {
      throw new InvalidRequestException("input", "input must be a string or an array of strings");
    }
    return inputs;
  }

  private static boolean isSuccess(UpstreamResponse answer) {
    return answer.status() >= 200 && answer.status() < 300;
  }

  private static JsonNode read(UpstreamResponse answer) throws IOException {
    try (InputStream body = answer.body()) {
      return Json.MAPPER.readTree(body);
    }
  }

  private static byte[] list(String model, List<JsonNode> vectors, boolean base64, long tokens)
      throws IOException {
    ObjectNode list = Json.MAPPER.createObjectNode().put("object", "list");
    ArrayNode data = list.putArray("data");
    for (int i = 0; i < vectors.size(); i++) {
      ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
      if (base64) {
        item.put("embedding", floats(vectors.get(i)));
      } else {
        item.set("embedding", vectors.get(i));
      }
    }
    list.put("model", model);
    list.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
    return Json.MAPPER.writeValueAsBytes(list);
  }

  /** Returns a vector as base64 of little-endian float32 values, as OpenAI sends it. */
  private static String floats(JsonNode vector) {
    ByteBuffer bytes = ByteBuffer.allocate(vector.size() * Float.BYTES);
    bytes.order(ByteOrder.LITTLE_ENDIAN);
    vector.forEach(value -> bytes.putFloat(value.floatValue()));
    return Base64.getEncoder().encodeToString(bytes.array());
  }
}
