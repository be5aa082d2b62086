package dev.codevector.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.codevector.wire.Dialect;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class DialectsTest {

  @Test
  void acceptsTheNativeDialectAndTheOthersGiven() {
    Dialects dialects = Dialects.of(Dialect.OPENAI_CHAT, Dialect.OPENAI_EMBEDDINGS);

    assertEquals(Dialect.OPENAI_CHAT, dialects.nativeDialect());
    assertEquals(Set.of(Dialect.OPENAI_CHAT, Dialect.OPENAI_EMBEDDINGS), dialects.accepted());
    assertTrue(dialects.accepts(Dialect.OPENAI_EMBEDDINGS));
    assertFalse(dialects.accepts(Dialect.ANTHROPIC_MESSAGES));
  }

  @Test
  void refusesANativeDialectItDoesNotAccept() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Dialects(Dialect.ANTHROPIC_MESSAGES, Set.of(Dialect.OPENAI_CHAT)));
  }
}
