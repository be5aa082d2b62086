package dev.codevector.internal.upstream.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codevector.internal.Json;
import dev.codevector.internal.upstream.http.ConvertedResponse;
import dev.codevector.spi.UpstreamResponse;
import dev.codevector.wire.Dialect;
import dev.codevector.wire.ErrorBody;
import java.io.IOException;

/**
 * Converts Cohere's error answers, {@code {"message":…}} (sometimes with an {@code id}), into
 * OpenAI's error body, keeping the status so that the router's failover policy classifies it: 429
 * and 5xx fail over, 400, 404 and 422 go back to the client. Two statuses of Cohere's own are
 * mapped to the standard status that means the same: 498 (invalid token) to 401, and 499 (request
 * cancelled, which Cohere documents as worth retrying) to 503.
 *
 * <p>Stateless; thread-safe.
 */
final class CohereErrors {

  private CohereErrors() {}

  /**
   * Reads and closes Cohere's error answer and returns it in OpenAI's shape.
   *
   * @param cohere Cohere's answer, with a status that is not 2xx
   * @param dialect the dialect the adapter presents for the request
   * @return the converted answer
   */
  static UpstreamResponse convert(UpstreamResponse cohere, Dialect dialect) {
    byte[] body;
    try (cohere) {
      body = ConvertedResponse.errorBody(cohere);
    }
    int status = status(cohere.status());
    return ConvertedResponse.of(
        status, ErrorBody.of(dialect, status, message(body, status)), cohere);
  }

  /**
   * Returns an answer for a failure Cohere reported in a successful answer.
   *
   * @param cohere Cohere's answer
   * @param dialect the dialect the adapter presents for the request
   * @param status the status that classifies the failure
   * @param message what went wrong
   * @return the converted answer
   */
  static UpstreamResponse failure(
      UpstreamResponse cohere, Dialect dialect, int status, String message) {
    return ConvertedResponse.of(status, ErrorBody.of(dialect, status, message), cohere);
  }

  private static int status(int cohereStatus) {
    switch (cohereStatus) {
      case 498:
        return 401;
      case 499:
        return 503;
      default:
        return cohereStatus;
    }
  }

  private static String message(byte[] body, int status) {
    try {
      JsonNode message = Json.MAPPER.readTree(body).path("message");
      if (message.isTextual() && !message.asText().isBlank()) {
        return message.asText();
      }
    } catch (IOException e) {
      // Not JSON; fall back to the status.
    }
    return "Cohere answered " + status;
  }
}
