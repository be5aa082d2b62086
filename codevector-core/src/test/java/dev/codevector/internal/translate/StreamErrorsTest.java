package dev.codevector.internal.translate;

import static dev.codevector.internal.translate.TranslateTesting.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class StreamErrorsTest {

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
    String mapped = StreamErrors.anthropicTypeForStatus(status);

    assertEquals(type, mapped);
  }

  @ParameterizedTest
  @CsvSource({
    "'{\"type\":\"invalid_request_error\",\"code\":\"context_length_exceeded\"}', "
        + "invalid_request_error",
    "'{\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}', rate_limit_error",
    "'{\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}', billing_error",
    "'{\"type\":\"server_error\",\"code\":null}', api_error",
    "'{\"type\":\"BadRequestError\",\"code\":400}', invalid_request_error"
  })
  void openAiErrorMapsToAnthropicsErrorType(String error, String type) {
    String mapped = StreamErrors.anthropicTypeOf(json(error));

    assertEquals(type, mapped);
  }
}
