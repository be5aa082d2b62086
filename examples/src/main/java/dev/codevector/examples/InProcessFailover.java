package dev.codevector.examples;

import com.sun.net.httpserver.HttpServer;
import dev.codevector.CodeVector;
import dev.codevector.registry.BackendSpec;
import dev.codevector.registry.Model;
import dev.codevector.registry.ModelKind;
import dev.codevector.registry.ModelStatus;
import dev.codevector.registry.Pricing;
import dev.codevector.registry.ProviderKind;
import dev.codevector.registry.ProviderModel;
import dev.codevector.registry.ProviderModelSpec;
import dev.codevector.registry.ProviderSpec;
import dev.codevector.registry.Registry;
import dev.codevector.routing.Attempt;
import dev.codevector.routing.RouteRequest;
import dev.codevector.routing.RouteResponse;
import dev.codevector.store.InMemoryStore;
import dev.codevector.vault.Kek;
import dev.codevector.wire.Dialect;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Routes a chat request in-process to a Model with two Backends: the primary upstream answers 503,
 * so CodeVector fails over to the standby, invisibly to the caller. Both upstreams are tiny local
 * HTTP servers speaking OpenAI's chat API.
 *
 * <p>Run it with {@code ./mvnw -q install -DskipTests && ./mvnw -q -pl examples exec:java}.
 */
public final class InProcessFailover {
  private static final String ANSWER =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"standby-model\","
          + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
          + "\"Hello from the standby.\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":5,\"total_tokens\":14}}";

  private InProcessFailover() {}

  /**
   * Runs the example and prints what happened.
   *
   * @param args ignored
   * @throws IOException if a local upstream cannot start
   */
  public static void main(String[] args) throws IOException {
    run(System.out);
  }

  /**
   * Runs the example, printing the attempts and the answer.
   *
   * @param out where to print
   * @throws IOException if a local upstream cannot start
   */
  public static void run(PrintStream out) throws IOException {
    HttpServer primary = upstream(503, "{\"error\":{\"message\":\"overloaded\"}}");
    HttpServer standby = upstream(200, ANSWER);
    try (CodeVector codeVector =
        CodeVector.builder().store(new InMemoryStore()).kek(Kek.generate().aead()).build()) {
      Registry registry = codeVector.registry();
      ProviderModel first = providerModel(registry, "primary", primary);
      ProviderModel second = providerModel(registry, "standby", standby);
      Model model = registry.createModel("gpt-main", "GPT main", ModelKind.CHAT);
      registry.addBackend(model.id(), BackendSpec.of(first.id(), 10));
      registry.addBackend(model.id(), BackendSpec.of(second.id(), 20));
      registry.changeStatus(model.id(), ModelStatus.ACTIVE);

      byte[] request =
          "{\"model\":\"gpt-main\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"
              .getBytes(StandardCharsets.UTF_8);
      try (RouteResponse response =
          codeVector.router().route(RouteRequest.of(Dialect.OPENAI_CHAT, request))) {
        for (Attempt attempt : response.attempts()) {
          out.printf(
              "attempt %s: %s, status %d%n",
              attempt.upstreamModel(), attempt.outcome(), attempt.status());
        }
        out.println("answer: " + new String(response.body(), StandardCharsets.UTF_8));
        out.println("usage: " + response.usage());
      }
    } finally {
      primary.stop(0);
      standby.stop(0);
    }
  }

  private static ProviderModel providerModel(Registry registry, String name, HttpServer server) {
    String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    var provider =
        registry.createProvider(
            ProviderSpec.withApiKey(
                name,
                ProviderKind.OPENAI_COMPATIBLE,
                "local-key-0123456789",
                Map.of("baseUrl", baseUrl)));
    return registry.addProviderModel(
        provider.id(),
        new ProviderModelSpec(
            name + "-model",
            ModelKind.CHAT,
            8192,
            OptionalInt.of(1024),
            Pricing.of(BigDecimal.ZERO, BigDecimal.ZERO)));
  }

  private static HttpServer upstream(int status, String body) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("content-type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    return server;
  }
}
