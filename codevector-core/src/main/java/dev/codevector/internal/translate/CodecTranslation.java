package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.wire.SseEvent;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A translation made of a client codec and an upstream codec that meet in the common form: the
 * client's request is read into a {@link Conversation} and written for the upstream; its answer is
 * read into a {@link Reply}, or its stream into {@link ReplyEvent}s, and written for the client.
 * Every pair of dialects is translated this way.
 *
 * <p>Not thread-safe; confine to the request's thread.
 */
final class CodecTranslation implements Translation {
  private final ClientCodec client;
  private final UpstreamCodec upstream;

  /**
   * Creates the translation of one request.
   *
   * @param client the client's side, fresh for this request
   * @param upstream the upstream's side, fresh for this request
   */
  CodecTranslation(ClientCodec client, UpstreamCodec upstream) {
    this.client = Objects.requireNonNull(client, "client");
    this.upstream = Objects.requireNonNull(upstream, "upstream");
  }

  @Override
  public ObjectNode request(ObjectNode clientRequest) {
    return upstream.write(client.read(Objects.requireNonNull(clientRequest, "clientRequest")));
  }

  @Override
  public ObjectNode response(ObjectNode upstreamResponse) {
    return client.write(
        upstream.read(Objects.requireNonNull(upstreamResponse, "upstreamResponse")));
  }

  @Override
  public StreamTranslator stream() {
    ReplyStreamReader reader = upstream.streamReader();
    ReplyStreamWriter writer = client.streamWriter();
    return new StreamTranslator() {
      @Override
      public void onEvent(SseEvent event, Consumer<SseEvent> out) {
        reader.onEvent(event, reply -> writer.onEvent(reply, out));
      }

      @Override
      public void onEnd(Consumer<SseEvent> out) {
        writer.onEnd(out);
      }
    };
  }
}
