package dev.codevector.internal.upstream.cohere;

import static dev.codevector.internal.upstream.cohere.CohereTesting.answer;
import static dev.codevector.internal.upstream.cohere.CohereTesting.assertJson;
import static dev.codevector.internal.upstream.cohere.CohereTesting.assertRefused;
import static dev.codevector.testing.RouterHarness.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codevector.registry.BackendSpec;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelKind;
import dev.codevector.registry.ModelStatus;
import dev.codevector.registry.Pricing;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelSpec;
import dev.codevector.routing.InvalidRequestException;
import dev.codevector.routing.RouteResponse;
import dev.codevector.routing.Usage;
import dev.codevector.testing.RouterHarness;
import dev.codevector.wire.Dialect;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Map;
import java.util.OptionalInt;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** OpenAI Embeddings requests to a Cohere embedding model, through {@code /v2/embed}. */
final class CohereEmbeddingsTest {
  private static final String EMBEDDED =
      """
      {"id":"e1","embeddings":{"float":[[0.5,-1.25],[2.0,0.125]]},"texts":["a","b"],
       "meta":{"api_version":{"version":"2"},"billed_units":{"input_tokens":4}},
       "response_type":"embeddings_by_type"}
      """;

  private final MockWebServer cohere = new MockWebServer();
  private final RouterHarness harness = new RouterHarness();

  @BeforeEach
  void start() throws Exception {
    cohere.start();
    Provider provider =
        harness.provider(
            "cohere", ProviderKind.COHERE, Map.of("baseUrl", cohere.url("/").toString()), cohere);
    ProviderModel target =
        harness.registry.addProviderModel(
            provider.id(),
            new ProviderModelSpec(
                "embed-v4.0",
                ModelKind.EMBEDDING,
                128_000,
                OptionalInt.empty(),
                Pricing.of(new BigDecimal("0.12"), BigDecimal.ZERO)));
    Model model = harness.registry.createModel("embed", "Embed", ModelKind.EMBEDDING);
    harness.registry.addBackend(model.id(), BackendSpec.of(target.id(), 10));
    harness.registry.changeStatus(model.id(), ModelStatus.ACTIVE);
  }

  @AfterEach
  void stop() {
    harness.close();
    cohere.close();
  }

  @Test
  void inputsArePostedToV2EmbedAsSearchDocuments() throws Exception {
    cohere.enqueue(answer(200, EMBEDDED));

    harness
        .route(
            Dialect.OPENAI_EMBEDDINGS,
            "{\"model\":\"embed\",\"input\":[\"a\",\"b\"],\"dimensions\":256,\"user\":\"u\"}")
        .close();

    RecordedRequest received = cohere.takeRequest();
    assertEquals("/v2/embed", received.getUrl().encodedPath());
    assertEquals("Bearer key-cohere-0123456789", received.getHeaders().get("Authorization"));
    assertJson(
        """
        {"model":"embed-v4.0","texts":["a","b"],"input_type":"search_document",
         "embedding_types":["float"],"output_dimension":256}
        """,
        received.getBody().utf8());
  }

  @Test
  void oneTextWithItsOwnInputTypeIsSentAsIs() throws Exception {
    cohere.enqueue(answer(200, EMBEDDED));

    harness
        .route(
            Dialect.OPENAI_EMBEDDINGS,
            "{\"model\":\"embed\",\"input\":\"a\",\"input_type\":\"search_query\"}")
        .close();

    assertJson(
        """
        {"model":"embed-v4.0","texts":["a"],"input_type":"search_query",
         "embedding_types":["float"]}
        """,
        cohere.takeRequest().getBody().utf8());
  }

  @Test
  void embeddingsComeBackAsAnOpenAiListWithUsage() {
    cohere.enqueue(answer(200, EMBEDDED));

    try (RouteResponse response =
        harness.route(Dialect.OPENAI_EMBEDDINGS, "{\"model\":\"embed\",\"input\":[\"a\",\"b\"]}")) {
      assertEquals(200, response.status());
      assertJson(
          """
          {"object":"list","data":[
            {"object":"embedding","index":0,"embedding":[0.5,-1.25]},
            {"object":"embedding","index":1,"embedding":[2.0,0.125]}],
           "model":"embed","usage":{"prompt_tokens":4,"total_tokens":4}}
          """,
          body(response));
      assertEquals(new Usage(4, 0, 0, 0), response.usage());
    }
  }

  @Test
  void base64EncodingGivesLittleEndianFloats() {
    cohere.enqueue(answer(200, EMBEDDED));

    try (RouteResponse response =
        harness.route(
            Dialect.OPENAI_EMBEDDINGS,
            "{\"model\":\"embed\",\"input\":[\"a\",\"b\"],\"encoding_format\":\"base64\"}")) {
      String encoded =
          CohereTesting.json(body(response)).path("data").path(0).path("embedding").asText();

      ByteBuffer floats =
          ByteBuffer.wrap(Base64.getDecoder().decode(encoded)).order(ByteOrder.LITTLE_ENDIAN);
      assertEquals(8, floats.remaining());
      assertEquals(0.5f, floats.getFloat());
      assertEquals(-1.25f, floats.getFloat());
    }
  }

  @Test
  void tokenArraysAreRefusedWithoutCallingCohere() {
    RouteResponse response =
        harness.route(Dialect.OPENAI_EMBEDDINGS, "{\"model\":\"embed\",\"input\":[[1,2,3]]}");

    assertRefused(
        """
        {"error":{"message":"Cohere embeds text, not token arrays",
         "type":"invalid_request_error","param":"input","code":null}}
        """,
        response);
    assertEquals(0, cohere.getRequestCount());
  }

  @Test
  void chatRequestsToAnEmbeddingModelAreRefusedNamingWhy() {
    Executable chat =
        () ->
            harness.route(
                Dialect.OPENAI_CHAT,
                "{\"model\":\"embed\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    InvalidRequestException e = assertThrows(InvalidRequestException.class, chat);
    assertEquals(
        "the model 'embed' cannot serve openai chat requests: none of its backends takes them or"
            + " a translation of them",
        e.getMessage());
    assertEquals(0, cohere.getRequestCount());
  }
}
