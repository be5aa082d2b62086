package dev.codevector.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class ErrorBodyTest {

  @ParameterizedTest
  @CsvSource({
    "400, invalid_request_error",
    "401, authentication_error",
    "402, billing_error",
    "403, permission_error",
    "404, not_found_error",
    "409, invalid_request_error",
    "413, request_too_large",
    "429, rate_limit_error",
    "500, api_error",
    "503, overloaded_error",
    "504, api_error",
    "529, overloaded_error"
  })
  void httpStatusMapsToAnthropicsErrorType(int status, String type) {
    assertEquals(type, ErrorBody.anthropicType(status));
  }

  @ParameterizedTest
  @CsvSource({
    "400, invalid_request_error",
    "401, authentication_error",
    "404, not_found_error",
    "413, request_too_large",
    "429, rate_limit_error",
    "502, server_error"
  })
  void httpStatusMapsToOpenAisErrorType(int status, String type) {
    assertEquals(type, ErrorBody.openAiType(status));
  }

  @Test
  void anthropicBodyHasAnthropicsShape() {
    byte[] body = ErrorBody.of(Dialect.ANTHROPIC_MESSAGES, 429, "slow down");

    assertEquals(
        "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}",
        new String(body, StandardCharsets.UTF_8));
  }

  @Test
  void openAiBodyNamesParameterAndCode() {
    byte[] body =
        ErrorBody.of(Dialect.OPENAI_CHAT, 404, "no such model", "model", "model_not_found");

    assertEquals(
        "{\"error\":{\"message\":\"no such model\",\"type\":\"not_found_error\","
            + "\"param\":\"model\",\"code\":\"model_not_found\"}}",
        new String(body, StandardCharsets.UTF_8));
  }

  @Test
  void openAiTypeMayBeGivenWhileAnthropicsFollowsTheStatus() {
    String quota = "insufficient_quota";

    assertEquals(
        "{\"error\":{\"message\":\"spent\",\"type\":\"insufficient_quota\",\"param\":null,"
            + "\"code\":\"insufficient_quota\"}}",
        new String(
            ErrorBody.of(Dialect.OPENAI_RESPONSES, 429, "spent", null, quota, quota),
            StandardCharsets.UTF_8));
    assertEquals(
        "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"spent\"}}",
        new String(
            ErrorBody.of(Dialect.ANTHROPIC_MESSAGES, 429, "spent", null, quota, quota),
            StandardCharsets.UTF_8));
  }

  @Test
  void streamEventsTakeEachDialectsShape() {
    assertEquals(
        "data: {\"error\":{\"message\":\"stopping\",\"type\":\"server_error\",\"param\":null,"
            + "\"code\":null}}\n\n",
        text(ErrorBody.streamEvent(Dialect.OPENAI_CHAT, "stopping")));
    assertEquals(
        "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\","
            + "\"message\":\"stopping\"}}\n\n",
        text(ErrorBody.streamEvent(Dialect.ANTHROPIC_MESSAGES, "stopping")));
    assertEquals(
        "event: error\ndata: {\"type\":\"error\",\"code\":\"server_error\","
            + "\"message\":\"stopping\",\"param\":null}\n\n",
        text(ErrorBody.streamEvent(Dialect.OPENAI_RESPONSES, "stopping")));
  }

  private static String text(SseEvent event) {
    return new String(event.toBytes(), StandardCharsets.UTF_8);
  }
}
