package dev.codevector.server.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.routing.InvalidRequestException;
import dev.codevector.routing.RouteResponse;
import dev.codevector.wire.SseEvent;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Base64;

/**
 * Bedrock's {@code CountTokens} for Claude: the request {@code
 * {"input":{"invokeModel":{"body":…}}}} carries an {@code InvokeModel} body, base64-encoded ({@link
 * #invocation}); the answer is {@code {"inputTokens":N}}, from Anthropic's {@code
 * {"input_tokens":N}}; errors are Bedrock's (see {@link BedrockAnswers}).
 *
 * <p>Stateless; thread-safe.
 */
final class BedrockTokenCounts implements AnswerFormat {
  /** The one instance. */
  static final BedrockTokenCounts INSTANCE = new BedrockTokenCounts();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BODY = "input.invokeModel.body";

  private BedrockTokenCounts() {}

  /**
   * Returns the {@code InvokeModel} body a {@code CountTokens} request carries.
   *
   * @param request the {@code CountTokens} body
   * @return the decoded body
   * @throws InvalidRequestException if the request has no base64 {@value #BODY}
   */
  static byte[] invocation(byte[] request) {
    JsonNode body;
    try {
      body = JSON.readTree(request);
    } catch (IOException e) {
      throw new InvalidRequestException(null, "the request body is not valid JSON");
    }
    JsonNode encoded = body == null ? null : body.at("/input/invokeModel/body");
    if (encoded == null || !encoded.isTextual()) {
      throw new InvalidRequestException(BODY, BODY + " must be a base64 string");
    }
    try {
      return Base64.getDecoder().decode(encoded.asText());
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(BODY, BODY + " must be a base64 string");
    }
  }

  @Override
  public void write(Context ctx, RouteResponse response) throws IOException {
    JsonNode count = JSON.readTree(response.body()).path("input_tokens");
    ctx.contentType("application/json")
        .result(JSON.createObjectNode().put("inputTokens", count.asLong()).toString());
  }

  @Override
  public void error(Context ctx, int status, byte[] body) {
    BedrockAnswers.INSTANCE.error(ctx, status, body);
  }

  @Override
  public String streamContentType() {
    return BedrockAnswers.INSTANCE.streamContentType();
  }

  @Override
  public byte[] event(SseEvent event) {
    return BedrockAnswers.INSTANCE.event(event);
  }
}
