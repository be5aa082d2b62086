package dev.codevector.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

final class InProcessFailoverTest {

  @Test
  void exampleFailsOverFromThePrimaryToTheStandbyWholeAndStreamedAndReadsTheUsageBack()
      throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    InProcessFailover.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

    List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals("attempt primary-model: FAILOVER, status 503", lines.get(0));
    assertEquals("attempt standby-model: SUCCESS, status 200", lines.get(1));
    assertEquals(true, lines.get(2).contains("Hello from the standby."));
    assertEquals(
        "usage: Usage[inputTokens=9, cachedInputTokens=0, cacheWriteTokens=0, outputTokens=5]",
        lines.get(3));
    assertEquals(true, lines.get(4).startsWith("event: ") && lines.get(4).contains("Hello "));
    assertEquals(true, lines.get(5).contains("again."), lines.get(5));
    assertEquals("event: [DONE]", lines.get(6));
    assertEquals("served by priority 20", lines.get(7));
    assertEquals(
        List.of(
            "recorded: standby-model, 2 attempts, status 200, 9 tokens in, 5 out",
            "recorded: standby-model, 2 attempts, status 200, 9 tokens in, 3 out"),
        lines.subList(8, lines.size()));
  }
}
