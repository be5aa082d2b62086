package dev.codevector.internal.translate;

import static dev.codevector.internal.translate.TranslateTesting.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.codevector.wire.ErrorBody;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class StreamErrorsTest {

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
    String mapped = ErrorBody.anthropicType(StreamErrors.statusOf(json(error)));

    assertEquals(type, mapped);
  }
}
