package dev.codevector.routing;

import dev.codevector.usage.UsageRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Tells the client session (an agent's conversation) a request belongs to, the one way usage
 * records it and balanced routing keeps a session on one Backend.
 *
 * <p>A header names it first: Claude Code's {@code x-claude-code-session-id}, else Codex's {@code
 * session_id} or {@code session-id}. Without these the body may name it, as OpenAI's {@code
 * prompt_cache_key} or else Anthropic's {@code metadata.user_id}; the router reads those (see
 * {@link RouteResponse#clientSession()}). Either is cleaned the same way: control characters
 * removed, white space stripped, cut to {@value UsageRecord#MAX_SESSION_ID} characters, and empty
 * when nothing is left. Thread-safe: it holds no state.
 */
public final class ClientSession {
  /** The headers that name a session, lowercase, in the order they are asked. */
  public static final List<String> HEADERS =
      List.of("x-claude-code-session-id", "session_id", "session-id");

  private ClientSession() {}

  /**
   * Returns the session a request's headers name.
   *
   * @param header gives the request's header of a name, or null when it has none
   * @return the cleaned session, or empty
   */
  public static Optional<String> fromHeaders(UnaryOperator<String> header) {
    for (String name : HEADERS) {
      Optional<String> session = clean(header.apply(name));
      if (session.isPresent()) {
        return session;
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the session a routed request's headers name.
   *
   * @param headers the headers, by lowercase name, as a {@link RouteRequest} holds them
   * @return the cleaned session, or empty
   */
  public static Optional<String> fromHeaders(Map<String, List<String>> headers) {
    return fromHeaders(
        name -> {
          List<String> values = headers.get(name);
          return values == null || values.isEmpty() ? null : values.get(0);
        });
  }

  /**
   * Cleans a session a client sent: control characters removed, white space stripped, cut to
   * {@value UsageRecord#MAX_SESSION_ID} characters.
   *
   * @param value the session as sent, or null
   * @return the cleaned session, or empty when nothing is left
   */
  public static Optional<String> clean(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String clean =
        value
            .codePoints()
            .filter(c -> !Character.isISOControl(c))
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString()
            .strip();
    if (clean.length() > UsageRecord.MAX_SESSION_ID) {
      clean = clean.substring(0, UsageRecord.MAX_SESSION_ID).strip();
    }
    return clean.isEmpty() ? Optional.empty() : Optional.of(clean);
  }
}
