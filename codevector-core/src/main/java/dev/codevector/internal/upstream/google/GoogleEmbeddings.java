package dev.codevector.internal.upstream.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import dev.codevector.internal.upstream.http.ConvertedResponse;
import dev.codevector.internal.upstream.http.JsonPost;
import dev.codevector.routing.InvalidRequestException;
import dev.codevector.spi.UpstreamRequest;
import dev.codevector.spi.UpstreamResponse;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.ErrorBody;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * One OpenAI Embeddings request served by a Google embedding API ({@link Api}): the {@code input}
 * texts and {@code dimensions} go out in the API's form, and its vectors come back as an OpenAI
 * {@code list} of {@code embedding}s, as floats or, with {@code encoding_format: "base64"}, as
 * base64 of little-endian float32 values (what OpenAI's SDKs ask for by default). Token arrays as
 * input are refused, since Google's APIs take text only.
 */
final class GoogleEmbeddings {
  private final JsonPost post;

  /** One of Google's embedding APIs. */
  interface Api {
    /** Returns the model method to call for this many inputs. */
    String method(int inputs);

    /** Returns the request body. */
    ObjectNode body(List<String> inputs, OptionalInt dimensions, String model);

    /** Returns the vectors of the answer, in input order, each an array of numbers. */
    List<JsonNode> vectors(JsonNode answer);

    /** Returns the input tokens the answer reports, or an estimate where it reports none. */
    long inputTokens(JsonNode answer, List<String> inputs);
  }

  GoogleEmbeddings(JsonPost post) {
    this.post = post;
  }

  UpstreamResponse call(
      UpstreamRequest request, Api api, Function<String, HttpUrl> method, Headers headers)
      throws IOException {
    JsonNode embeddings = Json.MAPPER.readTree(request.body());
    List<String> inputs;
    try {
      inputs = inputs(embeddings.path("input"));
    } catch (InvalidRequestException e) {
      return ConvertedResponse.refused(Dialect.OPENAI_EMBEDDINGS, e);
    }
    JsonNode dimensions = embeddings.path("dimensions");
    byte[] body =
        Json.MAPPER.writeValueAsBytes(
            api.body(
                inputs,
                dimensions.isInt() ? OptionalInt.of(dimensions.asInt()) : OptionalInt.empty(),
                request.model()));
    UpstreamResponse upstream =
        post.send(method.apply(api.method(inputs.size())), headers, request, body);
    if (upstream.status() >= 300) {
      return GoogleErrors.answer(Dialect.OPENAI_EMBEDDINGS, upstream);
    }
    JsonNode answer;
    try {
      answer = Json.MAPPER.readTree(upstream.body().readAllBytes());
    } catch (IOException e) {
      upstream.close();
      throw e;
    }
    List<JsonNode> vectors = api.vectors(answer);
    if (vectors.size() != inputs.size()) {
      return ConvertedResponse.of(
          502,
          ErrorBody.of(
              Dialect.OPENAI_EMBEDDINGS, 502, "the upstream answered without every embedding"),
          upstream);
    }
    boolean base64 = embeddings.path("encoding_format").asText("float").equals("base64");
    ObjectNode out = Json.MAPPER.createObjectNode().put("object", "list");
    ArrayNode data = out.putArray("data");
    for (int i = 0; i < vectors.size(); i++) {
      ObjectNode embedding = data.addObject().put("object", "embedding").put("index", i);
      if (base64) {
        embedding.put("embedding", base64(vectors.get(i)));
      } else {
        embedding.set("embedding", vectors.get(i));
      }
    }
    out.put("model", request.model());
    long tokens = api.inputTokens(answer, inputs);
    out.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
    return ConvertedResponse.of(upstream.status(), Json.MAPPER.writeValueAsBytes(out), upstream);
  }

  /**
   * Estimates the tokens of texts at four characters each, for APIs whose answer reports none, so
   * that usage and spend are not recorded as zero.
   */
  static long estimatedTokens(List<String> inputs) {
    long tokens = 0;
    for (String input : inputs) {
      tokens += (input.codePointCount(0, input.length()) + 3) / 4;
    }
    return tokens;
  }

  private static List<String> inputs(JsonNode input) {
    List<String> texts = new ArrayList<>();
    if (input.isTextual()) {
      texts.add(input.asText());
    } else if (input.isArray()) {
      for (JsonNode each : input) {
        if (!each.isTextual()) {
          break;
        }
        texts.add(each.asText());
      }
    }
    if (texts.isEmpty() || texts.size() != (input.isArray() ? input.size() : 1)) {
      throw new InvalidRequestException(
          "input", "Google embedding models take input as a string or an array of strings");
    }
    return texts;
  }

  private static String base64(JsonNode vector) {
    ByteBuffer floats = ByteBuffer.allocate(vector.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (JsonNode value : vector) {
      floats.putFloat(value.floatValue());
    }
    return Base64.getEncoder().encodeToString(floats.array());
  }
}
