package dev.codevector.server.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codevector.usage.Client;
import dev.codevector.usage.ClientKind;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class ClientDetectorTest {

  private static UnaryOperator<String> headers(Map<String, String> headers) {
    return name -> headers.get(name.toLowerCase(Locale.ROOT));
  }

  private static Client clientOf(String userAgent) {
    return ClientDetector.client(headers(Map.of("user-agent", userAgent)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "claude-cli/2.1.330 (external, sdk-cli)                               | CLAUDE_CODE   | 2.1.330",
        "claude-cli/1.0.98 (external, cli)                                    | CLAUDE_CODE   | 1.0.98",
        "codex_exec/0.169.0 (Debian 12.0.0; x86_64) dumb (codex_exec; 0.169.0) | CODEX         | 0.169.0",
        "codex_cli_rs/0.46.0 (Mac OS 15.6.1; arm64) iTerm.app/3.6.1           | CODEX         | 0.46.0",
        "Mozilla/5.0 (Macintosh) AppleWebKit/537.36 Cursor/1.7.44 Chrome/132  | CURSOR        | 1.7.44",
        "OpenAI/Python 1.109.1                                                | OPENAI_SDK    | 1.109.1",
        "OpenAI/JS 5.23.2                                                     | OPENAI_SDK    | 5.23.2",
        "OpenAI/Java 3.6.1                                                    | OPENAI_SDK    | 3.6.1",
        "Anthropic/Python 0.69.0                                              | ANTHROPIC_SDK | 0.69.0",
        "Anthropic/JS 0.65.0                                                  | ANTHROPIC_SDK | 0.65.0",
        "Anthropic/Java 2.8.1                                                 | ANTHROPIC_SDK | 2.8.1",
      })
  void userAgentsOfKnownClientsTellTheClientAndItsVersion(
      String userAgent, ClientKind kind, String version) {
    assertEquals(Client.of(kind, version), clientOf(userAgent));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "curl/8.5.0",
        "okhttp/5.1.0",
        "python-requests/2.32.3",
        "claude-cli-lookalike/1.0",
        "''",
      })
  void anyOtherUserAgentIsOtherOfNoVersion(String userAgent) {
    assertEquals(Client.OTHER, clientOf(userAgent));
  }

  @Test
  void requestWithoutAUserAgentIsOther() {
    assertEquals(Client.OTHER, ClientDetector.client(headers(Map.of())));
  }

  @Test
  void codexOriginatorAloneTellsCodexOfNoVersion() {
    assertEquals(
        new Client(ClientKind.CODEX, Optional.empty()),
        ClientDetector.client(headers(Map.of("originator", "codex_cli_rs"))));
  }

  @Test
  void versionIsCutAtItsFirstOddCharacterAndToItsLongest() {
    assertEquals(Client.of(ClientKind.CLAUDE_CODE, "2.1"), clientOf("claude-cli/2.1<script>"));
    assertEquals(
        Client.of(ClientKind.OPENAI_SDK, "9".repeat(Client.MAX_VERSION)),
        clientOf("OpenAI/Python " + "9".repeat(500)));
    assertEquals(new Client(ClientKind.CLAUDE_CODE, Optional.empty()), clientOf("claude-cli/"));
  }
}
