package dev.codevector.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

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
import dev.codevector.spi.Store;
import dev.codevector.store.InMemoryStore;
import dev.codevector.usage.UsageRecord;
import dev.codevector.vault.Kek;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.SseEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Routes chat requests in-process to a Model with two Backends: the primary upstream answers 503,
 * so CodeVector fails over to the standby, invisibly to the caller, for a whole answer and for a
 * stream. Then it reads back the usage CodeVector recorded for both requests. Both upstreams are
 * tiny local HTTP servers speaking OpenAI's chat API.
 *
 * <p>Run it with {@code ./mvnw -q install -DskipTests && ./mvnw -q -pl examples exec:java}.
 */
public final class InProcessFailover {
  private static final String ANSWER =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"standby-model\","
          + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
          + "\"Hello from the standby.\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":5,\"total_tokens\":14}}";
  private static final String STREAM =
      "data: {\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
          + "\"delta\":{\"content\":\"Hello \"},\"finish_reason\":null}]}\n\n"
          + "data: {\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
          + "\"delta\":{\"content\":\"again.\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3,\"total_tokens\":12}}\n\n"
          + "data: [DONE]\n\n";

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
   * Runs the example, printing the attempts, the answers and the usage recorded.
   *
   * @param out where to print
   * @throws IOException if a local upstream cannot start
   */
  public static void run(PrintStream out) throws IOException {
    HttpServer primary = upstream(503, "{\"error\":{\"message\":\"overloaded\"}}", "");
    HttpServer standby = upstream(200, ANSWER, STREAM);
    Instant started = Instant.now();
    try (Store store = new InMemoryStore();
        CodeVector codeVector =
            CodeVector.builder().store(store).kek(Kek.generate().aead()).build()) {
      Registry registry = codeVector.registry();
      ProviderModel first = providerModel(registry, "primary", primary);
      ProviderModel second = providerModel(registry, "standby", standby);
      Model model = registry.createModel("gpt-main", "GPT main", ModelKind.CHAT);
      registry.addBackend(model.id(), BackendSpec.of(first.id(), 10));
      registry.addBackend(model.id(), BackendSpec.of(second.id(), 20));
      registry.changeStatus(model.id(), ModelStatus.ACTIVE);

      try (RouteResponse response = codeVector.router().route(chat(false))) {
        for (Attempt attempt : response.attempts()) {
          out.printf(
              "attempt %s: %s, status %d%n",
              attempt.upstreamModel(), attempt.outcome(), attempt.status());
        }
        out.println("answer: " + new String(response.body(), StandardCharsets.UTF_8));
        out.println("usage: " + response.usage());
      }

      try (RouteResponse stream = codeVector.router().route(chat(true))) {
        Optional<SseEvent> event;
        while ((event = stream.nextEvent()).isPresent()) {
          out.println("event: " + event.get().data());
        }
        out.println("served by priority " + stream.servedBy().orElseThrow().priority());
      }

      codeVector.usage().flush();
      for (UsageRecord record :
          codeVector.usageRecords(started, Instant.now().plusSeconds(1), 10)) {
        out.printf(
            "recorded: %s, %d attempts, status %d, %d tokens in, %d out%n",
            record.providerModel().orElse("none"),
            record.attempts().size(),
            record.status(),
            record.inputTokens(),
            record.outputTokens());
      }
    } finally {
      primary.stop(0);
      standby.stop(0);
    }
  }

  private static RouteRequest chat(boolean stream) {
    String body =
        "{\"model\":\"gpt-main\",\"stream\":"
            + stream
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    return RouteRequest.of(Dialect.OPENAI_CHAT, body.getBytes(StandardCharsets.UTF_8));
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

  /** A local upstream answering with the body given, or with the stream for a streamed request. */
  private static HttpServer upstream(int status, String body, String stream) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          String request = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
          boolean streamed = status == 200 && request.contains("\"stream\":true");
          byte[] bytes = (streamed ? stream : body).getBytes(UTF_8);
          exchange
              .getResponseHeaders()
              .add("content-type", streamed ? "text/event-stream" : "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    return server;
  }
}
