package dev.codevector.internal.translate;

import dev.codevector.wire.Dialect;
import java.util.Optional;

/**
 * Finds the translation between a client dialect and an upstream dialect, where one exists:
 * Anthropic Messages to OpenAI Chat and back, and OpenAI Responses to OpenAI Chat and to Anthropic
 * Messages.
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
    return switch (client) {
      case ANTHROPIC_MESSAGES, OPENAI_RESPONSES -> upstream == Dialect.OPENAI_CHAT;
      case OPENAI_CHAT -> upstream == Dialect.ANTHROPIC_MESSAGES;
      default -> false;
    };
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
    switch (client) {
      case ANTHROPIC_MESSAGES:
        return upstream == Dialect.OPENAI_CHAT
            ? Optional.of(
                new CodecTranslation(
                    new MessagesClient(context.clientModel()), new ChatUpstream(context)))
            : Optional.empty();
      case OPENAI_CHAT:
        return upstream == Dialect.ANTHROPIC_MESSAGES
            ? Optional.of(
                new CodecTranslation(
                    new ChatClient(context.clientModel(), created), new MessagesUpstream(context)))
            : Optional.empty();
      case OPENAI_RESPONSES:
        return upstream == Dialect.OPENAI_CHAT || upstream == Dialect.ANTHROPIC_MESSAGES
            ? Optional.of(
                new CodecTranslation(
                    new ResponsesClient(context.clientModel(), created),
                    upstream == Dialect.OPENAI_CHAT
                        ? new ChatUpstream(context)
                        : new MessagesUpstream(context)))
            : Optional.empty();
      default:
        return Optional.empty();
    }
  }
}
