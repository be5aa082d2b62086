package dev.codevector.testing;

import dev.codevector.CodeVector;
import dev.codevector.registry.BackendDefaults;
import dev.codevector.registry.BackendSpec;
import dev.codevector.registry.Model;
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
import dev.codevector.routing.RouterListener;
import dev.codevector.store.InMemoryStore;
import dev.codevector.vault.Kek;
import dev.codevector.vault.Secret;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.SseEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import mockwebserver3.MockWebServer;

/**
 * CodeVector with an in-memory store, wired to upstreams on loopback, for router tests. Close it to
 * release the HTTP client.
 */
public final class RouterHarness implements AutoCloseable {
  /** The instance under test. */
  public final CodeVector codeVector;

  /** Its registry. */
  public final Registry registry;

  /**
   * Creates a harness whose circuits cool down after the given time.
   *
   * @param cooldown the circuit cooldown
   * @param listener the router listener
   */
  public RouterHarness(Duration cooldown, RouterListener listener) {
    this(builder -> builder.circuitCooldown(cooldown).listener(listener));
  }

  /**
   * Creates a harness on an in-memory store with more settings.
   *
   * @param settings applied to a builder that has its store and key-encryption key
   */
  public RouterHarness(UnaryOperator<CodeVector.Builder> settings) {
    codeVector =
        settings
            .apply(CodeVector.builder().store(new InMemoryStore()).kek(Kek.generate().aead()))
            .build();
    registry = codeVector.registry();
  }

  /** Creates a harness with a 30-second cooldown and no listener. */
  public RouterHarness() {
    this(Duration.ofSeconds(30), RouterListener.NONE);
  }

  /**
   * Registers an OpenAI-compatible Provider at a mock server's {@code /v1}.
   *
   * @param name the Provider's name
   * @param server the upstream
   * @return the Provider
   */
  public Provider openAiCompatible(String name, MockWebServer server) {
    return registry.createProvider(
        ProviderSpec.withApiKey(
            name,
            ProviderKind.OPENAI_COMPATIBLE,
            "sk-upstream-" + name + "-0123456789",
            Map.of("baseUrl", server.url("/v1").toString(), "firstByteTimeoutSeconds", "10")));
  }

  /**
   * Registers a Provider of any kind whose base URL points at a mock server.
   *
   * @param name the Provider's name
   * @param kind the kind
   * @param config the configuration; {@code baseUrl} is added when the kind takes one and it is
   *     absent
   * @param server the upstream; unused when the configuration has a {@code baseUrl}
   * @return the Provider
   */
  public Provider provider(
      String name, ProviderKind kind, Map<String, String> config, MockWebServer server) {
    Map<String, String> withUrl = new java.util.HashMap<>(config);
    String path = kind == ProviderKind.ANTHROPIC || kind == ProviderKind.AZURE ? "/" : "/v1";
    withUrl.computeIfAbsent("baseUrl", key -> server.url(path).toString());
    withUrl.putIfAbsent("firstByteTimeoutSeconds", "10");
    return registry.createProvider(
        new ProviderSpec(
            name, kind, withUrl, Map.of("apiKey", Secret.of("key-" + name + "-0123456789"))));
  }

  /**
   * Adds a chat Provider Model.
   *
   * @param provider the Provider
   * @param modelId the upstream model id
   * @return the Provider Model
   */
  public ProviderModel chatModel(Provider provider, String modelId) {
    return registry.addProviderModel(
        provider.id(),
        new ProviderModelSpec(
            modelId,
            ModelKind.CHAT,
            128_000,
            OptionalInt.of(8192),
            Pricing.of(BigDecimal.ONE, BigDecimal.TEN)));
  }

  /**
   * Creates and publishes a chat Model routed to the given Provider Models, in that priority order.
   *
   * @param slug the Model's slug
   * @param defaults the defaults of every Backend
   * @param targets the Provider Models, first is tried first
   * @return the published Model
   */
  public Model publish(String slug, BackendDefaults defaults, ProviderModel... targets) {
    Model model = registry.createModel(slug, slug, ModelKind.CHAT);
    int priority = 10;
    for (ProviderModel target : targets) {
      registry.addBackend(model.id(), new BackendSpec(target.id(), priority, defaults));
      priority += 10;
    }
    return registry.changeStatus(model.id(), ModelStatus.ACTIVE);
  }

  /**
   * Routes a JSON body in a dialect.
   *
   * @param dialect the client's dialect
   * @param json the body
   * @return the response; the caller closes it
   */
  public RouteResponse route(Dialect dialect, String json) {
    return codeVector
        .router()
        .route(RouteRequest.of(dialect, json.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Reads every event of a streamed response.
   *
   * @param response the response
   * @return its events, in order
   */
  public static List<SseEvent> events(RouteResponse response) {
    List<SseEvent> events = new ArrayList<>();
    Optional<SseEvent> event;
    while ((event = response.nextEvent()).isPresent()) {
      events.add(event.get());
    }
    return events;
  }

  /**
   * Returns a response body as text.
   *
   * @param response the response
   * @return the body
   */
  public static String body(RouteResponse response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    codeVector.close();
  }
}
