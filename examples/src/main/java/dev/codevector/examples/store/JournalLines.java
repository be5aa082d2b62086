package dev.codevector.examples.store;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.codevector.access.ApiKeyId;
import dev.codevector.access.GrantId;
import dev.codevector.access.GroupId;
import dev.codevector.access.UserId;
import dev.codevector.limits.LimitId;
import dev.codevector.limits.LimitScope;
import dev.codevector.registry.Backend;
import dev.codevector.registry.BackendId;
import dev.codevector.registry.ModelId;
import dev.codevector.registry.ProviderId;
import dev.codevector.registry.ProviderModelId;
import dev.codevector.spi.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Writes and reads the journal's lines: one JSON object per write, {@code {"op": name, "value":
 * argument}}. The domain's records are written by their components only (not by methods such as
 * {@code isRoutable()}), with ids as plain strings, timestamps and durations in ISO-8601 text,
 * decimals as JSON numbers read back exactly, bytes in base64, and a limit's scope as an object
 * naming its kind.
 */
final class JournalLines {
  private final ObjectMapper mapper =
      JsonMapper.builder()
          .addModule(new Jdk8Module())
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .visibility(PropertyAccessor.IS_GETTER, Visibility.NONE)
          .addMixIn(ProviderId.class, IdAsString.class)
          .addMixIn(ProviderModelId.class, IdAsString.class)
          .addMixIn(ModelId.class, IdAsString.class)
          .addMixIn(BackendId.class, IdAsString.class)
          .addMixIn(UserId.class, IdAsString.class)
          .addMixIn(GroupId.class, IdAsString.class)
          .addMixIn(GrantId.class, IdAsString.class)
          .addMixIn(ApiKeyId.class, IdAsString.class)
          .addMixIn(LimitId.class, IdAsString.class)
          .addMixIn(LimitScope.class, ScopeByKind.class)
          .build();

  /**
   * Returns the line that journals a write, newline included.
   *
   * @param operation the write
   * @param value its argument
   * @return the line's UTF-8 bytes
   * @throws JsonProcessingException if the argument cannot be written
   */
  <T> byte[] write(Operation<T, ?> operation, T value) throws JsonProcessingException {
    Line line = new Line(operation.name(), value);
    return (mapper.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads a line back into the write it journals.
   *
   * @param line the line's bytes, without its newline
   * @return the write, ready to be applied to a store
   * @throws IOException if the line is not JSON, names no known operation, or holds no valid
   *     argument
   */
  Consumer<Store> read(byte[] line) throws IOException {
    JsonNode node = mapper.readTree(line);
    String name = node.path("op").asText();
    Operation<?, ?> operation =
        Operation.named(name)
            .orElseThrow(() -> new IOException("unknown operation '" + name + "'"));
    if (!node.has("value")) {
      throw new IOException("operation '" + name + "' has no value");
    }
    return read(operation, node.get("value"));
  }

  private <T> Consumer<Store> read(Operation<T, ?> operation, JsonNode value) throws IOException {
    if (operation == Operation.PUT_MODEL) {
      defaultWeights(value);
    }
    T argument = mapper.readerFor(operation.type()).readValue(value);
    return store -> operation.apply().apply(store, argument);
  }

  /** Gives the default weight to the Backends journaled before Backends had weights. */
  private static void defaultWeights(JsonNode model) {
    for (JsonNode backend : model.path("backends")) {
      if (backend instanceof ObjectNode fields && !fields.has("weight")) {
        fields.put("weight", Backend.DEFAULT_WEIGHT);
      }
    }
  }

  /** A journal line as written: the operation's name, then its argument. */
  private record Line(String op, Object value) {}

  /** Writes an id record, whose one component is its text, as that text, and reads it back. */
  private abstract static class IdAsString {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    IdAsString(String value) {}

    @JsonValue
    abstract String value();
  }

  /**
   * Writes a limit's scope with its kind, {@code key}, {@code user}, {@code group} or {@code all}.
   */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = LimitScope.Key.class, name = "key"),
    @JsonSubTypes.Type(value = LimitScope.User.class, name = "user"),
    @JsonSubTypes.Type(value = LimitScope.Group.class, name = "group"),
    @JsonSubTypes.Type(value = LimitScope.All.class, name = "all")
  })
  private interface ScopeByKind {}
}
