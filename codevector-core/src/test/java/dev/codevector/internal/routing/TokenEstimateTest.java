package dev.codevector.internal.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

final class TokenEstimateTest {
  /** A base64 string far longer than the tokens an image counts for. */
  private static final String IMAGE_DATA = "QUJD".repeat(50_000);

  private static TokenEstimate estimate(String body) {
    return RequestScan.of(body.getBytes(StandardCharsets.UTF_8)).estimate;
  }

  @Test
  void textCountsFourCharactersATokenAndThreeTokensAnObject() {
    // "user" and 40 characters: 11 tokens; the body and the message: 6.
    TokenEstimate estimate =
        estimate(
            "{\"model\":\"a-model-name-never-counted\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"abcdefghijklmnopqrstuvwxyz0123456789abcd\"}]}");

    assertEquals(17, estimate.inputTokens);
    assertEquals(OptionalLong.empty(), estimate.maxOutputTokens);
    assertEquals(17, estimate.withRequestedOutput());
  }

  @Test
  void anImageCountsAsSixteenHundredTokensInEveryDialect() {
    String anthropic =
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\","
            + "\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\""
            + IMAGE_DATA
            + "\"}}]}]}";
    String chat =
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
            + "\"image_url\":{\"url\":\"data:image/png;base64,"
            + IMAGE_DATA
            + "\"}}]}]}";
    String responses =
        "{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_image\","
            + "\"image_url\":\"data:image/png;base64,"
            + IMAGE_DATA
            + "\"}]}]}";

    // The body and the message: 6 tokens, "user": 1, the image: 1,600.
    assertEquals(1_607, estimate(anthropic).inputTokens);
    assertEquals(1_607, estimate(chat).inputTokens);
    assertEquals(1_607, estimate(responses).inputTokens);
  }

  @Test
  void toolsCountTheirJsonAtFourBytesAToken() {
    String tools =
        "[{\"name\":\"get_weather\",\"input_schema\":{\"type\":\"object\",\"properties\":"
            + "{\"city\":{\"type\":\"string\"}}}}]";
    TokenEstimate estimate = estimate("{\"model\":\"m\",\"tools\":" + tools + "}");

    assertEquals(3 + (tools.length() + 3) / 4, estimate.inputTokens);
  }

  @Test
  void eachDialectsMaximumIsTheRequestedOutput() {
    // 68 characters: 17 tokens, the body: 3, and 1,000 of output.
    assertEquals(
        1_020,
        estimate(
                "{\"model\":\"m\",\"max_tokens\":1000,\"system\":\"abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123\"}")
            .withRequestedOutput());
    assertEquals(
        OptionalLong.of(2_000),
        estimate("{\"model\":\"m\",\"max_completion_tokens\":2000}").maxOutputTokens);
    assertEquals(
        OptionalLong.of(3_000),
        estimate("{\"model\":\"m\",\"max_output_tokens\":3000}").maxOutputTokens);
  }

  @Test
  void theAnswerToATokenCountIsTheEstimate() {
    assertEquals(
        "{\"input_tokens\":4}",
        new String(
            estimate("{\"model\":\"m\",\"system\":\"abcd\"}").answer(), StandardCharsets.UTF_8));
  }
}
