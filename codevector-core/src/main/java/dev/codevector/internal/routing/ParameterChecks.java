package dev.codevector.internal.routing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.codevector.routing.InvalidRequestException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Checks the type and range of the well-known top-level request parameters as the scan passes them,
 * so a malformed value gets a 400 naming the parameter instead of reaching an upstream. Parameters
 * are checked wherever they appear; unknown ones pass untouched.
 */
final class ParameterChecks {
  private enum Shape {
    COUNT,
    POSITIVE_COUNT,
    TEMPERATURE,
    PROBABILITY,
    ARRAY,
    TEXT_OR_ARRAY,
    OBJECT
  }

  private static final Map<String, Shape> SHAPES =
      Map.ofEntries(
          Map.entry("max_tokens", Shape.COUNT),
          Map.entry("max_completion_tokens", Shape.COUNT),
          Map.entry("max_output_tokens", Shape.COUNT),
          Map.entry("top_k", Shape.COUNT),
          Map.entry("n", Shape.POSITIVE_COUNT),
          Map.entry("temperature", Shape.TEMPERATURE),
          Map.entry("top_p", Shape.PROBABILITY),
          Map.entry("messages", Shape.ARRAY),
          Map.entry("tools", Shape.ARRAY),
          Map.entry("stop_sequences", Shape.ARRAY),
          Map.entry("stop", Shape.TEXT_OR_ARRAY),
          Map.entry("input", Shape.TEXT_OR_ARRAY),
          Map.entry("system", Shape.TEXT_OR_ARRAY),
          Map.entry("metadata", Shape.OBJECT),
          Map.entry("stream_options", Shape.OBJECT));

  private ParameterChecks() {}

  /** Checks the value the parser stands on, for the named top-level parameter. */
  static void check(String name, JsonToken value, JsonParser parser) throws IOException {
    Shape shape = SHAPES.get(name);
    if (shape == null || value == JsonToken.VALUE_NULL) {
      return;
    }
    switch (shape) {
      case COUNT:
        requireInteger(name, value, parser, 0);
        break;
      case POSITIVE_COUNT:
        requireInteger(name, value, parser, 1);
        break;
      case TEMPERATURE:
        requireNumber(name, value, parser, BigDecimal.valueOf(2));
        break;
      case PROBABILITY:
        requireNumber(name, value, parser, BigDecimal.ONE);
        break;
      case ARRAY:
        require(name, value == JsonToken.START_ARRAY, "must be an array");
        break;
      case TEXT_OR_ARRAY:
        require(
            name,
            value == JsonToken.VALUE_STRING || value == JsonToken.START_ARRAY,
            "must be a string or an array");
        break;
      case OBJECT:
        require(name, value == JsonToken.START_OBJECT, "must be an object");
        break;
      default:
        throw new AssertionError(shape);
    }
  }

  private static void requireInteger(String name, JsonToken value, JsonParser parser, long min)
      throws IOException {
    require(name, value == JsonToken.VALUE_NUMBER_INT, "must be an integer");
    require(
        name,
        parser.getBigIntegerValue().compareTo(BigInteger.valueOf(min)) >= 0
            && parser.getBigIntegerValue().bitLength() < 32,
        min == 0 ? "must not be negative" : "must be at least " + min);
  }

  private static void requireNumber(String name, JsonToken value, JsonParser parser, BigDecimal max)
      throws IOException {
    require(name, value.isNumeric(), "must be a number");
    BigDecimal number = parser.getDecimalValue();
    require(
        name,
        number.signum() >= 0 && number.compareTo(max) <= 0,
        "must be between 0 and " + max.toPlainString());
  }

  private static void require(String name, boolean holds, String problem) {
    if (!holds) {
      throw new InvalidRequestException(name, name + " " + problem);
    }
  }
}
