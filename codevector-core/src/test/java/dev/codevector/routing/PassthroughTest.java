package dev.codevector.routing;

import static dev.codevector.testing.RouterHarness.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codevector.registry.BackendDefaults;
import dev.codevector.registry.ModelKind;
import dev.codevector.registry.ModelNotFoundException;
import dev.codevector.registry.ModelStatus;
import dev.codevector.registry.ProviderModel;
import dev.codevector.testing.RouterHarness;
import dev.codevector.wire.Dialect;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class PassthroughTest {
  private static final String COMPLETION =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15,"
          + "\"prompt_tokens_details\":{\"cached_tokens\":8}}}";

  private final MockWebServer upstream = new MockWebServer();
  private final RouterHarness harness = new RouterHarness();
  private ProviderModel target;

  @BeforeEach
  void start() throws Exception {
    upstream.start();
    target = harness.chatModel(harness.openAiCompatible("local", upstream), "llama-3.3-70b");
  }

  @AfterEach
  void stop() {
    harness.close();
    upstream.close();
  }

  @Test
  void requestPassesThroughByteForByteButForTheModel() throws Exception {
    harness.publish("gpt-main", BackendDefaults.none(), target);
    upstream.enqueue(new MockResponse.Builder().body(COMPLETION).build());
    String sent =
        "{ \"messages\" : [{\"role\":\"user\",\"content\":\"hi \\u00e9\"}],\n"
            + "  \"model\": \"gpt-main\", \"x_vendor\": {\"n\": 1.50, \"e\": 1e5},"
            + " \"temperature\": 0.70 }";

    try (RouteResponse response = harness.route(Dialect.OPENAI_CHAT, sent)) {
      assertEquals(200, response.status());
      assertEquals(COMPLETION, body(response));
    }

    RecordedRequest received = upstream.takeRequest(5, TimeUnit.SECONDS);
    assertEquals(sent.replace("\"gpt-main\"", "\"llama-3.3-70b\""), received.getBody().utf8());
    assertEquals("/v1/chat/completions", received.getUrl().encodedPath());
    assertEquals("Bearer sk-upstream-local-0123456789", received.getHeaders().get("Authorization"));
  }

  @Test
  void wholeAnswerIsWrittenAsReceivedAndItsCopyCannotAlterIt() throws Exception {
    harness.publish("gpt-main", BackendDefaults.none(), target);
    upstream.enqueue(new MockResponse.Builder().body(COMPLETION).build());

    try (RouteResponse response =
        harness.route(Dialect.OPENAI_CHAT, "{\"model\":\"gpt-main\",\"messages\":[]}")) {
      response.body()[0] = 'X';
      ByteArrayOutputStream written = new ByteArrayOutputStream();
      response.writeBody(written);
      assertEquals(COMPLETION, written.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void backendDefaultsFillOnlyWhatTheClientLeftOut() throws Exception {
    harness.publish(
        "gpt-main",
        BackendDefaults.none()
            .withTemperature(0.2)
            .withMaxTokens(512)
            .withTopK(40)
            .withStop(List.of("END")),
        target);
    upstream.enqueue(new MockResponse.Builder().body(COMPLETION).build());

    harness
        .route(Dialect.OPENAI_CHAT, "{\"model\":\"gpt-main\",\"messages\":[],\"temperature\":1}")
        .close();

    assertEquals(
        "{\"model\":\"llama-3.3-70b\",\"messages\":[],\"temperature\":1"
            + ",\"max_tokens\":512,\"stop\":[\"END\"]}",
        upstream.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
  }

  @Test
  void usageIsReadOffTheAnswer() {
    harness.publish("gpt-main", BackendDefaults.none(), target);
    upstream.enqueue(new MockResponse.Builder().body(COMPLETION).build());

    try (RouteResponse response =
        harness.route(Dialect.OPENAI_CHAT, "{\"model\":\"gpt-main\",\"messages\":[]}")) {
      assertEquals(new Usage(4, 8, 0, 3), response.usage());
    }
  }

  @Test
  void answerNamesTheModelAndTheBackendThatServedIt() {
    var model = harness.publish("gpt-main", BackendDefaults.none(), target);
    upstream.enqueue(new MockResponse.Builder().body(COMPLETION).build());

    try (RouteResponse response =
        harness.route(Dialect.OPENAI_CHAT, "{\"model\":\"gpt-main\",\"messages\":[]}")) {
      assertEquals(model.id(), response.model().id());
      var backend = response.model().backend(response.attempts().get(0).backendId()).orElseThrow();
      assertEquals(target.id(), backend.providerModelId());
    }
  }

  @Test
  void unknownModelIsNotFound() {
    assertThrows(
        ModelNotFoundException.class,
        () -> harness.route(Dialect.OPENAI_CHAT, "{\"model\":\"nope\",\"messages\":[]}"));
  }

  @Test
  void disabledModelIsNotFoundAndTheMessageSaysWhy() {
    var model = harness.publish("gpt-main", BackendDefaults.none(), target);
    harness.registry.changeStatus(model.id(), ModelStatus.DISABLED);

    ModelNotFoundException e =
        assertThrows(
            ModelNotFoundException.class,
            () -> harness.route(Dialect.OPENAI_CHAT, "{\"model\":\"gpt-main\",\"messages\":[]}"));

    assertEquals(
        "model 'gpt-main' not found: it is disabled; only an active Model takes requests",
        e.getMessage());
    assertEquals("gpt-main", e.reference());
    assertEquals(0, upstream.getRequestCount());
  }

  @Test
  void draftModelIsNotFoundAndTheMessageSaysWhy() {
    harness.registry.createModel("gpt-draft", "GPT draft", ModelKind.CHAT);

    ModelNotFoundException e =
        assertThrows(
            ModelNotFoundException.class,
            () -> harness.route(Dialect.OPENAI_CHAT, "{\"model\":\"gpt-draft\",\"messages\":[]}"));

    assertEquals(
        "model 'gpt-draft' not found: it is a draft; only an active Model takes requests",
        e.getMessage());
  }

  @Test
  void modelTheCallerMayNotUseIsNotFoundAndTheMessageSaysWhy() {
    harness.publish("gpt-main", BackendDefaults.none(), target);

    ModelNotFoundException e =
        assertThrows(
            ModelNotFoundException.class,
            () ->
                harness
                    .codeVector
                    .router()
                    .route(
                        RouteRequest.of(
                            Dialect.OPENAI_CHAT,
                            "{\"model\":\"gpt-main\",\"messages\":[]}"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        model -> false));

    assertEquals(
        "model 'gpt-main' not found: the caller is not permitted to use it", e.getMessage());
    assertEquals(0, upstream.getRequestCount());
  }

  @Test
  void duplicateKeysAreRefusedBeforeAnyUpstreamCall() {
    harness.publish("gpt-main", BackendDefaults.none(), target);

    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () ->
                harness.route(
                    Dialect.OPENAI_CHAT,
                    "{\"model\":\"gpt-main\",\"messages\":[],\"max_tokens\":1,\"max_tokens\":9000}"));

    assertEquals(true, e.getMessage().contains("has the key 'max_tokens' twice"), e.getMessage());
    assertEquals(0, upstream.getRequestCount());
  }

  @Test
  void malformedJsonIsRefused() {
    assertThrows(
        InvalidRequestException.class,
        () -> harness.route(Dialect.OPENAI_CHAT, "{\"model\":\"gpt-main\",\"messages\":["));
  }

  @Test
  void nonBooleanStreamIsRefusedNamingTheParameter() {
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () ->
                harness.route(Dialect.OPENAI_CHAT, "{\"model\":\"gpt-main\",\"stream\":\"yes\"}"));

    assertEquals(java.util.Optional.of("stream"), e.param());
  }
}
