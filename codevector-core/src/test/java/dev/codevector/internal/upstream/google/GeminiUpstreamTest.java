package dev.codevector.internal.upstream.google;

import static dev.codevector.internal.upstream.google.GoogleTestbed.json;
import static dev.codevector.internal.upstream.google.GoogleTestbed.sse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codevector.registry.ModelKind;
import dev.codevector.registry.Provider;
import dev.codevector.registry.ProviderModel;
import dev.codevector.routing.BackendsExhaustedException;
import dev.codevector.routing.Outcome;
import dev.codevector.routing.RouteResponse;
import dev.codevector.testing.RouterHarness;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.SseEvent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class GeminiUpstreamTest {
  private static final String MODEL = "gemini-2.5-pro";
  private static final String ANSWER =
      """
      {"candidates":[{"content":{"role":"model","parts":[
        {"text":"Checking the weather.","thought":true},
        {"text":"Let me look."},
        {"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"c2lnbmF0dXJlLTE+/w=="}]},
        "finishReason":"STOP","index":0}],
       "usageMetadata":{"promptTokenCount":120,"candidatesTokenCount":30,"thoughtsTokenCount":12,
        "cachedContentTokenCount":100,"totalTokenCount":162},
       "modelVersion":"gemini-2.5-pro","responseId":"resp-1"}
      """;

  private final MockWebServer upstream = new MockWebServer();
  private final MockWebServer backup = new MockWebServer();
  private final GoogleTestbed testbed = new GoogleTestbed();
  private Provider google;

  @BeforeEach
  void start() throws Exception {
    upstream.start();
    backup.start();
    google = testbed.google("gemini", upstream);
    testbed.publish(google, ModelKind.CHAT, MODEL);
  }

  @AfterEach
  void stop() {
    testbed.close();
    upstream.close();
    backup.close();
  }

  @Test
  void chatRequestIsSentAsGenerateContentWithTheApiKey() throws Exception {
    upstream.enqueue(GoogleTestbed.json(200, ANSWER));

    testbed.answer(
        Dialect.OPENAI_CHAT,
        """
        {"model":"gemini-2-5-pro","temperature":0.2,"top_p":0.9,"max_tokens":512,"stop":"END",
         "reasoning_effort":"low","user":"u-1",
         "response_format":{"type":"json_schema","json_schema":{"name":"r","schema":{
           "$schema":"http://json-schema.org/draft-07/schema#","type":"object",
           "properties":{"city":{"type":["string","null"]}},"additionalProperties":false}}},
         "messages":[
          {"role":"system","content":"Be brief."},
          {"role":"developer","content":[{"type":"text","text":"Answer in French."}]},
          {"role":"user","content":[{"type":"text","text":"What is this?"},
            {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]},
          {"role":"user","content":"And the weather?"}],
         "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather now",
           "parameters":{"type":"object","properties":{"city":{"$ref":"#/$defs/City"}},
             "required":["city"],"$defs":{"City":{"type":"string","format":"hostname"}},
             "additionalProperties":false}}},
          {"type":"function","function":{"name":"now","parameters":{"type":"object","properties":{}}}}],
         "tool_choice":{"type":"function","function":{"name":"get_weather"}}}
        """);

    RecordedRequest received = upstream.takeRequest();
    assertEquals("/v1beta/models/gemini-2.5-pro:generateContent", received.getUrl().encodedPath());
    assertEquals(GoogleTestbed.API_KEY, received.getHeaders().get("x-goog-api-key"));
    assertEquals(
        json(
            """
            {"contents":[{"role":"user","parts":[{"text":"What is this?"},
               {"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}},
               {"text":"And the weather?"}]}],
             "systemInstruction":{"parts":[{"text":"Be brief."},{"text":"Answer in French."}]},
             "generationConfig":{"temperature":0.2,"topP":0.9,"maxOutputTokens":512,
               "stopSequences":["END"],"responseMimeType":"application/json",
               "responseSchema":{"type":"object",
                 "properties":{"city":{"type":"string","nullable":true}}},
               "thinkingConfig":{"thinkingBudget":1024,"includeThoughts":true}},
             "tools":[{"functionDeclarations":[
               {"name":"get_weather","description":"Weather now","parameters":{"type":"object",
                 "properties":{"city":{"type":"string"}},"required":["city"]}},
               {"name":"now"}]}],
             "toolConfig":{"functionCallingConfig":{"mode":"ANY",
               "allowedFunctionNames":["get_weather"]}}}
            """),
        json(received.getBody().utf8()));
  }

  @Test
  void answerBecomesAChatCompletionWithReasoningToolCallsAndUsage() {
    upstream.enqueue(GoogleTestbed.json(200, ANSWER));

    JsonNode answer =
        testbed.answer(
            Dialect.OPENAI_CHAT,
            "{\"model\":\"gemini-2-5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertEquals("chatcmpl-resp-1", answer.path("id").asText());
    assertEquals("chat.completion", answer.path("object").asText());
    assertEquals(testbed.clock.instant().getEpochSecond(), answer.path("created").asLong());
    JsonNode choice = answer.path("choices").path(0);
    assertEquals("tool_calls", choice.path("finish_reason").asText());
    JsonNode message = choice.path("message");
    assertEquals("Let me look.", message.path("content").asText());
    assertEquals("Checking the weather.", message.path("reasoning_content").asText());
    JsonNode call = message.path("tool_calls").path(0);
    assertTrue(call.path("id").asText().startsWith("call_"));
    assertEquals("function", call.path("type").asText());
    assertEquals("get_weather", call.path("function").path("name").asText());
    assertEquals("{\"city\":\"Paris\"}", call.path("function").path("arguments").asText());
    assertEquals(
        json(
            """
            {"prompt_tokens":120,"completion_tokens":42,"total_tokens":162,
             "prompt_tokens_details":{"cached_tokens":100},
             "completion_tokens_details":{"reasoning_tokens":12}}
            """),
        answer.path("usage"));
  }

  @Test
  void toolResultGoesBackAsAFunctionResponseWithItsCallsNameAndThoughtSignature() throws Exception {
    upstream.enqueue(GoogleTestbed.json(200, ANSWER));
    JsonNode first =
        testbed.answer(
            Dialect.OPENAI_CHAT,
            "{\"model\":\"gemini-2-5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    String callId =
        first
            .path("choices")
            .path(0)
            .path("message")
            .path("tool_calls")
            .path(0)
            .path("id")
            .asText();
    upstream.takeRequest();
    upstream.enqueue(GoogleTestbed.json(200, ANSWER));

    testbed.answer(
        Dialect.OPENAI_CHAT,
        """
        {"model":"gemini-2-5-pro","messages":[{"role":"user","content":"hi"},
          {"role":"assistant","content":null,"tool_calls":[{"id":"%s","type":"function",
            "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
          {"role":"tool","tool_call_id":"%s","content":"sunny, 21 C"},
          {"role":"user","content":"Thanks"}]}
        """
            .formatted(callId, callId));

    assertEquals(
        json(
            """
            [{"role":"user","parts":[{"text":"hi"}]},
             {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}},
               "thoughtSignature":"c2lnbmF0dXJlLTE+/w=="}]},
             {"role":"user","parts":[
               {"functionResponse":{"name":"get_weather","response":{"result":"sunny, 21 C"}}},
               {"text":"Thanks"}]}]
            """),
        json(upstream.takeRequest().getBody().utf8()).path("contents"));
  }

  @Test
  void toolResultForAnUnknownCallIsRefusedWithoutCallingGemini() {
    try (RouteResponse response =
        testbed.route(
            Dialect.OPENAI_CHAT,
            """
            {"model":"gemini-2-5-pro","messages":[{"role":"user","content":"hi"},
              {"role":"tool","tool_call_id":"call_x","content":"42"}]}
            """)) {
      assertEquals(400, response.status());
      JsonNode error = json(RouterHarness.body(response)).path("error");
      assertEquals("invalid_request_error", error.path("type").asText());
      assertEquals("messages[1].tool_call_id", error.path("param").asText());
    }
    assertEquals(0, upstream.getRequestCount());
  }

  @Test
  void imageByUrlIsRefusedSinceGeminiCannotFetchIt() {
    try (RouteResponse response =
        testbed.route(
            Dialect.OPENAI_CHAT,
            """
            {"model":"gemini-2-5-pro","messages":[{"role":"user","content":[
              {"type":"image_url","image_url":{"url":"https://example.com/cat.png"}}]}]}
            """)) {
      assertEquals(400, response.status());
      assertEquals(
          "messages[0].content[0].image_url",
          json(RouterHarness.body(response)).path("error").path("param").asText());
    }
    assertEquals(0, upstream.getRequestCount());
  }

  @Test
  void promptBlockedBySafetyIsRefusedAsContentFilter() {
    upstream.enqueue(
        GoogleTestbed.json(
            200,
            "{\"promptFeedback\":{\"blockReason\":\"SAFETY\"},"
                + "\"usageMetadata\":{\"promptTokenCount\":9,\"totalTokenCount\":9}}"));

    try (RouteResponse response =
        testbed.route(
            Dialect.OPENAI_CHAT,
            "{\"model\":\"gemini-2-5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")) {
      assertEquals(400, response.status());
      JsonNode error = json(RouterHarness.body(response)).path("error");
      assertEquals("content_filter", error.path("code").asText());
      assertEquals("invalid_request_error", error.path("type").asText());
      assertTrue(error.path("message").asText().contains("SAFETY"));
      assertEquals(Outcome.FAIL, response.attempts().get(0).outcome());
    }
  }

  @Test
  void answerStoppedForSafetyFinishesWithContentFilter() {
    upstream.enqueue(
        GoogleTestbed.json(
            200,
            "{\"candidates\":[{\"finishReason\":\"SAFETY\",\"index\":0}],"
                + "\"usageMetadata\":{\"promptTokenCount\":9,\"totalTokenCount\":9}}"));

    JsonNode answer =
        testbed.answer(
            Dialect.OPENAI_CHAT,
            "{\"model\":\"gemini-2-5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

    JsonNode choice = answer.path("choices").path(0);
    assertEquals("content_filter", choice.path("finish_reason").asText());
    assertEquals("", choice.path("message").path("content").asText());
  }

  @Test
  void streamBecomesChatChunksEndingWithUsageAndDone() throws Exception {
    upstream.enqueue(
        sse(
            "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hel\"}]},\"index\":0}],"
                + "\"usageMetadata\":{\"promptTokenCount\":5},\"responseId\":\"r-2\"}",
            "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"lo\"},"
                + "{\"functionCall\":{\"name\":\"ls\",\"args\":{}}}]},\"index\":0}]}",
            "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[]},\"finishReason\":\"STOP\",\"index\":0}],"
                + "\"usageMetadata\":{\"promptTokenCount\":5,\"candidatesTokenCount\":3,\"totalTokenCount\":8}}"));

    List<SseEvent> events =
        testbed.events(
            Dialect.OPENAI_CHAT,
            "{\"model\":\"gemini-2-5-pro\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    RecordedRequest received = upstream.takeRequest();
    assertEquals(
        "/v1beta/models/gemini-2.5-pro:streamGenerateContent", received.getUrl().encodedPath());
    assertEquals("sse", received.getUrl().queryParameter("alt"));
    assertEquals(7, events.size());
    JsonNode role = json(events.get(0).data());
    assertEquals("chatcmpl-r-2", role.path("id").asText());
    assertEquals("chat.completion.chunk", role.path("object").asText());
    assertEquals("assistant", role.path("choices").path(0).path("delta").path("role").asText());
    assertTrue(role.path("usage").isNull());
    assertEquals("Hel", delta(events.get(1)).path("content").asText());
    assertEquals("lo", delta(events.get(2)).path("content").asText());
    JsonNode toolCall = delta(events.get(3)).path("tool_calls").path(0);
    assertEquals(0, toolCall.path("index").asInt());
    assertTrue(toolCall.path("id").asText().startsWith("call_"));
    assertEquals("ls", toolCall.path("function").path("name").asText());
    assertEquals("{}", toolCall.path("function").path("arguments").asText());
    assertEquals(
        "tool_calls",
        json(events.get(4).data()).path("choices").path(0).path("finish_reason").asText());
    JsonNode usage = json(events.get(5).data());
    assertEquals(0, usage.path("choices").size());
    assertEquals(8, usage.path("usage").path("total_tokens").asInt());
    assertEquals("[DONE]", events.get(6).data());
  }

  @Test
  void streamKeepsTheUsageChunkTheRouterAskedForFromTheClientButRecordsIt() throws Exception {
    upstream.enqueue(
        sse(
            "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hi\"}]},"
                + "\"finishReason\":\"STOP\",\"index\":0}],"
                + "\"usageMetadata\":{\"promptTokenCount\":5,\"candidatesTokenCount\":1,\"totalTokenCount\":6}}"));

    try (RouteResponse response =
        testbed.route(
            Dialect.OPENAI_CHAT,
            "{\"model\":\"gemini-2-5-pro\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")) {
      List<SseEvent> events = RouterHarness.events(response);

      assertEquals(4, events.size());
      assertEquals("[DONE]", events.get(3).data());
      assertFalse(events.get(2).data().contains("\"choices\":[]"));
      assertEquals(5, response.usage().inputTokens());
      assertEquals(1, response.usage().outputTokens());
    }
  }

  @Test
  void streamErrorAfterTheFirstChunkEndsWithAnOpenAiErrorEvent() {
    upstream.enqueue(
        sse(
            "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hi\"}]},\"index\":0}]}",
            "{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}"));

    List<SseEvent> events =
        testbed.events(
            Dialect.OPENAI_CHAT,
            "{\"model\":\"gemini-2-5-pro\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    JsonNode error = json(events.get(events.size() - 1).data()).path("error");
    assertEquals("The model is overloaded.", error.path("message").asText());
    assertEquals("unavailable", error.path("code").asText());
    assertTrue(events.stream().noneMatch(event -> event.data().equals("[DONE]")));
  }

  @Test
  void streamCutOffBeforeItsFinishEndsWithAnError() {
    upstream.enqueue(
        sse(
            "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hi\"}]},\"index\":0}]}"));

    List<SseEvent> events =
        testbed.events(
            Dialect.OPENAI_CHAT,
            "{\"model\":\"gemini-2-5-pro\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertTrue(events.get(events.size() - 1).data().startsWith("{\"error\""));
  }

  @Test
  void rateLimitedGeminiFailsOverToTheNextBackend() throws Exception {
    upstream.enqueue(
        GoogleTestbed.json(
            429,
            "{\"error\":{\"code\":429,\"message\":\"Quota exceeded\",\"status\":\"RESOURCE_EXHAUSTED\"}}"));
    backup.enqueue(GoogleTestbed.json(200, ANSWER));

    try (RouteResponse response = routeWithBackup()) {
      assertEquals(200, response.status());
      assertEquals(Outcome.FAILOVER, response.attempts().get(0).outcome());
      assertEquals("Quota exceeded", response.attempts().get(0).error().orElseThrow());
    }
    assertEquals(
        "/v1beta/models/gemini-2.5-flash:generateContent",
        backup.takeRequest().getUrl().encodedPath());
  }

  @Test
  void anAnswerOfMoreJsonThanATreeMayHoldFailsOverInsteadOfFillingTheHeap() {
    upstream.enqueue(GoogleTestbed.json(200, "{\"candidates\":[" + "0,".repeat(300_000) + "0]}"));
    backup.enqueue(GoogleTestbed.json(200, ANSWER));

    try (RouteResponse response = routeWithBackup()) {
      assertEquals(200, response.status());
      assertEquals(Outcome.FAILOVER, response.attempts().get(0).outcome());
    }
  }

  @Test
  void invalidArgumentComesBackInOpenAiShapeWithoutFailover() {
    upstream.enqueue(
        GoogleTestbed.json(
            400,
            "{\"error\":{\"code\":400,\"message\":\"Invalid JSON payload\",\"status\":\"INVALID_ARGUMENT\"}}"));

    try (RouteResponse response = routeWithBackup()) {
      assertEquals(400, response.status());
      assertEquals(
          json(
              """
              {"error":{"message":"Invalid JSON payload","type":"invalid_request_error",
                "param":null,"code":"invalid_argument"}}
              """),
          json(RouterHarness.body(response)));
    }
    assertEquals(0, backup.getRequestCount());
  }

  @Test
  void anthropicClientIsServedThroughChatTranslation() throws Exception {
    upstream.enqueue(
        GoogleTestbed.json(
            200,
            "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Bonjour\"}]},"
                + "\"finishReason\":\"STOP\",\"index\":0}],"
                + "\"usageMetadata\":{\"promptTokenCount\":7,\"candidatesTokenCount\":2}}"));

    JsonNode answer =
        testbed.answer(
            Dialect.ANTHROPIC_MESSAGES,
            "{\"model\":\"gemini-2-5-pro\",\"max_tokens\":100,\"system\":\"French only.\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");

    assertEquals("Bonjour", answer.path("content").path(0).path("text").asText());
    assertEquals("end_turn", answer.path("stop_reason").asText());
    assertEquals(7, answer.path("usage").path("input_tokens").asInt());
    JsonNode sent = json(upstream.takeRequest().getBody().utf8());
    assertEquals(
        "French only.", sent.path("systemInstruction").path("parts").path(0).path("text").asText());
    assertEquals(100, sent.path("generationConfig").path("maxOutputTokens").asInt());
  }

  @Test
  void oneInputIsEmbeddedWithEmbedContent() throws Exception {
    testbed.publish(google, ModelKind.EMBEDDING, "gemini-embedding-001");
    upstream.enqueue(GoogleTestbed.json(200, "{\"embedding\":{\"values\":[0.5,-1.25]}}"));

    JsonNode answer =
        testbed.answer(
            Dialect.OPENAI_EMBEDDINGS,
            "{\"model\":\"gemini-embedding-001\",\"input\":\"hello world\",\"dimensions\":2}");

    RecordedRequest received = upstream.takeRequest();
    assertEquals(
        "/v1beta/models/gemini-embedding-001:embedContent", received.getUrl().encodedPath());
    assertEquals(
        json("{\"content\":{\"parts\":[{\"text\":\"hello world\"}]},\"outputDimensionality\":2}"),
        json(received.getBody().utf8()));
    assertEquals(
        json(
            """
            {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5,-1.25]}],
             "model":"gemini-embedding-001","usage":{"prompt_tokens":3,"total_tokens":3}}
            """),
        answer);
  }

  @Test
  void anEmbeddingsAnswerLargerThanTheLimitFailsWithoutBeingReadWhole() {
    testbed.publish(google, ModelKind.EMBEDDING, "gemini-embedding-001");
    upstream.enqueue(
        GoogleTestbed.json(
            200, "{\"embedding\":{\"values\":[" + "0.5,".repeat(9_000_000) + "0.5]}}"));

    BackendsExhaustedException e =
        assertThrows(
            BackendsExhaustedException.class,
            () ->
                testbed.answer(
                    Dialect.OPENAI_EMBEDDINGS,
                    "{\"model\":\"gemini-embedding-001\",\"input\":\"hello\"}"));

    assertEquals(
        Optional.of("IOException: the upstream answer is larger than 32 MB"),
        e.attempts().get(0).error());
  }

  @Test
  void severalInputsAreEmbeddedInOneBatchAndReturnedAsBase64WhenAsked() throws Exception {
    testbed.publish(google, ModelKind.EMBEDDING, "gemini-embedding-001");
    upstream.enqueue(
        GoogleTestbed.json(200, "{\"embeddings\":[{\"values\":[0.5]},{\"values\":[-2.0]}]}"));

    JsonNode answer =
        testbed.answer(
            Dialect.OPENAI_EMBEDDINGS,
            "{\"model\":\"gemini-embedding-001\",\"input\":[\"a\",\"b\"],\"encoding_format\":\"base64\"}");

    RecordedRequest received = upstream.takeRequest();
    assertEquals(
        "/v1beta/models/gemini-embedding-001:batchEmbedContents", received.getUrl().encodedPath());
    assertEquals(
        json(
            """
            {"requests":[
              {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"a"}]}},
              {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"b"}]}}]}
            """),
        json(received.getBody().utf8()));
    assertEquals(-2.0f, floatOf(answer.path("data").path(1).path("embedding").asText()));
    assertEquals(1, answer.path("data").path(1).path("index").asInt());
  }

  /** Routes a chat request to a Model whose second Backend is Gemini Flash at the backup server. */
  private RouteResponse routeWithBackup() {
    ProviderModel first = testbed.registry.providerModels(google.id()).get(0);
    ProviderModel second =
        testbed.publish(testbed.google("backup", backup), ModelKind.CHAT, "gemini-2.5-flash");
    testbed.publish("with-backup", ModelKind.CHAT, first, second);
    return testbed.chat("with-backup");
  }

  private static JsonNode delta(SseEvent event) {
    return json(event.data()).path("choices").path(0).path("delta");
  }

  private static float floatOf(String base64) {
    return ByteBuffer.wrap(Base64.getDecoder().decode(base64))
        .order(ByteOrder.LITTLE_ENDIAN)
        .getFloat();
  }
}
