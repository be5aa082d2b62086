package dev.codevector.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

final class ErrorKindTest {

  @ParameterizedTest
  @EnumSource(ErrorKind.class)
  void everyKindIsFoundAgainByItsStatusAndItsAnthropicType(ErrorKind kind) {
    assertEquals(kind, ErrorKind.ofStatus(kind.status()));
    assertEquals(kind, ErrorKind.ofAnthropicType(kind.anthropicType()));
  }

  @ParameterizedTest
  @CsvSource({
    "503, OVERLOADED",
    "409, INVALID_REQUEST",
    "422, INVALID_REQUEST",
    "502, SERVER",
    "504, SERVER",
    "200, SERVER"
  })
  void statusesWithoutARowFallToTheirClass(int status, ErrorKind kind) {
    assertEquals(kind, ErrorKind.ofStatus(status));
  }

  @ParameterizedTest
  @CsvSource({
    "requests, rate_limit_exceeded, RATE_LIMIT",
    "rate_limit_error, '', RATE_LIMIT",
    "insufficient_quota, insufficient_quota, BILLING",
    "invalid_request_error, context_length_exceeded, INVALID_REQUEST",
    "server_error, server_is_overloaded, OVERLOADED",
    "'', slow_down, OVERLOADED",
    "server_error, '', SERVER",
    "something_new, '', SERVER"
  })
  void openAiShapedErrorsAreKnownByTheirTypeAndCode(String type, String code, ErrorKind kind) {
    assertEquals(kind, ErrorKind.ofOpenAiNames(type, code));
  }

  @ParameterizedTest
  @CsvSource({"overloaded_error, OVERLOADED", "api_error, SERVER", "teapot_error, SERVER"})
  void anthropicTypesAreKnownByName(String type, ErrorKind kind) {
    assertEquals(kind, ErrorKind.ofAnthropicType(type));
  }

  @ParameterizedTest
  @CsvSource({
    "429, rate_limit_exceeded",
    "402, insufficient_quota",
    "529, server_is_overloaded",
    "503, server_is_overloaded",
    "500, server_error",
    "400, invalid_request_error"
  })
  void responsesFailuresCarryTheirCode(int status, String code) {
    assertEquals(code, ErrorKind.ofStatus(status).responsesCode());
  }
}
