package dev.codevector.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

final class ClientSessionTest {

  private static UnaryOperator<String> headers(Map<String, String> headers) {
    return name -> headers.get(name.toLowerCase(Locale.ROOT));
  }

  @Test
  void sessionIdComesFromClaudeCodeThenCodexHeaders() {
    assertEquals(
        Optional.of("2218abcc-38af-4bbe-8a1a-fbf5c48f4617"),
        ClientSession.fromHeaders(
            headers(
                Map.of(
                    "x-claude-code-session-id",
                    "2218abcc-38af-4bbe-8a1a-fbf5c48f4617",
                    "session-id",
                    "other"))));
    assertEquals(
        Optional.of("01a1ff20-537e-79c2-a757-287314d0fbe9"),
        ClientSession.fromHeaders(
            headers(Map.of("session-id", "01a1ff20-537e-79c2-a757-287314d0fbe9"))));
    assertEquals(
        Optional.of("s-1"), ClientSession.fromHeaders(headers(Map.of("session_id", "s-1"))));
    assertEquals(Optional.empty(), ClientSession.fromHeaders(headers(Map.of())));
  }

  @Test
  void sessionIdLosesControlCharactersAndIsCut() {
    assertEquals(
        Optional.of("abc"),
        ClientSession.fromHeaders(
            headers(Map.of("x-claude-code-session-id", "a\u0000b\u001bc\n"))));
    assertEquals(
        Optional.of("x".repeat(128)),
        ClientSession.fromHeaders(headers(Map.of("session-id", "x".repeat(10_000)))));
    assertEquals(
        Optional.of("fallback"),
        ClientSession.fromHeaders(
            headers(Map.of("x-claude-code-session-id", " \t ", "session-id", "fallback"))),
        "a blank session id is no session id");
  }

  @Test
  void aRoutedRequestsHeadersNameTheSessionTheSameWay() {
    assertEquals(
        Optional.of("s-2"),
        ClientSession.fromHeaders(
            Map.of("session_id", List.of("\u0007s-2 ", "ignored"), "session-id", List.of("b"))));
    assertEquals(Optional.empty(), ClientSession.fromHeaders(Map.of("session_id", List.of())));
  }
}
