package dev.codevector.internal.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class ToolIdsTest {
  private final ToolIds ids = new ToolIds();

  @Test
  void moonshotIdIsCleanedTheSameWayEveryTime() {
    String first = ids.map("functions.Bash:0");

    String again = ids.map("functions.Bash:0");

    assertEquals("functions_Bash_0", first);
    assertEquals(first, again);
  }

  @Test
  void cleanIdIsKept() {
    String mapped = ids.map("toolu_01A-b");

    assertEquals("toolu_01A-b", mapped);
  }

  @Test
  void emptyIdsBecomeDistinctFreshIds() {
    String empty = ids.map("");
    String generated = ToolIds.random("toolu_");

    assertTrue(empty.matches("toolu_[0-9a-f]{24}"));
    assertNotEquals(empty, generated);
  }
}
