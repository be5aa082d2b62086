package dev.codevector.server.proxy;

import dev.codevector.usage.Client;
import dev.codevector.usage.ClientKind;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Tells which program sent a request from the request's headers; the session it belongs to is told
 * by {@link dev.codevector.routing.ClientSession}.
 *
 * <p>The client comes from the {@code User-Agent}: {@code claude-cli/<version>} is Claude Code,
 * {@code codex_…/<version>} (or an {@code originator} header starting with {@code codex}) is Codex,
 * one holding {@code Cursor/<version>} is Cursor, {@code OpenAI/<language> <version>} an OpenAI SDK
 * and {@code Anthropic/<language> <version>} an Anthropic SDK; anything else is {@link
 * ClientKind#OTHER}, of no version. Only the version is kept of the {@code User-Agent}, cut at its
 * first character that is not a letter, digit, dot, dash, plus or underscore, and to {@value
 * Client#MAX_VERSION} characters.
 *
 * <p>Thread-safe: it holds no state.
 */
final class ClientDetector {
  private ClientDetector() {}

  /**
   * Returns the client that sent a request.
   *
   * @param headers the request's header of a name, or null when it has none
   */
  static Client client(UnaryOperator<String> headers) {
    String agent = Optional.ofNullable(headers.apply("user-agent")).orElse("").strip();
    String originator = Optional.ofNullable(headers.apply("originator")).orElse("");
    if (agent.startsWith("claude-cli/")) {
      return of(ClientKind.CLAUDE_CODE, after(agent, "/"));
    }
    if (agent.startsWith("codex_") || originator.startsWith("codex")) {
      return of(ClientKind.CODEX, agent.startsWith("codex") ? after(agent, "/") : "");
    }
    int cursor = agent.indexOf("Cursor/");
    if (cursor >= 0) {
      return of(ClientKind.CURSOR, agent.substring(cursor + "Cursor/".length()));
    }
    if (agent.startsWith("OpenAI/")) {
      return of(ClientKind.OPENAI_SDK, after(agent, " "));
    }
    if (agent.startsWith("Anthropic/")) {
      return of(ClientKind.ANTHROPIC_SDK, after(agent, " "));
    }
    return Client.OTHER;
  }

  /** Returns what follows the first {@code separator} in a text, or nothing when it has none. */
  private static String after(String text, String separator) {
    int at = text.indexOf(separator);
    return at < 0 ? "" : text.substring(at + separator.length());
  }

  /** Makes a client of the version at the start of {@code text}, if a version starts it. */
  private static Client of(ClientKind kind, String text) {
    int end = 0;
    while (end < text.length() && end < Client.MAX_VERSION && isVersionChar(text.charAt(end))) {
      end++;
    }
    return new Client(kind, end == 0 ? Optional.empty() : Optional.of(text.substring(0, end)));
  }

  private static boolean isVersionChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || ".-+_".indexOf(c) >= 0;
  }
}
