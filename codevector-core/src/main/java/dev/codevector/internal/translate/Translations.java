package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.routing.InvalidRequestException;
import dev.codevector.wire.Dialect;
import java.util.Optional;

/**
 * Finds the translation between a client dialect and an upstream dialect. Every translation is a
 * {@link ClientCodec} of the client's dialect and an {@link UpstreamCodec} of the upstream's,
 * meeting in the common form ({@link Conversation}, {@link Reply}, {@link ReplyEvent}): any client
 * dialect with a client codec reaches any upstream dialect with an upstream codec, so a new dialect
 * needs its two codecs and nothing per pair.
 *
 * <p>Client dialects: OpenAI Chat, Anthropic Messages, OpenAI Responses. Upstream dialects: OpenAI
 * Chat and Anthropic Messages; an upstream that speaks Responses takes Responses clients as they
 * are and is reached by the others through its Chat endpoint.
 */
public final class Translations {
  private Translations() {}

  /**
   * Returns whether requests of one dialect can be translated for an upstream of another.
   *
   * @param client the client's dialect
   * @param upstream the upstream's dialect
   * @return true when {@link #between} returns a translation for the pair
   */
  public static boolean exists(Dialect client, Dialect upstream) {
    return client != upstream && isClient(client) && isUpstream(upstream);
  }

  /**
   * Returns a new translation for one request, or empty when CodeVector cannot translate between
   * the two dialects.
   *
   * @param client the client's dialect
   * @param upstream the upstream's dialect
   * @param context the route's facts
   * @param created the current time in epoch seconds, for response objects that carry it
   * @return the translation, or empty
   */
  public static Optional<Translation> between(
      Dialect client, Dialect upstream, TranslationContext context, long created) {
    if (!exists(client, upstream)) {
      return Optional.empty();
    }
    return Optional.of(
        new CodecTranslation(
            clientCodec(client, context.clientModel(), created), upstreamCodec(upstream, context)));
  }

  /**
   * Returns a request read into the common form and written back in its own dialect: in the regular
   * shape an upstream codec writes (content as blocks, consecutive turns of one role merged, tool
   * results first in their turn, tool-call ids cleaned, calls without a result answered), for an
   * adapter that maps the dialect onto a native format field by field.
   *
   * @param dialect the request's dialect, one with a client and an upstream codec
   * @param request the request; not modified
   * @param context the route's facts
   * @return the request in regular shape
   * @throws InvalidRequestException if the request cannot be read or written, as a translation
   *     would refuse it
   * @throws IllegalArgumentException if the dialect has no codecs on both sides
   */
  public static ObjectNode normalize(
      Dialect dialect, ObjectNode request, TranslationContext context) {
    return upstreamCodec(dialect, context)
        .write(clientCodec(dialect, context.clientModel(), 0).read(request));
  }

  private static boolean isClient(Dialect dialect) {
    return dialect == Dialect.OPENAI_CHAT
        || dialect == Dialect.ANTHROPIC_MESSAGES
        || dialect == Dialect.OPENAI_RESPONSES;
  }

  private static boolean isUpstream(Dialect dialect) {
    return dialect == Dialect.OPENAI_CHAT || dialect == Dialect.ANTHROPIC_MESSAGES;
  }

  private static ClientCodec clientCodec(Dialect dialect, String model, long created) {
    return switch (dialect) {
      case OPENAI_CHAT -> new ChatClient(model, created);
      case ANTHROPIC_MESSAGES -> new MessagesClient(model);
      case OPENAI_RESPONSES -> new ResponsesClient(model, created);
      default -> throw new IllegalArgumentException("no client codec for " + dialect);
    };
  }

  private static UpstreamCodec upstreamCodec(Dialect dialect, TranslationContext context) {
    return switch (dialect) {
      case OPENAI_CHAT -> new ChatUpstream(context);
      case ANTHROPIC_MESSAGES -> new MessagesUpstream(context);
      default -> throw new IllegalArgumentException("no upstream codec for " + dialect);
    };
  }
}
