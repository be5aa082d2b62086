package dev.codevector.internal.upstream.cohere;

import dev.codevector.registry.BackendDefaults;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderModel;
import dev.codevector.routing.RouteResponse;
import dev.codevector.testing.RouterHarness;
import dev.codevector.wire.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A router whose Model {@code chat} is routed to Cohere Providers on loopback, one mock server per
 * Backend in priority order, started before each test and closed after it. Register it on an
 * instance field with {@code @RegisterExtension}. Provider {@code i} is named {@code cohere-i} and
 * has the key {@code key-cohere-i-0123456789}.
 */
final class CohereRoute implements BeforeEachCallback, AfterEachCallback {
  final RouterHarness harness = new RouterHarness();
  private final List<String> modelIds;
  private final List<MockWebServer> servers = new ArrayList<>();

  /**
   * Creates the route.
   *
   * @param modelIds the upstream model of each Backend, first tried first
   */
  CohereRoute(String... modelIds) {
    this.modelIds = List.of(modelIds);
    for (int i = 0; i < modelIds.length; i++) {
      servers.add(new MockWebServer());
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    ProviderModel[] targets = new ProviderModel[servers.size()];
    for (int i = 0; i < targets.length; i++) {
      MockWebServer server = servers.get(i);
      server.start();
      targets[i] = cohereModel(harness, "cohere-" + i, server, modelIds.get(i));
    }
    harness.publish("chat", BackendDefaults.none(), targets);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    harness.close();
    servers.forEach(MockWebServer::close);
  }

  /** Registers a Cohere Provider whose base URL is a mock server, with one model. */
  static ProviderModel cohereModel(
      RouterHarness harness, String name, MockWebServer server, String modelId) {
    return harness.chatModel(
        harness.provider(
            name, ProviderKind.COHERE, Map.of("baseUrl", server.url("/").toString()), server),
        modelId);
  }

  /** Returns the mock server of the Backend at a position in the route. */
  MockWebServer cohere(int backend) {
    return servers.get(backend);
  }

  /** Returns the mock server of the first Backend. */
  MockWebServer cohere() {
    return cohere(0);
  }

  /** Routes a JSON body; the caller closes the response. */
  RouteResponse route(Dialect dialect, String json) {
    return harness.route(dialect, json);
  }
}
