package dev.codevector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codevector.server.ServerHarness.Reply;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole admin flow over HTTP, from an empty server to a routed, granted, billed request, with
 * every admin answer and every line the server logged or printed scanned for the upstream
 * credential.
 */
final class AdminEndToEndTest {
  private static final String UPSTREAM_KEY = "sk-e2e-upstream-credential-0123456789abcdef";
  private static final String OPENAI_KEY = "sk-proj-catalog-credential-9876543210fedcba";
  private static final String COMPLETION =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":100,\"total_tokens\":1100,"
          + "\"prompt_tokens_details\":{\"cached_tokens\":600}}}";

  @TempDir Path dataDir;

  @Test
  void providerToBilledRequestWithoutEverShowingTheCredential() throws Exception {
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    PrintStream err = System.err;
    PrintStream out = System.out;
    System.setErr(tee(err, logged));
    System.setOut(tee(out, logged));
    try (MockWebServer upstream = new MockWebServer();
        ServerHarness harness = new ServerHarness(dataDir)) {
      upstream.start();
      flow(harness, upstream);

      String everything =
          harness.adminTranscript + harness.printed() + logged.toString(StandardCharsets.UTF_8);
      System.getLogger(AdminEndToEndTest.class.getName())
          .log(System.Logger.Level.INFO, "the log is captured");
      assertTrue(logged.toString(StandardCharsets.UTF_8).contains("the log is captured"));
      for (String secret : List.of(UPSTREAM_KEY, OPENAI_KEY)) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        for (String form :
            List.of(
                secret,
                Base64.getEncoder().encodeToString(bytes),
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                secret.substring(0, 20))) {
          assertFalse(everything.contains(form), "a credential was shown: " + form);
        }
      }
    } finally {
      System.setErr(err);
      System.setOut(out);
    }
  }

  private static void flow(ServerHarness harness, MockWebServer upstream) throws Exception {
    // A Provider shows its credential's prefix only.
    Reply provider =
        harness.admin(
            "POST",
            "/providers",
            "{\"kind\":\"openai-compatible\",\"name\":\"local\","
                + "\"credentials\":{\"apiKey\":\""
                + UPSTREAM_KEY
                + "\"},\"config\":{\"baseUrl\":\""
                + upstream.url("/v1")
                + "\",\"firstByteTimeoutSeconds\":10}}");
    assertEquals(201, provider.code(), provider.body());
    JsonNode created = provider.json();
    String providerId = created.get("id").asText();
    assertEquals("openai-compatible", created.get("kind").asText());
    assertEquals("OpenAI-compatible", created.get("kindLabel").asText());
    assertEquals("active", created.get("status").asText());
    assertEquals("10", created.get("config").get("firstByteTimeoutSeconds").asText());
    assertEquals(
        upstream.url("/v1").toString().replaceAll("/$", ""), created.get("details").asText());
    String prefix = created.get("credential").get("prefix").asText();
    assertTrue(UPSTREAM_KEY.startsWith(prefix) && prefix.length() < 12, prefix);
    assertEquals(prefix, created.get("credentials").get("apiKey").get("prefix").asText());
    assertNotNull(created.get("credential").get("updatedAt").asText());

    // Catalog import into an OpenAI Provider: everything once, then nothing.
    Reply openAi =
        harness.admin(
            "POST",
            "/providers",
            "{\"kind\":\"openai\",\"name\":\"openai-qa\",\"credentials\":{\"apiKey\":\""
                + OPENAI_KEY
                + "\"}}");
    assertEquals(201, openAi.code(), openAi.body());
    String openAiId = openAi.json().get("id").asText();
    JsonNode first =
        harness.admin("POST", "/providers/" + openAiId + "/catalog-import", null).json();
    assertTrue(first.get("imported").asInt() > 0, first.toString());
    assertEquals(0, first.get("skipped").asInt());
    JsonNode second =
        harness.admin("POST", "/providers/" + openAiId + "/catalog-import", null).json();
    assertEquals(0, second.get("imported").asInt());
    assertEquals(first.get("imported").asInt(), second.get("skipped").asInt());
    JsonNode imported = harness.admin("GET", "/providers/" + openAiId + "/models", null).json();
    assertEquals(first.get("imported").asInt(), imported.get("data").size());
    assertTrue(imported.get("data").get(0).get("source").asText().startsWith("Catalog 20"));

    // A custom Provider Model with prices.
    Reply custom =
        harness.admin(
            "POST",
            "/providers/" + providerId + "/models",
            "{\"modelId\":\"local-chat\",\"kind\":\"chat\",\"contextWindow\":128000,"
                + "\"maxOutputTokens\":16384,\"pricing\":{\"inputPerMTok\":2.5,"
                + "\"outputPerMTok\":10,\"cachedInputPerMTok\":1.25}}");
    assertEquals(201, custom.code(), custom.body());
    JsonNode providerModel = custom.json();
    assertEquals("Custom", providerModel.get("source").asText());
    assertEquals("2.5", providerModel.get("pricing").get("inputPerMTok").asText());
    String providerModelId = providerModel.get("id").asText();

    // A Model cannot be published without a Backend.
    Reply model =
        harness.admin(
            "POST",
            "/models",
            "{\"slug\":\"gpt-main\",\"displayName\":\"GPT main\",\"kind\":\"chat\"}");
    assertEquals(201, model.code(), model.body());
    assertEquals("draft", model.json().get("status").asText());
    assertEquals("failover", model.json().get("routing").asText());
    assertEquals(0, model.json().get("backendCount").asInt());
    Reply early = harness.admin("POST", "/models/gpt-main/publish", null);
    assertEquals(409, early.code());
    assertEquals("conflict_error", early.json().get("error").get("type").asText());
    assertTrue(early.json().get("error").get("message").asText().contains("no backend"));

    // A Backend, then publish.
    Reply backend =
        harness.admin(
            "POST",
            "/models/gpt-main/backends",
            "{\"providerModelId\":\""
                + providerModelId
                + "\",\"priority\":10,\"defaults\":{\"temperature\":0.2,\"maxTokens\":4096,"
                + "\"topP\":1,\"topK\":40,\"stop\":[\"END\"]}}");
    assertEquals(201, backend.code(), backend.body());
    assertEquals("local", backend.json().get("providerName").asText());
    assertEquals("local-chat", backend.json().get("modelId").asText());
    assertEquals("0.2", backend.json().get("defaults").get("temperature").asText());
    JsonNode published = harness.admin("POST", "/models/gpt-main/publish", null).json();
    assertEquals("active", published.get("status").asText());
    assertEquals(1, published.get("backendCount").asInt());
    assertEquals(providerId, published.get("backends").get(0).get("providerId").asText());

    // A user with a grant and a key, shown once.
    String userId =
        harness
            .admin("POST", "/users", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}")
            .json()
            .get("id")
            .asText();
    Reply grant =
        harness.admin("POST", "/grants", "{\"model\":\"gpt-main\",\"userId\":\"" + userId + "\"}");
    assertEquals(201, grant.code(), grant.body());
    assertEquals("gpt-main", grant.json().get("model").asText());
    assertEquals("Ada", grant.json().get("principalName").asText());
    Reply issued = harness.admin("POST", "/users/" + userId + "/keys", "{\"name\":\"laptop\"}");
    assertEquals(201, issued.code(), issued.body());
    String key = issued.json().get("key").asText();
    assertTrue(key.startsWith(issued.json().get("prefix").asText()));
    assertEquals("no-store", issued.headers().get("cache-control"));
    Reply keys = harness.admin("GET", "/keys?userId=" + userId, null);
    assertEquals(1, keys.json().get("data").size());
    assertFalse(keys.body().contains(key));
    assertFalse(keys.json().get("data").get(0).has("key"));
    assertEquals("active", keys.json().get("data").get(0).get("status").asText());

    // The key works through the proxy, with the upstream credential on the upstream call only.
    upstream.enqueue(new MockResponse.Builder().body(COMPLETION).build());
    try (Response chat =
        harness.post(
            "/v1/chat/completions",
            key,
            "{\"model\":\"gpt-main\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            Map.of())) {
      assertEquals(200, chat.code());
    }
    RecordedRequest received = upstream.takeRequest();
    assertEquals("Bearer " + UPSTREAM_KEY, received.getHeaders().get("Authorization"));
    assertTrue(received.getBody().utf8().contains("\"model\":\"local-chat\""));

    // Usage: 400 × $2.50 + 600 × $1.25 + 100 × $10, per million tokens.
    harness.server.codeVector().usage().flush();
    Reply usage = harness.admin("GET", "/usage?groupBy=model", null);
    assertEquals(200, usage.code(), usage.body());
    JsonNode total = usage.json().get("data").get(0);
    assertEquals("gpt-main", total.get("key").asText());
    assertEquals(1, total.get("requests").asLong());
    assertEquals(400, total.get("inputTokens").asLong());
    assertEquals(600, total.get("cachedInputTokens").asLong());
    assertEquals(100, total.get("outputTokens").asLong());
    assertTrue(total.get("cost").isNumber());
    assertEquals(0, new BigDecimal("0.00275").compareTo(total.get("cost").decimalValue()));
    assertTrue(usage.body().contains("\"cost\":0.00275"), usage.body());
    JsonNode byProvider = harness.admin("GET", "/usage?groupBy=provider", null).json();
    assertEquals("local", byProvider.get("data").get(0).get("label").asText());

    Reply csv = harness.admin("GET", "/usage.csv?groupBy=model", null);
    assertEquals(200, csv.code());
    assertTrue(csv.headers().get("content-type").startsWith("text/csv"));
    String[] lines = csv.body().split("\r\n");
    assertEquals(2, lines.length, csv.body());
    assertTrue(lines[0].startsWith("time,requestId,userId,userName,model,"), lines[0]);
    assertTrue(
        lines[1].contains(
            ","
                + userId
                + ",Ada,gpt-main,"
                + providerId
                + ",local,local-chat,200,400,600,0,100,0.00275,"),
        lines[1]);
  }

  /** A stream writing to both a stream and a buffer. */
  private static PrintStream tee(PrintStream first, ByteArrayOutputStream second) {
    return new PrintStream(
        new OutputStream() {
          @Override
          public void write(int b) {
            first.write(b);
            second.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            first.write(b, off, len);
            second.write(b, off, len);
          }
        },
        true,
        StandardCharsets.UTF_8);
  }
}
