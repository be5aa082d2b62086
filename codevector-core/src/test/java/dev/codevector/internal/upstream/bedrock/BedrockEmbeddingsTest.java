package dev.codevector.internal.upstream.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.registry.BackendDefaults;
import dev.codevector.routing.RouteResponse;
import dev.codevector.testing.RouterHarness;
import dev.codevector.wire.Dialect;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bedrock's Titan and Cohere embedding models answering OpenAI embeddings requests. */
final class BedrockEmbeddingsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MockWebServer upstream = new MockWebServer();
  private final RouterHarness harness = new RouterHarness();

  @BeforeEach
  void start() throws Exception {
    upstream.start();
  }

  @AfterEach
  void stop() {
    harness.close();
    upstream.close();
  }

  @Test
  void titanEmbedsEachInputWithItsOwnCall() throws Exception {
    publish("amazon.titan-embed-text-v2:0");
    upstream.enqueue(
        BedrockProviders.json(200, "{\"embedding\":[0.25,-0.5],\"inputTextTokenCount\":3}"));
    upstream.enqueue(
        BedrockProviders.json(200, "{\"embedding\":[0.125,1.0],\"inputTextTokenCount\":4}"));

    JsonNode answer =
        embed("{\"model\":\"embed\",\"input\":[\"first text\",\"second\"],\"dimensions\":256}");

    RecordedRequest first = upstream.takeRequest();
    assertEquals("/model/amazon.titan-embed-text-v2%3A0/invoke", first.getUrl().encodedPath());
    assertEquals("{\"inputText\":\"first text\",\"dimensions\":256}", first.getBody().utf8());
    BedrockProviders.assertSigned(first);
    assertEquals(
        "{\"inputText\":\"second\",\"dimensions\":256}", upstream.takeRequest().getBody().utf8());
    assertEquals(
        JSON.readTree(
            "{\"object\":\"list\",\"data\":["
                + "{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.25,-0.5]},"
                + "{\"object\":\"embedding\",\"index\":1,\"embedding\":[0.125,1.0]}],"
                + "\"model\":\"embed\","
                + "\"usage\":{\"prompt_tokens\":7,\"total_tokens\":7}}"),
        answer);
  }

  @Test
  void cohereEmbedsAllInputsInOneCall() throws Exception {
    publish("cohere.embed-english-v3");
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("X-Amzn-Bedrock-Input-Token-Count", "9")
            .body(
                "{\"id\":\"e1\",\"embeddings\":[[0.5,0.25],[1.5,2.5]],"
                    + "\"response_type\":\"embeddings_floats\",\"texts\":[\"a\",\"b\"]}")
            .build());

    JsonNode answer = embed("{\"model\":\"embed\",\"input\":[\"a\",\"b\"]}");

    RecordedRequest received = upstream.takeRequest();
    assertEquals("/model/cohere.embed-english-v3/invoke", received.getUrl().encodedPath());
    assertEquals(
        "{\"texts\":[\"a\",\"b\"],\"input_type\":\"search_document\"}", received.getBody().utf8());
    assertEquals("[1.5,2.5]", answer.path("data").get(1).path("embedding").toString());
    assertEquals(9, answer.path("usage").path("prompt_tokens").asInt());
  }

  @Test
  void cohereV4FloatEmbeddingsAreReadFromTheirTypedList() throws Exception {
    publish("cohere.embed-v4:0");
    upstream.enqueue(BedrockProviders.json(200, "{\"embeddings\":{\"float\":[[0.75,-0.25]]}}"));

    JsonNode answer = embed("{\"model\":\"embed\",\"input\":\"one\",\"dimensions\":1024}");

    assertEquals(
        "{\"texts\":[\"one\"],\"input_type\":\"search_document\",\"output_dimension\":1024}",
        upstream.takeRequest().getBody().utf8());
    assertEquals("[0.75,-0.25]", answer.path("data").get(0).path("embedding").toString());
  }

  @Test
  void base64EncodingSendsLittleEndianFloats() throws Exception {
    publish("amazon.titan-embed-text-v2:0");
    upstream.enqueue(
        BedrockProviders.json(200, "{\"embedding\":[0.25,-0.5],\"inputTextTokenCount\":3}"));

    JsonNode answer = embed("{\"model\":\"embed\",\"input\":\"x\",\"encoding_format\":\"base64\"}");

    ByteBuffer floats =
        ByteBuffer.wrap(
                Base64.getDecoder().decode(answer.path("data").get(0).path("embedding").asText()))
            .order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0.25f, floats.getFloat());
    assertEquals(-0.5f, floats.getFloat());
    assertEquals(0, floats.remaining());
  }

  @Test
  void tokenArraysAreRefusedWithoutCallingBedrock() throws Exception {
    publish("amazon.titan-embed-text-v2:0");

    try (RouteResponse response =
        harness.route(Dialect.OPENAI_EMBEDDINGS, "{\"model\":\"embed\",\"input\":[[101,102]]}")) {
      assertEquals(400, response.status());
      JsonNode error = JSON.readTree(response.body()).path("error");
      assertEquals("input", error.path("param").asText());
      assertEquals("invalid_request_error", error.path("type").asText());
    }
    assertEquals(0, upstream.getRequestCount());
  }

  @Test
  void otherEmbeddingFamiliesAreRefusedNamingTheModel() throws Exception {
    publish("amazon.nova-2-multimodal-embeddings-v1:0");

    try (RouteResponse response =
        harness.route(Dialect.OPENAI_EMBEDDINGS, "{\"model\":\"embed\",\"input\":\"x\"}")) {
      assertEquals(400, response.status());
      assertTrue(
          JSON.readTree(response.body())
              .path("error")
              .path("message")
              .asText()
              .contains("'amazon.nova-2-multimodal-embeddings-v1:0'"));
    }
  }

  @Test
  void failedCallIsTheAnswerWithItsStatus() throws Exception {
    publish("amazon.titan-embed-text-v2:0");
    upstream.enqueue(
        BedrockProviders.json(200, "{\"embedding\":[0.25],\"inputTextTokenCount\":1}"));
    upstream.enqueue(
        BedrockProviders.error(
            404, "ResourceNotFoundException", "{\"message\":\"Model not found\"}"));

    try (RouteResponse response =
        harness.route(Dialect.OPENAI_EMBEDDINGS, "{\"model\":\"embed\",\"input\":[\"a\",\"b\"]}")) {
      assertEquals(404, response.status());
      JsonNode error = JSON.readTree(response.body()).path("error");
      assertEquals("Model not found", error.path("message").asText());
      assertEquals("ResourceNotFoundException", error.path("code").asText());
    }
  }

  private void publish(String modelId) {
    harness.publish(
        "embed",
        BackendDefaults.none(),
        harness.chatModel(BedrockProviders.withKeys(harness, "aws", upstream), modelId));
  }

  private JsonNode embed(String request) throws Exception {
    try (RouteResponse response = harness.route(Dialect.OPENAI_EMBEDDINGS, request)) {
      assertEquals(200, response.status());
      return JSON.readTree(response.body());
    }
  }
}
