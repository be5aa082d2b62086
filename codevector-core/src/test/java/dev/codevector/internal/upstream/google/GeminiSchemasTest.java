package dev.codevector.internal.upstream.google;

import static dev.codevector.internal.upstream.google.GoogleTestbed.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

final class GeminiSchemasTest {

  @Test
  void recursiveReferenceBecomesAPlainObject() {
    assertEquals(
        json(
            """
            {"type":"object","properties":{"name":{"type":"string"},
              "children":{"type":"array","items":{"type":"object","description":"a node"}}}}
            """),
        GeminiSchemas.clean(
            json(
                """
                {"$ref":"#/definitions/Node","definitions":{"Node":{"type":"object",
                  "properties":{"name":{"type":"string"},
                    "children":{"type":"array","items":{"$ref":"#/definitions/Node",
                      "description":"a node"}}}}}}
                """)));
  }

  @Test
  void nullBranchOfAnyOfBecomesNullableAndTheOtherBranchIsMerged() {
    assertEquals(
        json("{\"type\":\"integer\",\"format\":\"int64\",\"description\":\"n\",\"nullable\":true}"),
        GeminiSchemas.clean(
            json(
                "{\"description\":\"n\",\"anyOf\":[{\"type\":\"integer\",\"format\":\"int64\"},"
                    + "{\"type\":\"null\"}]}")));
  }

  @Test
  void oneOfBecomesAnyOfAndConstBecomesAnEnum() {
    assertEquals(
        json(
            """
            {"anyOf":[{"type":"string","enum":["a"]},{"type":"number","format":"double"}]}
            """),
        GeminiSchemas.clean(
            json(
                """
                {"oneOf":[{"const":"a"},{"type":"number","format":"double","exclusiveMinimum":0}]}
                """)));
  }

  @Test
  void keywordsGeminiRefusesAreDropped() {
    assertEquals(
        json(
            """
            {"type":"object","properties":{"port":{"type":"integer"},
              "host":{"type":"string","maxLength":253}},"required":["host"]}
            """),
        GeminiSchemas.clean(
            json(
                """
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
                 "additionalProperties":false,
                 "properties":{"port":{"type":"integer","enum":[80,443],"default":80},
                   "host":{"type":"string","format":"hostname","maxLength":253}},
                 "required":["host","missing"]}
                """)));
  }
}
