package dev.codevector.internal.routing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.codevector.internal.Json;
import dev.codevector.internal.JsonProblems;
import dev.codevector.routing.InvalidRequestException;
import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the router needs to know of a client's JSON body, found in one pass of a streaming parser
 * without building a tree: the top-level field names, the requested model and where its value lies,
 * whether a stream is asked for, and the client's session as its {@code prompt_cache_key} (OpenAI)
 * or else {@code metadata.user_id} (Anthropic) names it, and the request's {@link TokenEstimate}.
 * The pass also checks that the body is well-formed JSON in UTF-8 with no duplicate keys at any
 * depth.
 */
final class RequestScan {
  final String model;
  final boolean stream;
  final Set<String> fields;
  final Optional<String> session;
  final TokenEstimate estimate;

  /** Byte offsets of the {@code model} value, quotes included, and of the closing brace. */
  final int modelStart;

  final int modelEnd;
  final int closingBrace;

  private RequestScan(
      String model,
      boolean stream,
      Set<String> fields,
      Optional<String> session,
      TokenEstimate estimate,
      int modelStart,
      int modelEnd,
      int closingBrace) {
    this.model = model;
    this.stream = stream;
    this.fields = fields;
    this.session = session;
    this.estimate = estimate;
    this.modelStart = modelStart;
    this.modelEnd = modelEnd;
    this.closingBrace = closingBrace;
  }

  /** Reads the {@code metadata} object to its end; returns its {@code user_id} string, if any. */
  private static String userId(JsonParser parser) throws IOException {
    String userId = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      if (parser.nextToken() == JsonToken.VALUE_STRING && name.equals("user_id")) {
        userId = parser.getText();
      } else {
        parser.skipChildren();
      }
    }
    return userId;
  }

  static RequestScan of(byte[] body) {
    if (!Utf8.isValid(body)) {
      throw new InvalidRequestException(null, "the request body is not valid UTF-8");
    }
    try (JsonParser parser = Json.MAPPER.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidRequestException(null, "the request body must be a JSON object");
      }
      Set<String> fields = new HashSet<>();
      String model = null;
      boolean stream = false;
      int modelStart = -1;
      int modelEnd = -1;
      String promptCacheKey = null;
      String userId = null;
      TokenEstimate.Counter counter = new TokenEstimate.Counter();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        fields.add(name);
        JsonToken value = parser.nextToken();
        if (name.equals("model")) {
          if (value != JsonToken.VALUE_STRING) {
            throw new InvalidRequestException("model", "model must be a string");
          }
          modelStart = (int) parser.currentTokenLocation().getByteOffset();
          model = parser.getText();
          modelEnd = (int) parser.currentLocation().getByteOffset();
        } else if (name.equals("stream")) {
          if (!value.isBoolean()) {
            throw new InvalidRequestException("stream", "stream must be a boolean");
          }
          stream = value == JsonToken.VALUE_TRUE;
        } else if (name.equals("prompt_cache_key") && value == JsonToken.VALUE_STRING) {
          promptCacheKey = parser.getText();
          counter.count(name, value, parser);
        } else {
          ParameterChecks.check(name, value, parser);
          if (name.equals("metadata") && value == JsonToken.START_OBJECT) {
            userId = userId(parser);
          } else {
            counter.count(name, value, parser);
          }
        }
      }
      int closingBrace = (int) parser.currentTokenLocation().getByteOffset();
      if (parser.nextToken() != null) {
        throw new InvalidRequestException(
            null, "the request body has content after its JSON object");
      }
      if (model == null) {
        throw new InvalidRequestException("model", "model is required");
      }
      return new RequestScan(
          model,
          stream,
          Set.copyOf(fields),
          Optional.ofNullable(promptCacheKey != null ? promptCacheKey : userId),
          counter.estimate(),
          modelStart,
          modelEnd,
          closingBrace);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException(null, JsonProblems.describe("the request body", e));
    } catch (IOException e) {
      throw new InvalidRequestException(null, "the request body cannot be read");
    }
  }
}
