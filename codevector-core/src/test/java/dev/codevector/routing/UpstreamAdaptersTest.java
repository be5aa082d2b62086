package dev.codevector.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.codevector.registry.BackendDefaults;
import dev.codevector.registry.ProviderKind;
import dev.codevector.testing.RouterHarness;
import dev.codevector.wire.Dialect;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class UpstreamAdaptersTest {
  private final MockWebServer upstream = new MockWebServer();
  private final RouterHarness harness = new RouterHarness();

  @BeforeEach
  void start() throws Exception {
    upstream.start();
  }

  @AfterEach
  void stop() {
    harness.close();
    upstream.close();
  }

  private RecordedRequest send(ProviderKind kind, Map<String, String> config, String modelId)
      throws Exception {
    upstream.enqueue(new MockResponse.Builder().body("{\"choices\":[]}").build());
    harness.publish(
        "chat",
        BackendDefaults.none(),
        harness.chatModel(harness.provider("p", kind, config, upstream), modelId));
    harness.route(Dialect.OPENAI_CHAT, "{\"model\":\"chat\",\"messages\":[]}").close();
    return upstream.takeRequest();
  }

  @Test
  void openAiGetsBearerKeyAndOrganizationAndProjectHeaders() throws Exception {
    RecordedRequest received =
        send(ProviderKind.OPENAI, Map.of("organization", "org-1", "project", "proj-2"), "gpt-4o");

    assertEquals("/v1/chat/completions", received.getUrl().encodedPath());
    assertEquals("Bearer key-p-0123456789", received.getHeaders().get("Authorization"));
    assertEquals("org-1", received.getHeaders().get("OpenAI-Organization"));
    assertEquals("proj-2", received.getHeaders().get("OpenAI-Project"));
  }

  @Test
  void groqPresetSpeaksOpenAiAtItsBaseUrl() throws Exception {
    RecordedRequest received = send(ProviderKind.GROQ, Map.of(), "llama-3.3-70b-versatile");

    assertEquals("/v1/chat/completions", received.getUrl().encodedPath());
    assertEquals("Bearer key-p-0123456789", received.getHeaders().get("Authorization"));
    assertNull(received.getHeaders().get("OpenAI-Organization"));
  }

  @Test
  void azureCallsTheDeploymentWithApiVersionAndApiKeyHeader() throws Exception {
    RecordedRequest received =
        send(ProviderKind.AZURE, Map.of("apiVersion", "2025-04-01-preview"), "gpt4o-prod");

    assertEquals(
        "/openai/deployments/gpt4o-prod/chat/completions", received.getUrl().encodedPath());
    assertEquals("2025-04-01-preview", received.getUrl().queryParameter("api-version"));
    assertEquals("key-p-0123456789", received.getHeaders().get("api-key"));
    assertNull(received.getHeaders().get("Authorization"));
  }

  @ParameterizedTest
  @EnumSource(
      value = ProviderKind.class,
      names = {"OPENAI", "GROQ", "DEEPSEEK", "MOONSHOT", "OPENAI_COMPATIBLE", "AZURE"})
  void openAiFamilyAdaptersStreamWithTheirPathAuthAndModel(ProviderKind kind) throws Exception {
    upstream.enqueue(
        new MockResponse.Builder()
            .addHeader("content-type", "text/event-stream")
            .body(
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\ndata: [DONE]\n\n")
            .build());
    harness.publish(
        "chat",
        BackendDefaults.none(),
        harness.chatModel(harness.provider("p", kind, Map.of(), upstream), "deployment-1"));

    try (RouteResponse response =
        harness.route(
            Dialect.OPENAI_CHAT, "{\"model\":\"chat\",\"stream\":true,\"messages\":[]}")) {
      assertEquals(2, RouterHarness.events(response).size());
    }

    RecordedRequest received = upstream.takeRequest();
    String path =
        kind == ProviderKind.AZURE
            ? "/openai/deployments/deployment-1/chat/completions"
            : "/v1/chat/completions";
    assertEquals(path, received.getUrl().encodedPath());
    assertEquals("text/event-stream", received.getHeaders().get("accept"));
    String key = "key-p-0123456789";
    assertEquals(
        kind == ProviderKind.AZURE ? key : "Bearer " + key,
        received.getHeaders().get(kind == ProviderKind.AZURE ? "api-key" : "Authorization"));
    String usageAsked =
        kind == ProviderKind.OPENAI || kind == ProviderKind.AZURE
            ? ",\"stream_options\":{\"include_usage\":true}"
            : "";
    assertEquals(
        "{\"model\":\"deployment-1\",\"stream\":true,\"messages\":[]" + usageAsked + "}",
        received.getBody().utf8());
  }

  @Test
  void azureUsesTheDefaultApiVersionWhenNoneIsConfigured() throws Exception {
    RecordedRequest received = send(ProviderKind.AZURE, Map.of(), "gpt4o-prod");

    assertEquals("2024-10-21", received.getUrl().queryParameter("api-version"));
  }
}
