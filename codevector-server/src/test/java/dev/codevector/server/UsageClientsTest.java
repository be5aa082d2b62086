package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.access.IssuedKey;
import dev.codevector.registry.Model;
import dev.codevector.server.ServerHarness.Reply;
import dev.codevector.usage.Client;
import dev.codevector.usage.ClientKind;
import dev.codevector.usage.UsageRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests sent as Claude Code and Codex send them are recorded with their client and session, and
 * the usage API totals and lists them by both.
 */
final class UsageClientsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLAUDE_SESSION = "2218abcc-38af-4bbe-8a1a-fbf5c48f4617";
  private static final String CODEX_SESSION = "01a1ff20-537e-79c2-a757-287314d0fbe9";
  private static final String MESSAGE =
      "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],"
          + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}";
  private static final String COMPLETION =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2,\"total_tokens\":12}}";

  @TempDir Path dataDir;
  private final MockWebServer upstream = new MockWebServer();
  private ServerHarness harness;
  private IssuedKey key;

  @BeforeEach
  void start() throws Exception {
    upstream.start();
    harness = new ServerHarness(dataDir);
    Model claude = harness.anthropicModel("claude-main", upstream);
    Model gpt = harness.chatModel("gpt-main", upstream);
    key = harness.keyFor("ada", claude, gpt);
  }

  @AfterEach
  void stop() {
    harness.close();
    upstream.close();
  }

  private void claudeCode(String session) throws Exception {
    upstream.enqueue(new MockResponse.Builder().body(MESSAGE).build());
    try (Response response =
        harness.post(
            "/v1/messages",
            null,
            "{\"model\":\"claude-main\",\"max_tokens\":16,\"messages\":[]}",
            Map.of(
                "x-api-key", key.plaintext().reveal(),
                "anthropic-version", "2023-06-01",
                "User-Agent", "claude-cli/2.1.330 (external, sdk-cli)",
                "X-Claude-Code-Session-Id", session,
                "X-Stainless-Lang", "js",
                "X-Stainless-Package-Version", "0.128.0",
                "x-app", "cli"))) {
      assertEquals(200, response.code());
    }
  }

  private void chat(Map<String, String> headers) throws Exception {
    upstream.enqueue(new MockResponse.Builder().body(COMPLETION).build());
    try (Response response =
        harness.post(
            "/v1/chat/completions",
            key.plaintext().reveal(),
            "{\"model\":\"gpt-main\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            headers)) {
      assertEquals(200, response.code());
    }
  }

  private void codex() throws Exception {
    chat(
        Map.of(
            "originator",
            "codex_exec",
            "User-Agent",
            "codex_exec/0.169.0 (Debian 12.0.0; x86_64) dumb (codex_exec; 0.169.0)",
            "session-id",
            CODEX_SESSION,
            "x-client-request-id",
            CODEX_SESSION));
  }

  private static List<String> field(Reply reply, String name) throws Exception {
    JsonNode data = JSON.readTree(reply.body()).get("data");
    return StreamSupport.stream(data.spliterator(), false)
        .map(total -> total.get(name).asText())
        .toList();
  }

  @Test
  void claudeCodeAndCodexRequestsAreRecordedWithTheirClientAndSession() throws Exception {
    claudeCode(CLAUDE_SESSION);
    codex();

    UsageRecord claude = harness.usageOf("claude-main");
    assertEquals(Client.of(ClientKind.CLAUDE_CODE, "2.1.330"), claude.client());
    assertEquals(Optional.of(CLAUDE_SESSION), claude.sessionId());
    UsageRecord codex = harness.usageOf("gpt-main");
    assertEquals(Client.of(ClientKind.CODEX, "0.169.0"), codex.client());
    assertEquals(Optional.of(CODEX_SESSION), codex.sessionId());
  }

  @Test
  void usageApiTotalsByClientAndBySession() throws Exception {
    claudeCode(CLAUDE_SESSION);
    claudeCode(CLAUDE_SESSION);
    claudeCode("second-session");
    codex();
    chat(Map.of("User-Agent", "OpenAI/Python 1.109.1"));
    harness.usageOf("gpt-main", 2);
    harness.usageOf("claude-main", 3);

    Reply byClient = harness.admin("GET", "/usage?groupBy=client", null);
    assertEquals(200, byClient.code(), byClient.body());
    assertEquals(List.of("claude-code", "codex", "openai-sdk"), field(byClient, "key"));
    assertEquals(List.of("3", "1", "1"), field(byClient, "requests"));
    assertEquals("client", JSON.readTree(byClient.body()).get("groupBy").asText());

    Reply bySession = harness.admin("GET", "/usage?groupBy=session", null);
    assertEquals(200, bySession.code(), bySession.body());
    assertEquals(
        List.of("", CODEX_SESSION, CLAUDE_SESSION, "second-session"), field(bySession, "key"));
    assertEquals(List.of("1", "1", "2", "1"), field(bySession, "requests"));
  }

  @Test
  void usageExportListsEachRecordsClientAndSession() throws Exception {
    claudeCode(CLAUDE_SESSION);
    harness.usageOf("claude-main");

    Reply csv = harness.admin("GET", "/usage.csv", null);

    assertEquals(200, csv.code());
    String[] lines = csv.body().split("\r\n");
    assertTrue(lines[0].endsWith(",client,clientVersion,sessionId"), lines[0]);
    assertTrue(lines[1].endsWith(",claude-code,2.1.330," + CLAUDE_SESSION), lines[1]);
  }

  @Test
  void sdkRequestsWithoutASessionHeaderTakeTheSessionTheirBodyNames() throws Exception {
    upstream.enqueue(new MockResponse.Builder().body(COMPLETION).build());
    try (Response response =
        harness.post(
            "/v1/chat/completions",
            key.plaintext().reveal(),
            "{\"model\":\"gpt-main\",\"prompt_cache_key\":\"conversation-7\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            Map.of("User-Agent", "OpenAI/Python 1.109.1"))) {
      assertEquals(200, response.code());
    }
    upstream.enqueue(new MockResponse.Builder().body(MESSAGE).build());
    try (Response response =
        harness.post(
            "/v1/messages",
            null,
            "{\"model\":\"claude-main\",\"max_tokens\":16,\"messages\":[],"
                + "\"metadata\":{\"user_id\":\"user-42\\u0000\"}}",
            Map.of(
                "x-api-key", key.plaintext().reveal(),
                "anthropic-version", "2023-06-01",
                "User-Agent", "Anthropic/Python 0.69.0"))) {
      assertEquals(200, response.code());
    }

    UsageRecord openAi = harness.usageOf("gpt-main");
    assertEquals(Client.of(ClientKind.OPENAI_SDK, "1.109.1"), openAi.client());
    assertEquals(Optional.of("conversation-7"), openAi.sessionId());
    UsageRecord anthropic = harness.usageOf("claude-main");
    assertEquals(Client.of(ClientKind.ANTHROPIC_SDK, "0.69.0"), anthropic.client());
    assertEquals(Optional.of("user-42"), anthropic.sessionId(), "control characters are removed");
  }

  @Test
  void sessionHeaderWinsOverTheBody() throws Exception {
    upstream.enqueue(new MockResponse.Builder().body(COMPLETION).build());
    try (Response response =
        harness.post(
            "/v1/chat/completions",
            key.plaintext().reveal(),
            "{\"model\":\"gpt-main\",\"prompt_cache_key\":\"from-body\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            Map.of("session-id", CODEX_SESSION, "originator", "codex_exec"))) {
      assertEquals(200, response.code());
    }

    assertEquals(Optional.of(CODEX_SESSION), harness.usageOf("gpt-main").sessionId());
  }

  @Test
  void hostileSessionHeaderIsStoredCleanAndCut() throws Exception {
    claudeCode("evil\t" + "s".repeat(5_000));

    UsageRecord record = harness.usageOf("claude-main");

    assertEquals(Optional.of("evil" + "s".repeat(124)), record.sessionId());
  }

  @Test
  void unknownGroupingIsRefusedNamingTheChoices() throws Exception {
    Reply reply = harness.admin("GET", "/usage?groupBy=agent", null);

    assertEquals(400, reply.code());
    assertTrue(reply.body().contains("client, session"), reply.body());
  }
}
