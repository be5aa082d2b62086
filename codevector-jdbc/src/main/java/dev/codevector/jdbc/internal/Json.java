package dev.codevector.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codevector.spi.StoreException;
import java.util.List;
import java.util.Map;

/** Writes and reads the columns kept as JSON text: Provider configuration and stop sequences. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
  private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};

  private Json() {}

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

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot read a JSON column", e);
    }
  }
}
