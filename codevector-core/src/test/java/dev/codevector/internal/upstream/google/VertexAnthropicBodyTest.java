package dev.codevector.internal.upstream.google;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class VertexAnthropicBodyTest {

  @Test
  void modelGivesWayToTheVertexVersionKeepingEveryOtherByte() throws Exception {
    assertEquals(
        "{ \"max_tokens\" : 1.50,\"anthropic_version\":\"vertex-2023-10-16\", \"x\":[1] }",
        rewrite("{ \"max_tokens\" : 1.50,\"model\":\"claude\", \"x\":[1] }", false));
  }

  @Test
  void clientsOwnVersionStaysAndTheModelLeavesWithItsComma() throws Exception {
    assertEquals(
        "{\"anthropic_version\":\"v1\",\"stream\":true}",
        rewrite("{\"anthropic_version\":\"v1\",\"model\":\"claude\",\"stream\":true}", false));
    assertEquals(
        "{\"anthropic_version\":\"v1\"}",
        rewrite("{\"anthropic_version\":\"v1\", \"model\":\"claude\"}", false));
  }

  @Test
  void tokenCountingKeepsTheModelAndAddsTheVersionAfterIt() throws Exception {
    assertEquals(
        "{\"model\":\"claude\",\"anthropic_version\":\"vertex-2023-10-16\",\"messages\":[]}",
        rewrite("{\"model\":\"claude\",\"messages\":[]}", true));
  }

  @Test
  void nestedModelFieldsAreLeftAlone() throws Exception {
    assertEquals(
        "{\"metadata\":{\"model\":\"x\"},\"anthropic_version\":\"vertex-2023-10-16\"}",
        rewrite("{\"metadata\":{\"model\":\"x\"},\"model\":\"claude\"}", false));
  }

  private static String rewrite(String body, boolean keepModel) throws Exception {
    return new String(
        VertexAnthropicBody.rewrite(body.getBytes(StandardCharsets.UTF_8), keepModel),
        StandardCharsets.UTF_8);
  }
}
