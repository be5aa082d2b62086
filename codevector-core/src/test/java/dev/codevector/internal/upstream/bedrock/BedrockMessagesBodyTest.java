package dev.codevector.internal.upstream.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.codevector.routing.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

final class BedrockMessagesBodyTest {

  @Test
  void modelAndStreamGoAndEveryOtherFieldKeepsItsBytes() {
    String body =
        "{ \"model\" : \"claude\", \"max_tokens\": 10 ,\"stream\":true,"
            + " \"system\":[{\"type\":\"text\",\"text\":\"x\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
            + "\"temperature\": 0.50, \"stop_sequences\" : [ \"END\" ] }";

    assertEquals(
        "{\"max_tokens\": 10,"
            + "\"system\":[{\"type\":\"text\",\"text\":\"x\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
            + "\"temperature\": 0.50,\"stop_sequences\" : [ \"END\" ],"
            + "\"anthropic_version\":\"bedrock-2023-05-31\"}",
        splice(body, List.of()));
  }

  @Test
  void stringFieldsKeepTheirWholeValue() {
    String body =
        "{\"model\":\"claude\",\"system\":\"Be terse, \\\"always\\\".\",\"max_tokens\":5,"
            + "\"metadata\":{\"user_id\":\"u\"},\"service_tier\":\"auto\"}";

    assertEquals(
        "{\"system\":\"Be terse, \\\"always\\\".\",\"max_tokens\":5,"
            + "\"metadata\":{\"user_id\":\"u\"},\"service_tier\":\"auto\","
            + "\"anthropic_version\":\"bedrock-2023-05-31\"}",
        splice(body, List.of()));
  }

  @Test
  void betasAreAppendedAndAnyBodyVersionOrBetasReplaced() {
    String body =
        "{\"anthropic_version\":\"2023-06-01\",\"max_tokens\":1,\"anthropic_beta\":[\"old\"]}";

    assertEquals(
        "{\"max_tokens\":1,\"anthropic_version\":\"bedrock-2023-05-31\","
            + "\"anthropic_beta\":[\"context-1m-2025-08-07\",\"a\\\"b\"]}",
        splice(body, List.of("context-1m-2025-08-07", "a\"b")));
  }

  @Test
  void bodyThatIsNotAnObjectIsRefused() {
    assertThrows(InvalidRequestException.class, () -> splice("[1,2]", List.of()));
    assertThrows(InvalidRequestException.class, () -> splice("{\"max_tokens\":", List.of()));
  }

  private static String splice(String body, List<String> betas) {
    return new String(
        BedrockMessagesBody.of(body.getBytes(StandardCharsets.UTF_8), betas),
        StandardCharsets.UTF_8);
  }
}
