package dev.codevector.examples.ask;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.codevector.CodeVectorException;
import dev.codevector.routing.Attempt;
import dev.codevector.routing.InvalidRequestException;
import dev.codevector.routing.RouteRequest;
import dev.codevector.routing.RouteResponse;
import dev.codevector.routing.Router;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.SseEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Serves {@code POST /ask} and {@code POST /ask/stream}: asks the Model the question in the body
 * and answers with the whole answer, or with server-sent events, one {@code {"text": "..."}} per
 * piece of the answer as it arrives and a closing {@code done} event (or an {@code error} event if
 * the upstream broke off). A body without a question gets 400; an answer no upstream gave, 502; an
 * upstream's refusal of the question, its status and message.
 */
final class AskHandler implements HttpHandler {
  private final Router router;
  private final boolean stream;

  /**
   * Creates the handler of one endpoint.
   *
   * @param router the router to ask through
   * @param stream whether the endpoint streams its answers
   */
  AskHandler(Router router, boolean stream) {
    this.router = router;
    this.stream = stream;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
        send(exchange, 404, AskJson.error("not found"));
        return;
      }
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().set("allow", "POST");
        send(exchange, 405, AskJson.error("use POST"));
        return;
      }
      String question;
      try {
        question = AskJson.question(exchange.getRequestBody().readAllBytes());
      } catch (IllegalArgumentException e) {
        send(exchange, 400, AskJson.error(e.getMessage()));
        return;
      }
      ask(exchange, question);
    }
  }

  private void ask(HttpExchange exchange, String question) throws IOException {
    byte[] request = ChatJson.request(AskModel.SLUG, question, stream);
    try (RouteResponse response = router.route(RouteRequest.of(Dialect.OPENAI_CHAT, request))) {
      if (response.status() / 100 != 2) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        send(exchange, response.status(), AskJson.error(ChatJson.error(body).orElse(body)));
      } else if (response.isStream()) {
        relay(exchange, response);
      } else {
        String answer = ChatJson.answer(new String(response.body(), StandardCharsets.UTF_8));
        send(exchange, 200, AskJson.answer(answer, answeredBy(response.attempts())));
      }
    } catch (InvalidRequestException e) {
      send(exchange, 400, AskJson.error(e.getMessage()));
    } catch (CodeVectorException e) {
      send(exchange, 502, AskJson.error("no upstream answered: " + e.getMessage()));
    }
  }

  /** Passes each piece of the answer on as it arrives; closing the response cancels the rest. */
  private static void relay(HttpExchange exchange, RouteResponse response) throws IOException {
    exchange.getResponseHeaders().set("content-type", "text/event-stream");
    exchange.getResponseHeaders().set("cache-control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    for (Optional<SseEvent> event = response.nextEvent();
        event.isPresent();
        event = response.nextEvent()) {
      String data = event.get().data();
      Optional<String> error = ChatJson.error(data);
      if (error.isPresent()) {
        write(out, SseEvent.of("error", AskJson.error(error.get())));
        return;
      }
      Optional<String> text = ChatJson.delta(data);
      if (text.isPresent()) {
        write(out, SseEvent.data(AskJson.text(text.get())));
      }
    }
    write(out, SseEvent.of("done", "{}"));
  }

  private static void write(OutputStream out, SseEvent event) throws IOException {
    out.write(event.toBytes());
    out.flush();
  }

  private static String answeredBy(List<Attempt> attempts) {
    return attempts.get(attempts.size() - 1).upstreamModel();
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("content-type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }
}
