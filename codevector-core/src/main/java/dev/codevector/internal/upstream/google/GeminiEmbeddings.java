package dev.codevector.internal.upstream.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The Gemini API's embeddings: {@code embedContent} for one input, {@code batchEmbedContents} for
 * several. Its answers report no token counts unless they carry {@code usageMetadata}, so usage is
 * otherwise estimated (see {@link GoogleEmbeddings#estimatedTokens}).
 */
final class GeminiEmbeddings implements GoogleEmbeddings.Api {

  @Override
  public String method(int inputs) {
    return inputs == 1 ? "embedContent" : "batchEmbedContents";
  }

  @Override
  public ObjectNode body(List<String> inputs, OptionalInt dimensions, String model) {
    if (inputs.size() == 1) {
      return request(inputs.get(0), dimensions);
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode requests = body.putArray("requests");
    for (String input : inputs) {
      ObjectNode request = Json.MAPPER.createObjectNode().put("model", "models/" + model);
      requests.add(request.setAll(request(input, dimensions)));
    }
    return body;
  }

  @Override
  public List<JsonNode> vectors(JsonNode answer) {
    List<JsonNode> vectors = new ArrayList<>();
    if (answer.has("embedding")) {
      vectors.add(answer.path("embedding").path("values"));
    }
    for (JsonNode embedding : answer.path("embeddings")) {
      vectors.add(embedding.path("values"));
    }
    return vectors;
  }

  @Override
  public long inputTokens(JsonNode answer, List<String> inputs) {
    JsonNode reported = answer.path("usageMetadata").path("promptTokenCount");
    return reported.isNumber() ? reported.asLong() : GoogleEmbeddings.estimatedTokens(inputs);
  }

  private static ObjectNode request(String input, OptionalInt dimensions) {
    ObjectNode request = Json.MAPPER.createObjectNode();
    request.putObject("content").putArray("parts").addObject().put("text", input);
    dimensions.ifPresent(size -> request.put("outputDimensionality", size));
    return request;
  }
}
