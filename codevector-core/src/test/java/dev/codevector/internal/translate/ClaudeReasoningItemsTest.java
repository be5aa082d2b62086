package dev.codevector.internal.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codevector.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class ClaudeReasoningItemsTest {

  @Test
  void claudesSealedThinkingIsTakenOutAndEverythingElseKept() throws Exception {
    ObjectNode claude =
        ResponsesReasoning.write(
            "rs_1",
            new Part.Reasoning(
                "Let me think.",
                Optional.of(new Part.Seal(Part.Seal.Family.ANTHROPIC, "sig-1", false))),
            true);
    String request =
        "{\"model\":\"gpt-5\",\"input\":["
            + claude
            + ",{\"type\":\"reasoning\",\"id\":\"rs_2\",\"summary\":[],"
            + "\"encrypted_content\":\"gAAAA-openai\"},"
            + "{\"type\":\"message\",\"role\":\"user\",\"content\":\"hi\"}],\"store\":false}";

    byte[] out = ClaudeReasoningItems.removedFrom(request.getBytes(StandardCharsets.UTF_8));

    assertEquals(
        Json.MAPPER.readTree(
            "{\"model\":\"gpt-5\",\"input\":[{\"type\":\"reasoning\",\"id\":\"rs_2\","
                + "\"summary\":[],\"encrypted_content\":\"gAAAA-openai\"},"
                + "{\"type\":\"message\",\"role\":\"user\",\"content\":\"hi\"}],\"store\":false}"),
        Json.MAPPER.readTree(out));
  }

  @Test
  void itemsAreFoundWhereverTheyStand() throws Exception {
    String last =
        "{\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":\"cv-anthropic\"},"
            + "{\"type\":\"reasoning\",\"encrypted_content\":\"cv-anthropic.\"}]}";

    assertEquals(
        Json.MAPPER.readTree(
            "{\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":\"cv-anthropic\"}]}"),
        Json.MAPPER.readTree(
            ClaudeReasoningItems.removedFrom(last.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void aRequestWithoutClaudesThinkingIsTheSameArray() {
    byte[] request =
        ("{\"model\":\"gpt-5\",  \"input\":[{\"type\":\"message\",\"role\":\"user\","
                + "\"content\":\"cv-anthropic. is just text here\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    byte[] plain = "{\"model\":\"gpt-5\",\"input\":\"hi\"}".getBytes(StandardCharsets.UTF_8);

    assertSame(request, ClaudeReasoningItems.removedFrom(request));
    assertSame(plain, ClaudeReasoningItems.removedFrom(plain));
  }
}
