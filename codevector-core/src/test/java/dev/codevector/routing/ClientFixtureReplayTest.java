package dev.codevector.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.registry.BackendDefaults;
import dev.codevector.registry.ProviderKind;
import dev.codevector.testing.ClientFixtures;
import dev.codevector.testing.ClientFixtures.Recorded;
import dev.codevector.testing.RouterHarness;
import dev.codevector.wire.Dialect;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replays what Claude Code and Codex CLI really sent, through passthrough and translation. */
final class ClientFixtureReplayTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ANTHROPIC_STREAM =
      "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
          + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n"
          + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
  private static final String RESPONSES_STREAM =
      "event: response.created\ndata: {\"type\":\"response.created\",\"response\":{\"id\":\"r\"}}\n\n"
          + "event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":"
          + "{\"id\":\"r\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n";
  private static final String CHAT_STREAM =
      "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"},"
          + "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

  private final MockWebServer upstream = new MockWebServer();
  private final RouterHarness harness = new RouterHarness();

  @BeforeEach
  void start() throws Exception {
    upstream.start();
    harness.publish(
        "anthropic-passthrough",
        BackendDefaults.none(),
        harness.chatModel(
            harness.provider("anthropic", ProviderKind.ANTHROPIC, Map.of(), upstream),
            "claude-sonnet-4-5"));
    harness.publish(
        "openai-passthrough",
        BackendDefaults.none(),
        harness.chatModel(
            harness.provider("openai", ProviderKind.OPENAI, Map.of(), upstream), "gpt-5.4"));
    harness.publish(
        "chat-only",
        BackendDefaults.none(),
        harness.chatModel(harness.openAiCompatible("local", upstream), "qwen3-coder"));
  }

  @AfterEach
  void stop() {
    harness.close();
    upstream.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"claude-code_print_basic.json", "claude-code_print_tool-bash-roundtrip.json"})
  void claudeCodeRequestsPassThroughUnchangedButForTheModel(String file) throws Exception {
    for (Recorded sent : ClientFixtures.requests(file, "anthropic-passthrough")) {
      RecordedRequest received = replay(Dialect.ANTHROPIC_MESSAGES, sent, ANTHROPIC_STREAM);

      assertEquals(
          text(sent.body()).replace("\"anthropic-passthrough\"", "\"claude-sonnet-4-5\""),
          received.getBody().utf8());
      assertEquals(
          sent.headers().get("anthropic-beta").get(0), received.getHeaders().get("anthropic-beta"));
      assertEquals(
          sent.headers().get("anthropic-version").get(0),
          received.getHeaders().get("anthropic-version"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"codex_exec_basic.json", "codex_exec_tool-exec_command-roundtrip.json"})
  void codexRequestsPassThroughUnchangedButForTheModel(String file) throws Exception {
    for (Recorded sent : ClientFixtures.requests(file, "openai-passthrough")) {
      RecordedRequest received = replay(Dialect.OPENAI_RESPONSES, sent, RESPONSES_STREAM);

      assertEquals("/v1/responses", received.getUrl().encodedPath());
      assertEquals(
          text(sent.body()).replace("\"openai-passthrough\"", "\"gpt-5.4\""),
          received.getBody().utf8());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "claude-code_print_basic.json",
        "claude-code_print_tool-bash-roundtrip.json",
        "codex_exec_basic.json",
        "codex_exec_tool-exec_command-roundtrip.json"
      })
  void everyRecordedRequestTranslatesToAValidChatRequest(String file) throws Exception {
    Dialect dialect =
        file.startsWith("codex") ? Dialect.OPENAI_RESPONSES : Dialect.ANTHROPIC_MESSAGES;
    for (Recorded sent : ClientFixtures.requests(file, "chat-only")) {
      JsonNode chat = JSON.readTree(replay(dialect, sent, CHAT_STREAM).getBody().utf8());

      assertEquals("qwen3-coder", chat.get("model").asText());
      assertValidChatConversation(chat);
    }
  }

  private RecordedRequest replay(Dialect dialect, Recorded sent, String stream) throws Exception {
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("content-type", "text/event-stream")
            .body(stream)
            .build());
    try (RouteResponse response =
        harness.codeVector.router().route(new RouteRequest(dialect, sent.body(), sent.headers()))) {
      RouterHarness.events(response);
    }
    return upstream.takeRequest();
  }

  /**
   * A system message only first; every tool message answers a call of the assistant turn before.
   */
  private static void assertValidChatConversation(JsonNode chat) {
    JsonNode messages = chat.get("messages");
    assertEquals("system", messages.get(0).get("role").asText());
    Set<String> open = new HashSet<>();
    for (int i = 1; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      String role = message.get("role").asText();
      assertTrue(Set.of("system", "user", "assistant", "tool").contains(role), role);
      if (role.equals("assistant")) {
        open.clear();
        message.path("tool_calls").forEach(call -> open.add(call.get("id").asText()));
      } else if (role.equals("tool")) {
        assertTrue(open.remove(message.get("tool_call_id").asText()), "unanswered tool message");
      }
    }
    chat.path("tools").forEach(tool -> assertEquals("function", tool.get("type").asText()));
    assertTrue(!chat.toString().contains("cache_control"));
  }

  private static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }
}
