package dev.codevector.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.registry.BackendId;
import dev.codevector.registry.ProviderId;
import dev.codevector.routing.Outcome;
import dev.codevector.spi.StoreException;
import dev.codevector.usage.AttemptSummary;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads the columns kept as JSON text: Provider configuration, stop sequences, and the
 * attempts of a usage record.
 */
final class JsonColumns {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
  private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};
  private static final TypeReference<List<Map<String, Object>>> OBJECT_LIST =
      new TypeReference<>() {};

  private JsonColumns() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot write a column as JSON", e);
    }
  }

  static Map<String, String> readMap(String json) {
    return read(json, STRING_MAP);
  }

  static List<String> readList(String json) {
    return read(json, STRING_LIST);
  }

  /** Writes attempts as an array of objects, each with its outcome by name. */
  static String writeAttempts(List<AttemptSummary> attempts) {
    return write(
        attempts.stream()
            .map(
                a ->
                    Map.of(
                        "backendId", a.backendId().value(),
                        "providerId", a.providerId().value(),
                        "upstreamModel", a.upstreamModel(),
                        "outcome", a.outcome().name(),
                        "status", a.status()))
            .toList());
  }

  static List<AttemptSummary> readAttempts(String json) {
    return read(json, OBJECT_LIST).stream()
        .map(
            a ->
                new AttemptSummary(
                    BackendId.of((String) a.get("backendId")),
                    ProviderId.of((String) a.get("providerId")),
                    (String) a.get("upstreamModel"),
                    Outcome.valueOf((String) a.get("outcome")),
                    ((Number) a.get("status")).intValue()))
        .toList();
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot read a JSON column", e);
    }
  }
}
