package dev.codevector.internal.routing;

import dev.codevector.registry.Model;
import dev.codevector.routing.Attempt;
import dev.codevector.routing.RouterListener;
import dev.codevector.routing.Usage;
import dev.codevector.wire.SseEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A whole JSON answer, read from the upstream before it was returned. */
final class BodyResponse extends RoutedResponse {
  private final int status;
  private final byte[] body;
  private final Usage usage;
  private final Map<String, String> headers;

  BodyResponse(
      Model model,
      List<Attempt> attempts,
      RouterListener listener,
      Bill bill,
      RouteUsage route,
      int status,
      byte[] body,
      Usage usage,
      Map<String, String> headers) {
    super(model, attempts, listener, bill, route);
    this.status = status;
    this.body = body;
    this.usage = usage;
    this.headers = Map.copyOf(headers);
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public String contentType() {
    return "application/json";
  }

  @Override
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  @Override
  public boolean isStream() {
    return false;
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public void writeBody(OutputStream out) throws IOException {
    out.write(body);
  }

  @Override
  public Optional<SseEvent> nextEvent() {
    throw new IllegalStateException("the answer is not a stream");
  }

  @Override
  public Usage usage() {
    return usage;
  }

  @Override
  void release() {}
}
