package dev.codevector.server.admin;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.registry.ValidationException;
import dev.codevector.vault.Secret;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A JSON object from an admin request body, read field by field. Every problem becomes a {@link
 * ValidationException} naming the field by its path (such as {@code pricing.inputPerMTok}), which
 * the admin API answers with 400. Fields the object does not allow are refused, so a misspelt field
 * is not silently ignored. A field set to JSON {@code null} counts as left out, unless the caller
 * asks with {@link #isNull}, as a change does to clear a value. Credential values never appear in a
 * message.
 *
 * <p>Not thread-safe; confine to the request's thread.
 */
final class JsonBody {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** The largest magnitude a number in a request may have. */
  private static final long MAX_NUMBER = 1_000_000_000L;

  /** The most decimal places a number in a request may have. */
  private static final int MAX_DECIMALS = 12;

  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private final ObjectNode node;
  private final String path;

  private JsonBody(ObjectNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /**
   * Parses a request body that must be a JSON object holding only the allowed fields.
   *
   * @param body the request body
   * @param allowed the names of the fields the object may hold
   * @return the object
   * @throws ValidationException if the body is not a JSON object or holds another field
   */
  static JsonBody parse(String body, Set<String> allowed) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      // Jackson's own message may quote the body, which may hold a credential: give the place only.
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw new ValidationException("body", null, "is not valid JSON or repeats a field" + where);
    }
    if (!(root instanceof ObjectNode object)) {
      throw new ValidationException("body", null, "must be a JSON object");
    }
    return new JsonBody(object, "").allowing(allowed);
  }

  private JsonBody allowing(Set<String> allowed) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new ValidationException(
            name(name),
            null,
            "is not a field here; allowed: " + String.join(", ", new TreeSet<>(allowed)));
      }
    }
    return this;
  }

  /**
   * Returns whether a field is present and not {@code null}.
   *
   * @param field the field's name
   * @return true if it has a value
   */
  boolean has(String field) {
    JsonNode value = node.get(field);
    return value != null && !value.isNull();
  }

  /**
   * Returns whether a field is given as JSON {@code null}, which a change reads as clearing it.
   *
   * @param field the field's name
   * @return true if it is present and {@code null}
   */
  boolean isNull(String field) {
    JsonNode value = node.get(field);
    return value != null && value.isNull();
  }

  /** Returns a required string. */
  String text(String field) {
    return optionalText(field)
        .orElseThrow(() -> new ValidationException(name(field), null, "is required"));
  }

  /** Returns an optional string. */
  Optional<String> optionalText(String field) {
    if (!has(field)) {
      return Optional.empty();
    }
    JsonNode value = node.get(field);
    if (!value.isTextual()) {
      throw new ValidationException(name(field), null, "must be a string");
    }
    return Optional.of(value.textValue());
  }

  /** Returns an optional {@code true} or {@code false}. */
  Optional<Boolean> bool(String field) {
    if (!has(field)) {
      return Optional.empty();
    }
    JsonNode value = node.get(field);
    if (!value.isBoolean()) {
      throw new ValidationException(name(field), null, "must be true or false");
    }
    return Optional.of(value.booleanValue());
  }

  /** Returns a required whole number that fits in an {@code int}. */
  int integer(String field) {
    return optionalInteger(field)
        .orElseThrow(() -> new ValidationException(name(field), null, "is required"));
  }

  /** Returns an optional whole number that fits in an {@code int}. */
  Optional<Integer> optionalInteger(String field) {
    if (!has(field)) {
      return Optional.empty();
    }
    JsonNode value = node.get(field);
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new ValidationException(
          name(field), null, "must be a whole number of at most " + Integer.MAX_VALUE);
    }
    return Optional.of(value.intValue());
  }

  /** Returns an optional whole number that fits in an {@code int}. */
  OptionalInt optionalInt(String field) {
    return optionalInteger(field).map(OptionalInt::of).orElse(OptionalInt.empty());
  }

  /** Returns an optional whole number that fits in a {@code long}. */
  OptionalLong optionalLong(String field) {
    if (!has(field)) {
      return OptionalLong.empty();
    }
    JsonNode value = node.get(field);
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new ValidationException(
          name(field), null, "must be a whole number of at most " + Long.MAX_VALUE);
    }
    return OptionalLong.of(value.longValue());
  }

  /** Returns an optional number as a {@code double}. */
  OptionalDouble optionalDouble(String field) {
    return decimal(field)
        .map(d -> OptionalDouble.of(d.doubleValue()))
        .orElse(OptionalDouble.empty());
  }

  /**
   * Returns an optional number, given as a JSON number or as a string holding one. Its magnitude is
   * at most {@value #MAX_NUMBER} and it has at most {@value #MAX_DECIMALS} decimal places, which
   * covers every price and sampling value, and which every store holds and reads back exactly.
   */
  Optional<BigDecimal> decimal(String field) {
    if (!has(field)) {
      return Optional.empty();
    }
    JsonNode value = node.get(field);
    BigDecimal number;
    if (value.isNumber()) {
      number = value.decimalValue();
    } else if (value.isTextual()) {
      try {
        number = new BigDecimal(value.textValue().strip());
      } catch (NumberFormatException e) {
        throw new ValidationException(name(field), value.textValue(), "must be a number");
      }
    } else {
      throw new ValidationException(name(field), null, "must be a number");
    }
    if (number.abs().compareTo(BigDecimal.valueOf(MAX_NUMBER)) > 0
        || number.stripTrailingZeros().scale() > MAX_DECIMALS) {
      throw new ValidationException(
          name(field),
          value.asText(),
          "must be at most " + MAX_NUMBER + " with at most " + MAX_DECIMALS + " decimal places");
    }
    return Optional.of(number);
  }

  /** Returns an optional instant in ISO-8601 form, such as {@code 2026-01-31T12:00:00Z}. */
  Optional<Instant> instant(String field) {
    return optionalText(field)
        .map(
            text -> {
              try {
                return storable(name(field), Instant.parse(text));
              } catch (DateTimeParseException e) {
                throw new ValidationException(
                    name(field), text, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
              }
            });
  }

  /**
   * Checks that an instant lies between 1970 and the end of 9999, which every store can hold and
   * which leaves room to compute ranges around it.
   *
   * @param field the field or parameter it came from, named in the error
   * @param value the instant
   * @return the instant
   * @throws ValidationException if it lies outside
   */
  static Instant storable(String field, Instant value) {
    if (value.isBefore(Instant.EPOCH) || value.isAfter(LATEST)) {
      throw new ValidationException(
          field, value.toString(), "must be between " + Instant.EPOCH + " and " + LATEST);
    }
    return value;
  }

  /** Returns an optional list of strings. */
  Optional<List<String>> strings(String field) {
    if (!has(field)) {
      return Optional.empty();
    }
    JsonNode value = node.get(field);
    if (!value.isArray()) {
      throw new ValidationException(name(field), null, "must be an array of strings");
    }
    List<String> strings = new ArrayList<>();
    for (JsonNode element : value) {
      if (!element.isTextual()) {
        throw new ValidationException(name(field), null, "must be an array of strings");
      }
      strings.add(element.textValue());
    }
    return Optional.of(strings);
  }

  /**
   * Returns an optional nested object holding only the allowed fields; its errors name fields as
   * {@code field.name}.
   */
  Optional<JsonBody> object(String field, Set<String> allowed) {
    return object(field).map(o -> o.allowing(allowed));
  }

  private Optional<JsonBody> object(String field) {
    if (!has(field)) {
      return Optional.empty();
    }
    if (!(node.get(field) instanceof ObjectNode nested)) {
      throw new ValidationException(name(field), null, "must be a JSON object");
    }
    return Optional.of(new JsonBody(nested, name(field) + "."));
  }

  /**
   * Returns an optional object of settings, by name. Values are strings, or whole numbers written
   * as text; a {@code null} value maps to an empty optional, so that a change can remove it.
   */
  Optional<Map<String, Optional<String>>> settings(String field) {
    return object(field)
        .map(
            settings -> {
              Map<String, Optional<String>> values = new TreeMap<>();
              for (Iterator<String> names = settings.node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                JsonNode value = settings.node.get(name);
                values.put(
                    name,
                    value.isIntegralNumber()
                        ? Optional.of(value.asText())
                        : settings.optionalText(name));
              }
              return Collections.unmodifiableMap(values);
            });
  }

  /**
   * Returns an optional object of credentials, by name, each value a string. A message about a
   * credential names the field but never shows the value.
   */
  Optional<Map<String, Secret>> credentials(String field) {
    return object(field)
        .map(
            credentials -> {
              Map<String, Secret> values = new LinkedHashMap<>();
              for (Map.Entry<String, JsonNode> e : credentials.node.properties()) {
                if (!e.getValue().isTextual()) {
                  throw ValidationException.ofSecret(
                      credentials.name(e.getKey()), "must be a string");
                }
                values.put(e.getKey(), Secret.of(e.getValue().textValue()));
              }
              return Collections.unmodifiableMap(values);
            });
  }

  private String name(String field) {
    return path + field;
  }
}
