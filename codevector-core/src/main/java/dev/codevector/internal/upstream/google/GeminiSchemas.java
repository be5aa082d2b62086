package dev.codevector.internal.upstream.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a JSON Schema (OpenAI tool parameters, a {@code json_schema} response format) into the
 * OpenAPI subset Gemini takes for function parameters and response schemas.
 *
 * <ul>
 *   <li>Local references ({@code #/$defs/…}, {@code #/definitions/…}) are inlined; a reference to a
 *       schema being inlined already (a recursive type) or to nothing becomes {@code
 *       {"type":"object"}}, keeping its description.
 *   <li>A type list such as {@code ["string","null"]} becomes its first non-null type with {@code
 *       nullable: true}; a {@code {"type":"null"}} branch of {@code anyOf} becomes {@code nullable}
 *       too, and an {@code anyOf} left with one branch is merged into its schema. {@code oneOf}
 *       becomes {@code anyOf}; {@code const} becomes a one-value {@code enum}.
 *   <li>{@code enum} stays only when every value is a string; {@code format} only where Gemini
 *       takes it ({@code enum} and {@code date-time} for strings, {@code float} and {@code double}
 *       for numbers, {@code int32} and {@code int64} for integers); {@code required} only names
 *       properties that exist; an empty {@code properties} is left out.
 *   <li>Every other keyword ({@code $schema}, {@code $id}, {@code additionalProperties}, {@code
 *       default}, {@code examples}, {@code exclusiveMinimum}, {@code allOf}, {@code not}, …) is
 *       dropped.
 * </ul>
 *
 * <p>Stateless; thread-safe.
 */
final class GeminiSchemas {
  private static final Set<String> COPIED =
      Set.of(
          "title",
          "description",
          "nullable",
          "minItems",
          "maxItems",
          "minProperties",
          "maxProperties",
          "minLength",
          "maxLength",
          "pattern",
          "minimum",
          "maximum");
  private static final Map<String, Set<String>> FORMATS =
      Map.of(
          "string", Set.of("enum", "date-time"),
          "number", Set.of("float", "double"),
          "integer", Set.of("int32", "int64"));

  private GeminiSchemas() {}

  /**
   * Returns the Gemini form of a schema.
   *
   * @param schema a JSON Schema; anything but an object reads as an empty schema
   * @return a new object
   */
  static ObjectNode clean(JsonNode schema) {
    JsonNode definitions = schema.has("$defs") ? schema.path("$defs") : schema.path("definitions");
    return new Cleaner(definitions).clean(schema);
  }

  /**
   * Whether a cleaned schema is an object without properties, which Gemini refuses as parameters.
   */
  static boolean isEmptyObject(ObjectNode cleaned) {
    return !cleaned.has("properties") && !cleaned.has("anyOf") && !cleaned.has("items");
  }

  /** One schema's cleaning: its definitions, and the references being inlined. */
  private static final class Cleaner {
    private final JsonNode definitions;
    private final Deque<String> inlining = new ArrayDeque<>();

    Cleaner(JsonNode definitions) {
      this.definitions = definitions;
    }

    ObjectNode clean(JsonNode schema) {
      ObjectNode out = Json.MAPPER.createObjectNode();
      if (!schema.isObject()) {
        return out;
      }
      if (schema.path("$ref").isTextual()) {
        return inline(schema);
      }
      for (String keyword : COPIED) {
        if (schema.has(keyword)) {
          out.set(keyword, schema.get(keyword).deepCopy());
        }
      }
      type(schema.path("type"), out);
      values(schema, out);
      JsonNode format = schema.path("format");
      Set<String> formats = FORMATS.getOrDefault(out.path("type").asText(""), Set.of());
      if (format.isTextual() && formats.contains(format.asText())) {
        out.put("format", format.asText());
      }
      properties(schema, out);
      if (schema.has("items")) {
        out.set("items", clean(schema.get("items")));
      }
      JsonNode branches = schema.has("anyOf") ? schema.get("anyOf") : schema.path("oneOf");
      if (branches.isArray()) {
        return anyOf((ArrayNode) branches, out);
      }
      return out;
    }

    private ObjectNode inline(JsonNode schema) {
      String ref = schema.get("$ref").asText();
      String name = ref.substring(ref.lastIndexOf('/') + 1);
      JsonNode target = definitions.path(name);
      boolean local = ref.startsWith("#/$defs/") || ref.startsWith("#/definitions/");
      ObjectNode out;
      if (!local || !target.isObject() || inlining.contains(name)) {
        out = Json.MAPPER.createObjectNode().put("type", "object");
      } else {
        inlining.push(name);
        out = clean(target);
        inlining.pop();
      }
      if (schema.path("description").isTextual()) {
        out.put("description", schema.get("description").asText());
      }
      return out;
    }

    private static void type(JsonNode type, ObjectNode out) {
      if (type.isTextual()) {
        out.put("type", type.asText());
      } else if (type.isArray()) {
        for (JsonNode each : type) {
          if (each.asText().equals("null")) {
            out.put("nullable", true);
          } else if (!out.has("type")) {
            out.put("type", each.asText());
          }
        }
      }
    }

    private static void values(JsonNode schema, ObjectNode out) {
      JsonNode values =
          schema.has("const")
              ? Json.MAPPER.createArrayNode().add(schema.get("const"))
              : schema.path("enum");
      if (!values.isArray() || values.isEmpty()) {
        return;
      }
      for (JsonNode value : values) {
        if (!value.isTextual()) {
          return;
        }
      }
      out.set("enum", values.deepCopy());
      if (!out.has("type")) {
        out.put("type", "string");
      }
    }

    private void properties(JsonNode schema, ObjectNode out) {
      JsonNode properties = schema.path("properties");
      if (!properties.isObject() || properties.isEmpty()) {
        return;
      }
      ObjectNode cleaned = out.putObject("properties");
      for (Map.Entry<String, JsonNode> property : properties.properties()) {
        cleaned.set(property.getKey(), clean(property.getValue()));
      }
      ArrayNode required = Json.MAPPER.createArrayNode();
      for (JsonNode name : schema.path("required")) {
        if (name.isTextual() && cleaned.has(name.asText())) {
          required.add(name.asText());
        }
      }
      if (!required.isEmpty()) {
        out.set("required", required);
      }
    }

    private ObjectNode anyOf(ArrayNode branches, ObjectNode out) {
      ArrayNode kept = Json.MAPPER.createArrayNode();
      for (JsonNode branch : branches) {
        if (branch.path("type").asText("").equals("null")) {
          out.put("nullable", true);
        } else {
          kept.add(clean(branch));
        }
      }
      if (kept.size() == 1) {
        ObjectNode merged = (ObjectNode) kept.get(0);
        merged.setAll(out);
        return merged;
      }
      if (!kept.isEmpty()) {
        out.set("anyOf", kept);
      }
      return out;
    }
  }
}
