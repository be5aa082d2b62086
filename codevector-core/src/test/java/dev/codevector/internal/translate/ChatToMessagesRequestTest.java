package dev.codevector.internal.translate;

import static dev.codevector.internal.translate.TranslateTesting.CLIENT_MODEL;
import static dev.codevector.internal.translate.TranslateTesting.assertJson;
import static dev.codevector.internal.translate.TranslateTesting.json;
import static dev.codevector.internal.translate.TranslateTesting.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.registry.ProviderKind;
import dev.codevector.routing.InvalidRequestException;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class ChatToMessagesRequestTest {
  private static final String TOOLS =
      "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\","
          + "\"parameters\":{\"type\":\"object\"}}}]";

  private final Translation translation =
      new CodecTranslation(
          new ChatClient(CLIENT_MODEL, 1L),
          new MessagesUpstream(route(ProviderKind.ANTHROPIC, "claude-sonnet-4-5")));

  private static ObjectNode request(String fields) {
    return json(
        "{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
            + (fields.isEmpty() ? "" : "," + fields)
            + "}");
  }

  private static ObjectNode conversation(String messages) {
    return json("{\"model\":\"smart\",\"messages\":" + messages + "}");
  }

  @Test
  void modelIsTheUpstreamModel() {
    ObjectNode request = request("");

    ObjectNode upstream = translation.request(request);

    assertEquals("claude-sonnet-4-5", upstream.get("model").asText());
  }

  @Test
  void oneSystemMessageBecomesTheSystemString() {
    ObjectNode request =
        conversation(
            "[{\"role\":\"system\",\"content\":\"You are terse.\"},"
                + "{\"role\":\"user\",\"content\":\"hi\"}]");

    ObjectNode upstream = translation.request(request);

    assertEquals("You are terse.", upstream.get("system").asText());
    assertJson(
        "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}]",
        upstream.get("messages"));
  }

  @Test
  void allSystemAndDeveloperMessagesAreHoistedInOrder() {
    ObjectNode request =
        conversation(
            """
            [{"role":"system","content":"one"},{"role":"user","content":"hi"},
             {"role":"developer","content":[{"type":"text","text":"two"}]},
             {"role":"system","content":""}]
            """);

    ObjectNode upstream = translation.request(request);

    assertJson(
        "[{\"type\":\"text\",\"text\":\"one\"},{\"type\":\"text\",\"text\":\"two\"}]",
        upstream.get("system"));
  }

  @Test
  void referenceToolHistoryIsRestructuredWithSanitizedIds() {
    ObjectNode request =
        conversation(
            """
            [{"role":"user","content":"list files"},
             {"role":"assistant","content":"",
              "tool_calls":[{"id":"functions.Bash:0","type":"function",
                             "function":{"name":"Bash","arguments":"{\\"cmd\\":\\"ls\\"}"}}]},
             {"role":"tool","tool_call_id":"functions.Bash:0","content":"a.txt"},
             {"role":"user","content":"now cat it"}]
            """);

    ObjectNode upstream = translation.request(request);

    assertJson(
        """
        [{"role":"user","content":[{"type":"text","text":"list files"}]},
         {"role":"assistant","content":[
           {"type":"tool_use","id":"functions_Bash_0","name":"Bash","input":{"cmd":"ls"}}]},
         {"role":"user","content":[
           {"type":"tool_result","tool_use_id":"functions_Bash_0","content":"a.txt"},
           {"type":"text","text":"now cat it"}]}]
        """,
        upstream.get("messages"));
  }

  @Test
  void idsThatCollideAfterCleaningAreToldApart() {
    ObjectNode request =
        conversation(
            """
            [{"role":"user","content":"go"},
             {"role":"assistant","tool_calls":[
               {"id":"a.b","type":"function","function":{"name":"x","arguments":"{}"}},
               {"id":"a:b","type":"function","function":{"name":"x","arguments":"{}"}}]},
             {"role":"tool","tool_call_id":"a:b","content":"second"},
             {"role":"tool","tool_call_id":"a.b","content":"first"}]
            """);

    ObjectNode upstream = translation.request(request);

    assertJson(
        """
        [{"type":"tool_result","tool_use_id":"a_b_2","content":"second"},
         {"type":"tool_result","tool_use_id":"a_b","content":"first"}]
        """,
        upstream.at("/messages/2/content"));
    assertEquals("a_b", upstream.at("/messages/1/content/0/id").asText());
    assertEquals("a_b_2", upstream.at("/messages/1/content/1/id").asText());
  }

  @Test
  void toolCallLeftWithoutAResultGetsAnErrorResult() {
    ObjectNode request =
        conversation(
            """
            [{"role":"user","content":"go"},
             {"role":"assistant","tool_calls":[
               {"id":"a","type":"function","function":{"name":"x","arguments":"{}"}},
               {"id":"b","type":"function","function":{"name":"x","arguments":"{}"}}]},
             {"role":"tool","tool_call_id":"a","content":"done"},
             {"role":"user","content":"never mind"}]
            """);

    ObjectNode upstream = translation.request(request);

    assertJson(
        """
        {"role":"user","content":[
          {"type":"tool_result","tool_use_id":"a","content":"done"},
          {"type":"tool_result","tool_use_id":"b","content":"no result","is_error":true},
          {"type":"text","text":"never mind"}]}
        """,
        upstream.at("/messages/2"));
  }

  @Test
  void orphanToolMessageIsDropped() {
    ObjectNode request =
        conversation(
            """
            [{"role":"user","content":"hi"},
             {"role":"tool","tool_call_id":"ghost","content":"boo"},
             {"role":"user","content":"again"}]
            """);

    ObjectNode upstream = translation.request(request);

    assertJson(
        """
        [{"role":"user","content":[{"type":"text","text":"hi"},{"type":"text","text":"again"}]}]
        """,
        upstream.get("messages"));
  }

  @Test
  void adjacentSameRoleMessagesAreMerged() {
    ObjectNode request =
        conversation(
            """
            [{"role":"user","content":"a"},{"role":"assistant","content":"b"},
             {"role":"assistant","content":[{"type":"text","text":"c"}]}]
            """);

    ObjectNode upstream = translation.request(request);

    assertJson(
        """
        [{"role":"user","content":[{"type":"text","text":"a"}]},
         {"role":"assistant","content":[{"type":"text","text":"b"},{"type":"text","text":"c"}]}]
        """,
        upstream.get("messages"));
  }

  @Test
  void conversationOpeningWithTheAssistantGetsAUserTurnFirst() {
    ObjectNode request =
        conversation(
            "[{\"role\":\"assistant\",\"content\":\"Hello!\"},{\"role\":\"user\",\"content\":\"hi\"}]");

    ObjectNode upstream = translation.request(request);

    assertJson(
        "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Continue.\"}]}",
        upstream.at("/messages/0"));
  }

  @Test
  void emptyToolArgumentsBecomeAnEmptyInput() {
    ObjectNode request =
        conversation(
            """
            [{"role":"user","content":"go"},
             {"role":"assistant","tool_calls":[
               {"id":"a","type":"function","function":{"name":"now","arguments":""}}]},
             {"role":"tool","tool_call_id":"a","content":"noon"}]
            """);

    ObjectNode upstream = translation.request(request);

    assertJson("{}", upstream.at("/messages/1/content/0/input"));
  }

  @Test
  void unparseableToolArgumentsAreRefusedNamingTheParameter() {
    ObjectNode request =
        conversation(
            """
            [{"role":"user","content":"go"},
             {"role":"assistant","tool_calls":[
               {"id":"a","type":"function","function":{"name":"now","arguments":"{oops"}}]}]
            """);

    InvalidRequestException refused =
        assertThrows(InvalidRequestException.class, () -> translation.request(request));

    assertEquals(Optional.of("messages[1].tool_calls[0].function.arguments"), refused.param());
  }

  @Test
  void dataUrlImageBecomesABase64Source() {
    ObjectNode request =
        conversation(
            """
            [{"role":"user","content":[{"type":"text","text":"What is in this picture?"},
              {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0K",
                                               "detail":"high"}}]}]
            """);

    ObjectNode upstream = translation.request(request);

    assertJson(
        """
        [{"type":"text","text":"What is in this picture?"},
         {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0K"}}]
        """,
        upstream.at("/messages/0/content"));
  }

  @Test
  void httpImageBecomesAUrlSource() {
    ObjectNode request =
        conversation(
            """
            [{"role":"user","content":[
              {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg"}}]}]
            """);

    ObjectNode upstream = translation.request(request);

    assertJson(
        "{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://example.com/cat.jpg\"}}",
        upstream.at("/messages/0/content/0"));
  }

  @Test
  void imageOfAnUnsupportedMediaTypeIsRefused() {
    ObjectNode request =
        conversation(
            """
            [{"role":"user","content":[
              {"type":"image_url","image_url":{"url":"data:image/bmp;base64,Qk0"}}]}]
            """);

    InvalidRequestException refused =
        assertThrows(InvalidRequestException.class, () -> translation.request(request));

    assertEquals(Optional.of("messages[0].content[0]"), refused.param());
  }

  @Test
  void audioInputIsRefused() {
    ObjectNode request =
        conversation(
            """
            [{"role":"user","content":[
              {"type":"input_audio","input_audio":{"data":"UklG","format":"wav"}}]}]
            """);

    InvalidRequestException refused =
        assertThrows(InvalidRequestException.class, () -> translation.request(request));

    assertEquals(Optional.of("messages[0].content[0]"), refused.param());
  }

  @Test
  void pdfFileBecomesADocument() {
    ObjectNode request =
        conversation(
            """
            [{"role":"user","content":[{"type":"file","file":{"filename":"a.pdf",
              "file_data":"data:application/pdf;base64,JVBER"}}]}]
            """);

    ObjectNode upstream = translation.request(request);

    assertJson(
        """
        {"type":"document","source":{"type":"base64","media_type":"application/pdf",
                                     "data":"JVBER"}}
        """,
        upstream.at("/messages/0/content/0"));
  }

  @Test
  void maxCompletionTokensWinsOverMaxTokens() {
    ObjectNode request = request("\"max_completion_tokens\":300,\"max_tokens\":200");

    ObjectNode upstream = translation.request(request);

    assertEquals(300, upstream.get("max_tokens").asInt());
  }

  @Test
  void maxTokensIsUsedWithoutMaxCompletionTokens() {
    ObjectNode request = request("\"max_tokens\":200");

    ObjectNode upstream = translation.request(request);

    assertEquals(200, upstream.get("max_tokens").asInt());
  }

  @Test
  void maxTokensDefaultsToTheModelsOutputLimit() {
    Translation withLimit =
        new CodecTranslation(
            new ChatClient("smart", 1L),
            new MessagesUpstream(
                new TranslationContext(
                    "smart", "claude-sonnet-4-5", ProviderKind.ANTHROPIC, OptionalInt.of(64000))));
    ObjectNode request = request("");

    ObjectNode upstream = withLimit.request(request);

    assertEquals(64000, upstream.get("max_tokens").asInt());
  }

  @Test
  void maxTokensDefaultsTo4096WithoutAKnownLimit() {
    ObjectNode request = request("");

    ObjectNode upstream = translation.request(request);

    assertEquals(4096, upstream.get("max_tokens").asInt());
  }

  @Test
  void temperatureAboveOneIsClampedToOne() {
    ObjectNode request = request("\"temperature\":1.6");

    ObjectNode upstream = translation.request(request);

    assertEquals(0, upstream.get("temperature").decimalValue().compareTo(java.math.BigDecimal.ONE));
  }

  @Test
  void temperatureUpToOneAndTopPAreCopied() {
    ObjectNode request = request("\"temperature\":0.3,\"top_p\":0.8");

    ObjectNode upstream = translation.request(request);

    assertEquals("0.3", upstream.get("temperature").asText());
    assertEquals("0.8", upstream.get("top_p").asText());
  }

  @Test
  void stopStringBecomesAStopSequenceList() {
    ObjectNode request = request("\"stop\":\"END\"");

    ObjectNode upstream = translation.request(request);

    assertJson("[\"END\"]", upstream.get("stop_sequences"));
  }

  @Test
  void moreThanOneChoiceIsRefused() {
    ObjectNode request = request("\"n\":2");

    InvalidRequestException refused =
        assertThrows(InvalidRequestException.class, () -> translation.request(request));

    assertEquals(Optional.of("n"), refused.param());
  }

  @ParameterizedTest
  @CsvSource({
    "'\"modalities\":[\"text\",\"audio\"]', modalities",
    "'\"audio\":{\"voice\":\"alloy\",\"format\":\"wav\"}', audio",
    "'\"prediction\":{\"type\":\"content\",\"content\":\"x\"}', prediction"
  })
  void audioAndPredictionAreRefused(String field, String param) {
    ObjectNode request = request(field);

    InvalidRequestException refused =
        assertThrows(InvalidRequestException.class, () -> translation.request(request));

    assertEquals(Optional.of(param), refused.param());
  }

  @Test
  void fieldsWithoutCounterpartAreDropped() {
    ObjectNode request =
        request(
            """
            "seed":7,"presence_penalty":0.5,"frequency_penalty":0.5,"logit_bias":{"1":2},
            "logprobs":true,"top_logprobs":2,"store":true,"metadata":{"a":"b"},
            "service_tier":"auto","stream":true,"stream_options":{"include_usage":true},
            "response_format":{"type":"json_object"},"n":1
            """);

    ObjectNode upstream = translation.request(request);

    assertJson(
        """
        {"model":"claude-sonnet-4-5","max_tokens":4096,"stream":true,
         "messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}]}
        """,
        upstream);
  }

  @Test
  void functionToolsBecomeAnthropicTools() {
    ObjectNode request =
        request(
            """
            "tools":[{"type":"function","function":{"name":"lookup","description":"search",
                "parameters":{"type":"object","properties":{"q":{"type":"string"}}},"strict":true}},
              {"type":"function","function":{"name":"now"}}]
            """);

    ObjectNode upstream = translation.request(request);

    assertJson(
        """
        [{"name":"lookup","description":"search",
          "input_schema":{"type":"object","properties":{"q":{"type":"string"}}}},
         {"name":"now","input_schema":{"type":"object","properties":{}}}]
        """,
        upstream.get("tools"));
  }

  @ParameterizedTest
  @CsvSource({
    "'\"none\"', '{\"type\":\"none\"}'",
    "'\"auto\"', '{\"type\":\"auto\"}'",
    "'\"required\"', '{\"type\":\"any\"}'",
    "'{\"type\":\"function\",\"function\":{\"name\":\"lookup\"}}', "
        + "'{\"type\":\"tool\",\"name\":\"lookup\"}'"
  })
  void toolChoiceMapsToAnthropicsChoice(String openAi, String anthropic) {
    ObjectNode request = request(TOOLS + ",\"tool_choice\":" + openAi);

    ObjectNode upstream = translation.request(request);

    assertJson(anthropic, upstream.get("tool_choice"));
  }

  @Test
  void parallelToolCallsFalseDisablesParallelToolUseOnAnAutoChoice() {
    ObjectNode request = request(TOOLS + ",\"parallel_tool_calls\":false");

    ObjectNode upstream = translation.request(request);

    assertJson(
        "{\"type\":\"auto\",\"disable_parallel_tool_use\":true}", upstream.get("tool_choice"));
  }

  @Test
  void toolChoiceIsLeftOutWithoutTools() {
    ObjectNode request = request("\"tool_choice\":\"required\",\"parallel_tool_calls\":false");

    ObjectNode upstream = translation.request(request);

    assertFalse(upstream.has("tool_choice"));
  }

  @ParameterizedTest
  @CsvSource({"minimal, 1024", "low, 1024", "medium, 2048", "high, 4096", "xhigh, 8192"})
  void reasoningEffortBecomesAThinkingBudget(String effort, int budget) {
    ObjectNode request =
        request("\"reasoning_effort\":\"" + effort + "\",\"max_completion_tokens\":20000");

    ObjectNode upstream = translation.request(request);

    assertJson("{\"type\":\"enabled\",\"budget_tokens\":" + budget + "}", upstream.get("thinking"));
  }

  @Test
  void reasoningEffortRaisesMaxTokensAboveTheBudget() {
    ObjectNode request = request("\"reasoning_effort\":\"high\",\"max_completion_tokens\":500");

    ObjectNode upstream = translation.request(request);

    assertEquals(4596, upstream.get("max_tokens").asInt());
  }

  @Test
  void reasoningEffortDropsTemperatureAndDowngradesAForcedToolChoice() {
    ObjectNode request =
        request(
            TOOLS
                + ",\"reasoning_effort\":\"low\",\"temperature\":0.2,\"max_tokens\":9000,"
                + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"lookup\"}}");

    ObjectNode upstream = translation.request(request);

    assertFalse(upstream.has("temperature"));
    assertJson("{\"type\":\"auto\"}", upstream.get("tool_choice"));
  }

  @Test
  void reasoningEffortIsLeftOffWhenTheLastAssistantTurnUsedTools() {
    ObjectNode request =
        json(
            """
            {"reasoning_effort":"high","messages":[{"role":"user","content":"go"},
             {"role":"assistant","tool_calls":[
               {"id":"a","type":"function","function":{"name":"x","arguments":"{}"}}]},
             {"role":"tool","tool_call_id":"a","content":"ok"}]}
            """);

    ObjectNode upstream = translation.request(request);

    assertFalse(upstream.has("thinking"));
  }

  @Test
  void userBecomesASanitizedMetadataUserId() {
    ObjectNode request = request("\"user\":\"alice@example.com\"");

    ObjectNode upstream = translation.request(request);

    assertJson("{\"user_id\":\"alice_example_com\"}", upstream.get("metadata"));
  }

  @Test
  void jsonSchemaResponseFormatBecomesAnOutputFormat() {
    ObjectNode request =
        request(
            """
            "response_format":{"type":"json_schema","json_schema":{"name":"x","strict":true,
              "schema":{"type":"object","properties":{"a":{"type":"string"}}}}}
            """);

    ObjectNode upstream = translation.request(request);

    assertJson(
        """
        {"format":{"type":"json_schema",
                   "schema":{"type":"object","properties":{"a":{"type":"string"}}}}}
        """,
        upstream.get("output_config"));
  }
}
