package dev.codevector.internal.upstream.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.CodeVector;
import dev.codevector.registry.BackendDefaults;
import dev.codevector.registry.BackendSpec;
import dev.codevector.registry.ModelKind;
import dev.codevector.registry.ModelStatus;
import dev.codevector.registry.Pricing;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelSpec;
import dev.codevector.registry.ProviderSpec;
import dev.codevector.registry.Registry;
import dev.codevector.routing.RouteRequest;
import dev.codevector.routing.RouteResponse;
import dev.codevector.store.InMemoryStore;
import dev.codevector.testing.FakeClock;
import dev.codevector.testing.RouterHarness;
import dev.codevector.testing.ServiceAccountKey;
import dev.codevector.vault.Kek;
import dev.codevector.vault.Secret;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.SseEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/**
 * CodeVector on a {@link FakeClock} with Google, Vertex AI and Vertex AI Anthropic Providers whose
 * upstreams are mock servers, and a {@link ServiceAccountKey} whose token endpoint is a mock server
 * too. Close it to release the HTTP client.
 */
final class GoogleTestbed implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String API_KEY = "AIzaSy-test-key-0123456789";

  final FakeClock clock = new FakeClock();
  final CodeVector codeVector =
      CodeVector.builder()
          .store(new InMemoryStore())
          .kek(Kek.generate().aead())
          .clock(clock)
          .build();
  final Registry registry = codeVector.registry();
  final ServiceAccountKey serviceAccount = new ServiceAccountKey();

  /** A Gemini API Provider at the mock server. */
  Provider google(String name, MockWebServer upstream) {
    return registry.createProvider(
        ProviderSpec.withApiKey(
            name,
            ProviderKind.GOOGLE,
            API_KEY,
            Map.of("baseUrl", upstream.url("/").toString(), "firstByteTimeoutSeconds", "10")));
  }

  /** A Vertex AI Provider of the kind whose endpoint is the mock server. */
  Provider vertex(String name, ProviderKind kind, MockWebServer upstream, MockWebServer tokens) {
    return registry.createProvider(
        new ProviderSpec(
            name,
            kind,
            Map.of(
                "project", "acme-prod-1",
                "region", "europe-west4",
                "endpoint", upstream.url("/").toString(),
                "firstByteTimeoutSeconds", "10"),
            Map.of("serviceAccountJson", Secret.of(serviceAccount.json(tokens.url("/token"))))));
  }

  /** A Vertex AI Provider of the kind at Google's own host for the region. */
  Provider vertexAt(String name, ProviderKind kind, String region, String serviceAccountJson) {
    return registry.createProvider(
        new ProviderSpec(
            name,
            kind,
            Map.of("project", "acme-prod-1", "region", region),
            Map.of("serviceAccountJson", Secret.of(serviceAccountJson))));
  }

  /** Creates and publishes a Model of the kind on the Provider Models, first tried first. */
  void publish(String slug, ModelKind kind, ProviderModel... targets) {
    var model = registry.createModel(slug, slug, kind);
    int priority = 10;
    for (ProviderModel target : targets) {
      registry.addBackend(
          model.id(), new BackendSpec(target.id(), priority, BackendDefaults.none()));
      priority += 10;
    }
    registry.changeStatus(model.id(), ModelStatus.ACTIVE);
  }

  /** Adds a Provider Model of the kind and publishes a Model of the same name on it alone. */
  ProviderModel publish(Provider provider, ModelKind kind, String modelId) {
    ProviderModel target =
        registry.addProviderModel(
            provider.id(),
            new ProviderModelSpec(
                modelId,
                kind,
                128_000,
                OptionalInt.of(8192),
                Pricing.of(BigDecimal.ONE, BigDecimal.TEN)));
    publish(slug(modelId), kind, target);
    return target;
  }

  static String slug(String modelId) {
    return modelId.replaceAll("[^a-z0-9]+", "-");
  }

  RouteResponse route(Dialect dialect, String json) {
    return route(dialect, json.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  RouteResponse route(Dialect dialect, byte[] body, Map<String, List<String>> headers) {
    return codeVector.router().route(new RouteRequest(dialect, body, headers));
  }

  /** Routes an OpenAI Chat request that says hi to a Model. */
  RouteResponse chat(String slug) {
    return route(
        Dialect.OPENAI_CHAT,
        "{\"model\":\"" + slug + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
  }

  /** Routes a request and returns its whole answer's body as JSON. */
  JsonNode answer(Dialect dialect, String json) {
    try (RouteResponse response = route(dialect, json)) {
      return json(RouterHarness.body(response));
    }
  }

  /** Routes a request and returns every event of its streamed answer. */
  List<SseEvent> events(Dialect dialect, String json) {
    try (RouteResponse response = route(dialect, json)) {
      return RouterHarness.events(response);
    }
  }

  static MockResponse json(int status, String body) {
    return new MockResponse.Builder()
        .code(status)
        .addHeader("content-type", "application/json")
        .body(body)
        .build();
  }

  static MockResponse sse(String... events) {
    StringBuilder body = new StringBuilder();
    for (String event : events) {
      body.append("data: ").append(event).append("\r\n\r\n");
    }
    return new MockResponse.Builder()
        .addHeader("content-type", "text/event-stream")
        .body(body.toString())
        .build();
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    codeVector.close();
  }
}
