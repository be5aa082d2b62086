package dev.codevector.internal.upstream.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Vertex AI's embeddings: {@code predict} with {@code {"instances":[{"content"}…],
 * "parameters":{"outputDimensionality"}}}; the answer's {@code predictions[].embeddings} hold the
 * {@code values} and, in {@code statistics.token_count}, each input's tokens.
 */
final class VertexEmbeddings implements GoogleEmbeddings.Api {

  @Override
  public String method(int inputs) {
    return "predict";
  }

  @Override
  public ObjectNode body(List<String> inputs, OptionalInt dimensions, String model) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode instances = body.putArray("instances");
    inputs.forEach(input -> instances.addObject().put("content", input));
    dimensions.ifPresent(size -> body.putObject("parameters").put("outputDimensionality", size));
    return body;
  }

  @Override
  public List<JsonNode> vectors(JsonNode answer) {
    List<JsonNode> vectors = new ArrayList<>();
    for (JsonNode prediction : answer.path("predictions")) {
      vectors.add(prediction.path("embeddings").path("values"));
    }
    return vectors;
  }

  @Override
  public long inputTokens(JsonNode answer, List<String> inputs) {
    long tokens = 0;
    for (JsonNode prediction : answer.path("predictions")) {
      tokens += prediction.path("embeddings").path("statistics").path("token_count").asLong(0);
    }
    return tokens;
  }
}
