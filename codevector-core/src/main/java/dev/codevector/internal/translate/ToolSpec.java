package dev.codevector.internal.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import java.util.Objects;
import java.util.Optional;

/**
 * A function tool the model may call. Tools of other kinds are turned into functions (Responses'
 * freeform tools), or dropped or refused, by the client dialect's codec.
 *
 * @param name the tool's name, as the client named it; upstream codecs shorten or escape it where
 *     their dialect needs that, and restore it in the answer
 * @param description what the tool does; empty when the client gave none
 * @param parameters the JSON schema of the arguments, an object schema; not modified by codecs
 * @param strict the client's {@code strict} flag, when it gave one
 */
record ToolSpec(String name, String description, ObjectNode parameters, Optional<Boolean> strict) {

  /** Checks the fields. */
  ToolSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(strict, "strict");
  }

  /**
   * Returns a tool as a client described it: a copy of its schema, or an empty object schema when
   * the schema is not an object; its {@code strict} flag when that is a boolean.
   *
   * @param name the tool's name
   * @param description what the tool does; empty when the client gave none
   * @param parameters the client's schema of the arguments
   * @param strict the client's {@code strict} flag; missing when the dialect has none
   * @return the tool
   */
  static ToolSpec read(String name, String description, JsonNode parameters, JsonNode strict) {
    ObjectNode schema =
        parameters.isObject() ? (ObjectNode) parameters.deepCopy() : emptyObjectSchema();
    return new ToolSpec(
        name,
        description,
        schema,
        strict.isBoolean() ? Optional.of(strict.asBoolean()) : Optional.empty());
  }

  /**
   * Returns the schema of an object with no properties.
   *
   * @return a new schema
   */
  static ObjectNode emptyObjectSchema() {
    ObjectNode schema = Json.MAPPER.createObjectNode().put("type", "object");
    schema.putObject("properties");
    return schema;
  }
}
